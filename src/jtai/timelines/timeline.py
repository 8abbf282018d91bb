"""An inspection's key dates under a framework version, with plain-English warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TypedDict

from jtai.timelines.rules import FIELDWORK_END, NOTIFICATION, FrameworkRules
from jtai.timelines.wording import joined, long_date
from jtai.workdays import DEFAULT_CLOSURE_NAME, DayOff, WorkingCalendar

_DAYS_IN_FIELDWORK_WEEK = 5


class TimelineDict(TypedDict):
    """:meth:`Timeline.to_dict`: JSON-ready, dates as ISO 8601 strings."""

    framework: str
    dates: dict[str, str]
    published: str | None
    warnings: list[str]


@dataclass(frozen=True)
class Timeline:
    """The key dates of one inspection, in the framework's order, and what to check.

    ``published`` is the actual publication date when one was given; ``dates["publication"]``
    stays the planned date, so that the two can be compared.
    """

    framework: str
    dates: Mapping[str, date]
    warnings: list[str]
    published: date | None = None

    def __getitem__(self, name: str) -> date:
        return self.dates[name]

    def to_dict(self) -> TimelineDict:
        return {
            "framework": self.framework,
            "dates": {name: day.isoformat() for name, day in self.dates.items()},
            "published": self.published.isoformat() if self.published else None,
            "warnings": list(self.warnings),
        }


def compute_timeline(
    rules: FrameworkRules,
    fieldwork_start: date,
    calendar: WorkingCalendar,
    published: date | None = None,
) -> Timeline:
    """Every key date of an inspection whose fieldwork starts on ``fieldwork_start``.

    Odd plans (fieldwork not starting on a Monday, a bank holiday in the fieldwork week, key
    dates out of order) give warnings, never errors. ``published``, the actual publication
    date, moves the dates that count from publication; it cannot precede the end of
    fieldwork (ValueError).
    """
    dates, moved = rules.resolve(fieldwork_start, calendar, published)
    if published is not None and published < dates[FIELDWORK_END]:
        raise ValueError(
            f"published ({published.isoformat()}) must not be before fieldwork_end "
            f"({dates[FIELDWORK_END].isoformat()})"
        )
    ordered = {rule.name: dates[rule.name] for rule in rules.rules}
    warnings = _fieldwork_warnings(fieldwork_start, calendar)
    warnings += [
        f"{rules.rule(name).label} would fall on {long_date(day)}, "
        f"{_day_off(day, calendar)}, so it moves to the previous working day, "
        f"{long_date(dates[name])}"
        for name, day in moved
    ]
    warnings += _notification_note(rules, dates, calendar)
    warnings += _order_warnings(rules, ordered)
    return Timeline(rules.key, ordered, warnings, published)


def earliest_fieldwork_start(today: date, rules: FrameworkRules, calendar: WorkingCalendar) -> date:
    """The first Monday, a working day, whose notification day is not before ``today``."""
    monday = today + timedelta(days=-today.weekday() % 7)
    while True:
        if calendar.is_working_day(monday):
            dates, _ = rules.resolve(monday, calendar)
            if dates[NOTIFICATION] >= today:
                return monday
        monday += timedelta(weeks=1)


def framework_in_force(
    fieldwork_start: date, frameworks: Iterable[FrameworkRules]
) -> FrameworkRules:
    """The framework with the latest ``valid_from`` on or before ``fieldwork_start``."""
    in_force = [rules for rules in frameworks if rules.valid_from <= fieldwork_start]
    if not in_force:
        raise ValueError(
            f"No framework applies to fieldwork starting {fieldwork_start.isoformat()}"
        )
    return max(in_force, key=lambda rules: rules.valid_from)


def _fieldwork_warnings(fieldwork_start: date, calendar: WorkingCalendar) -> list[str]:
    warnings = []
    problems = [] if fieldwork_start.weekday() == 0 else ["not a Monday"]
    if calendar.holiday_name(fieldwork_start) is not None:
        problems.append(_day_off(fieldwork_start, calendar))
    if problems:
        warnings.append(f"Fieldwork starts on {long_date(fieldwork_start)}, {joined(problems)}")
    # The fieldwork week is the calendar week the fieldwork starts in, Monday to Friday.
    monday = fieldwork_start - timedelta(days=fieldwork_start.weekday())
    days_off = calendar.days_off_between(monday, monday + timedelta(days=4))
    if days_off:
        working = _DAYS_IN_FIELDWORK_WEEK - len(days_off)
        warnings.append(
            f"The fieldwork week has {working} working day{'' if working == 1 else 's'}: "
            f"{_list_days_off(days_off, calendar)}"
        )
    return warnings


def _notification_note(
    rules: FrameworkRules, dates: Mapping[str, date], calendar: WorkingCalendar
) -> list[str]:
    rule = rules.rule(NOTIFICATION)
    if rule.working_days is None or rule.working_days >= 0 or rule.anchor is None:
        return []
    notification = dates[NOTIFICATION]
    days_off = calendar.days_off_between(notification, dates[rule.anchor] - timedelta(days=1))
    if not days_off:
        return []
    return [
        f"Notification moves earlier, to {long_date(notification)}, because "
        f"{_list_days_off(days_off, calendar)}"
    ]


def _order_warnings(rules: FrameworkRules, ordered: Mapping[str, date]) -> list[str]:
    warnings = []
    for earlier, rule in pairwise(rules.rules):
        if ordered[rule.name] < ordered[earlier.name]:
            warnings.append(
                f"Key dates out of order: {rule.label} ({long_date(ordered[rule.name])}) comes "
                f"before {earlier.label} ({long_date(ordered[earlier.name])})"
            )
    return warnings


def _list_days_off(days_off: list[DayOff], calendar: WorkingCalendar) -> str:
    return joined([f"{long_date(day)} is {_day_off(day, calendar)}" for day, _ in days_off])


def _day_off(day: date, calendar: WorkingCalendar) -> str:
    name = calendar.holiday_name(day)
    if calendar.bank_holidays_between(day, day):
        return f"a bank holiday ({name})"
    return "a closure day" if name == DEFAULT_CLOSURE_NAME else f"a closure day ({name})"
