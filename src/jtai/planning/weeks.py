"""Weeks, identified by their Monday, and the default blackout periods.

Bank holidays are an input (the caller fills them from its own calendar), so nothing here
knows which days are holidays: it only applies the rules to the dates it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field, model_validator

WEEK = timedelta(days=7)
FRIDAY = timedelta(days=4)


class DateRange(BaseModel):
    """Inclusive range of days, with an optional reason shown to planners."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date
    end: date
    reason: str = Field(default="", description="e.g. 'annual leave', 'August'")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and first <= self.end


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def fieldwork_days(monday: date) -> tuple[date, date]:
    """First and last day of fieldwork in the week starting on ``monday`` (Mon-Fri)."""
    return monday, monday + FRIDAY


def weeks_within(start: date, end: date) -> list[date]:
    """Mondays of the weeks whose Monday-Friday lies entirely within ``start``..``end``."""
    monday = monday_of(start)
    if monday < start:
        monday += WEEK
    weeks = []
    while monday + FRIDAY <= end:
        weeks.append(monday)
        monday += WEEK
    return weeks


def week_label(monday: date) -> str:
    """How planners name a week: 'week of 9 March 2026'."""
    return f"week of {monday.day} {monday:%B %Y}"


def day_label(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _christmas_new_year(year: int) -> DateRange:
    """From the week containing Christmas Day to the end of the first week of January.

    Published JTAIs had fieldwork in the first half of December and again from the second
    week of January, so the first week that starts on a Monday in January is still out.
    """
    start = monday_of(date(year, 12, 25))
    end = _first_monday(year + 1, 1) + timedelta(days=6)
    return DateRange(start=start, end=end, reason=f"Christmas and New Year {year}/{year + 1}")


def default_blackouts(year: int) -> list[DateRange]:
    """Blackout periods touching calendar ``year``: New Year, August, Christmas."""
    return [
        _christmas_new_year(year - 1),
        DateRange(start=date(year, 8, 1), end=date(year, 8, 31), reason=f"August {year}"),
        _christmas_new_year(year),
    ]


def blocked_reason(
    monday: date, bank_holidays: Iterable[date], blackouts: Iterable[DateRange]
) -> str | None:
    """Why fieldwork cannot happen in this week, or None when it is a candidate week."""
    first, last = fieldwork_days(monday)
    for holiday in sorted(bank_holidays):
        if first <= holiday <= last:
            return f"bank holiday on {day_label(holiday)}"
    for blackout in blackouts:
        if blackout.overlaps(first, last):
            return f"blackout '{blackout.reason or 'unnamed'}'"
    return None
