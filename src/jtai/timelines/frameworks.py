"""The framework versions the product ships with; administrators may add others as data.

Sources: the inspection timeline the partnerships publish for the current framework
(notification 10 working days before fieldwork, draft report on Friday of week 6, factual
accuracy comments by Thursday of week 8, final report on Monday and publication on Friday
of week 10) and the 2016-2020 letters (publication a median 30 working days after
fieldwork). Where the sources are silent the choice is marked "assumed" in the description.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from jtai.timelines.rules import INSPECTION_TYPES, FrameworkRules, KeyDateRule

ALL_FOUR = ("ofsted", "cqc", "hmicfrs", "hmip")

_NOTIFICATION = KeyDateRule(
    name="notification",
    label="Notification",
    anchor="fieldwork_start",
    working_days=-10,
    owner="inspectorates",
    description="Inspectors tell the area's leaders: notification is day 1, fieldwork day 11.",
)
_AUDIT_DUE = KeyDateRule(
    name="audit_due",
    label="Audits due",
    anchor="fieldwork_start",
    working_days=-1,
    owner="local area",
    description="Local agencies return their audits of the selected children by the end of "
    "week 2 (assumed: the working day before fieldwork).",
)
_FIELDWORK_START = KeyDateRule(
    name="fieldwork_start",
    label="Start of fieldwork",
    owner="inspectorates",
    description="Inspectors are on site from Monday of week 3.",
)
_FIELDWORK_END = KeyDateRule(
    name="fieldwork_end",
    label="End of fieldwork",
    anchor="fieldwork_start",
    week=3,
    weekday="friday",
    owner="inspectorates",
    description="The last day on site: Friday of the fieldwork week.",
)
_FEEDBACK = KeyDateRule(
    name="feedback",
    label="Feedback",
    anchor="fieldwork_end",
    working_days=0,
    owner="inspectorates",
    description="Inspectors feed back their findings to the partnership on the last day on site.",
)
_WSOA_DUE = KeyDateRule(
    name="wsoa_due",
    label="Written statement of action due",
    anchor="publication",
    working_days=70,
    owner="local area",
    description="The principal authority sends its written statement of proposed action, "
    "70 working days after publication.",
)

FRAMEWORK_2022 = FrameworkRules(
    key="2022",
    title="Joint targeted area inspections from 2022",
    valid_from=date(2022, 1, 1),
    fieldwork_week=3,
    rules=(
        _NOTIFICATION,
        KeyDateRule(
            name="information_due",
            label="Information (Annex A) due",
            anchor="notification",
            working_days=3,
            owner="local area",
            description="Agencies return the information listed in Annex A of the guidance "
            "(assumed: 3 working days after notification).",
        ),
        KeyDateRule(
            name="case_selection",
            label="Children selected for audit",
            anchor="notification",
            working_days=4,
            owner="inspectorates",
            description="Inspectors choose the children whose experiences local agencies audit, "
            "by the end of week 1 (assumed: 4 working days after notification).",
        ),
        _AUDIT_DUE,
        _FIELDWORK_START,
        _FIELDWORK_END,
        _FEEDBACK,
        KeyDateRule(
            name="draft_report",
            label="Draft report",
            anchor="fieldwork_end",
            working_days=15,
            owner="inspectorates",
            description="The draft findings letter goes to the partnership 15 working days "
            "after fieldwork: Friday of week 6.",
        ),
        KeyDateRule(
            name="factual_accuracy_due",
            label="Factual accuracy comments due",
            anchor="draft_report",
            working_days=9,
            owner="local area",
            description="The director of children's services returns partners' comments on the "
            "draft 9 working days after it arrives: Thursday of week 8.",
        ),
        KeyDateRule(
            name="final_report",
            label="Final report",
            anchor="fieldwork_start",
            week=10,
            weekday="monday",
            owner="inspectorates",
            description="The final findings letter goes to partners on Monday of week 10, "
            "embargoed until publication.",
        ),
        KeyDateRule(
            name="publication",
            label="Publication",
            anchor="fieldwork_start",
            week=10,
            weekday="friday",
            owner="inspectorates",
            description="The findings letter is published on Friday of week 10.",
        ),
        _WSOA_DUE,
    ),
    inspectorates=MappingProxyType(
        {
            "front-door": ("ofsted", "cqc", "hmicfrs"),
            "thematic": ALL_FOUR,
            "revisit": ALL_FOUR,
        }
    ),
)

FRAMEWORK_2016 = FrameworkRules(
    key="2016",
    title="Joint targeted area inspections, 2016 to 2020",
    valid_from=date(2016, 1, 1),
    fieldwork_week=3,
    rules=(
        _NOTIFICATION,
        KeyDateRule(
            name="case_selection",
            label="Children selected for audit",
            anchor="notification",
            working_days=1,
            owner="inspectorates",
            description="The day after notification inspectors narrow the area's list of "
            "children to 5 to 7 for a multi-agency audit.",
        ),
        _AUDIT_DUE,
        _FIELDWORK_START,
        _FIELDWORK_END,
        _FEEDBACK,
        KeyDateRule(
            name="draft_report",
            label="Draft report",
            anchor="fieldwork_end",
            working_days=15,
            owner="inspectorates",
            description="The draft findings letter goes to the partnership (assumed: 15 working "
            "days after fieldwork, as now).",
        ),
        KeyDateRule(
            name="publication",
            label="Publication",
            anchor="fieldwork_end",
            working_days=30,
            owner="inspectorates",
            description="The findings letter is published 30 working days after fieldwork.",
        ),
        _WSOA_DUE,
    ),
    inspectorates=MappingProxyType(dict.fromkeys(INSPECTION_TYPES, ALL_FOUR)),
)

SHIPPED_FRAMEWORKS: dict[str, FrameworkRules] = {
    rules.key: rules for rules in (FRAMEWORK_2022, FRAMEWORK_2016)
}
DEFAULT_FRAMEWORK = "2022"
