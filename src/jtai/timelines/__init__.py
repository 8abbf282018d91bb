"""Framework versions as data, and the key dates they give an inspection.

Pure Python (no Django). A :class:`FrameworkRules` lists, in date order, how each key date
follows from another: a number of working days from an anchor, or a weekday of a numbered
week, weeks being calendar weeks numbered so that the fieldwork week is week 3.
:func:`compute_timeline` turns rules, a fieldwork start and a
:class:`~jtai.workdays.WorkingCalendar` into a :class:`Timeline`.

Key-date names are stable: the CLI's JSON output and the HTTP API use them. A framework
uses the ones that apply to it (the 2016 framework has no ``information_due``) and may add
its own snake_case names; ``notification``, ``fieldwork_start``, ``fieldwork_end`` and
``publication`` are always present.

======================  =========================================================
name                    meaning (current framework, "2022")
======================  =========================================================
notification            inspectors notify the area: 10 working days before
                        fieldwork, the notification day being day 1
information_due         Annex A information due: 3 working days after notification
case_selection          inspectors have chosen the children to audit: end of week 1
audit_due               the area's audits due: the working day before fieldwork
fieldwork_start         first day on site: Monday of week 3 (the date given)
fieldwork_end           last day on site: Friday of week 3
feedback                findings fed back to the partnership: last day on site
draft_report            draft findings letter: 15 working days after fieldwork ends
factual_accuracy_due    comments on the draft due: 9 working days after it
final_report            embargoed final letter to partners: Monday of week 10
publication             letter published: Friday of week 10
wsoa_due                written statement of action due: 70 working days after
                        publication, counted from the actual date when known
======================  =========================================================

A key date placed by week that falls on a bank holiday or closure moves to the previous
working day, with a warning.
"""

from jtai.timelines.frameworks import DEFAULT_FRAMEWORK, SHIPPED_FRAMEWORKS
from jtai.timelines.rules import (
    INSPECTION_TYPES,
    INSPECTORATES,
    KEY_DATE_NAMES,
    REQUIRED_KEY_DATES,
    WEEKDAYS,
    FrameworkRules,
    FrameworkRulesError,
    KeyDateRule,
)
from jtai.timelines.serialise import (
    FrameworkRulesDict,
    KeyDateRuleDict,
    rules_from_dict,
    rules_to_dict,
)
from jtai.timelines.timeline import (
    Timeline,
    TimelineDict,
    compute_timeline,
    earliest_fieldwork_start,
    framework_in_force,
)

__all__ = [
    "DEFAULT_FRAMEWORK",
    "INSPECTION_TYPES",
    "INSPECTORATES",
    "KEY_DATE_NAMES",
    "REQUIRED_KEY_DATES",
    "SHIPPED_FRAMEWORKS",
    "WEEKDAYS",
    "FrameworkRules",
    "FrameworkRulesDict",
    "FrameworkRulesError",
    "KeyDateRule",
    "KeyDateRuleDict",
    "Timeline",
    "TimelineDict",
    "compute_timeline",
    "earliest_fieldwork_start",
    "framework_in_force",
    "rules_from_dict",
    "rules_to_dict",
]
