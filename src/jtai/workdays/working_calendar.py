"""Working-day arithmetic: Monday to Friday, less bank holidays and closure days."""

from __future__ import annotations

import threading
from calendar import SATURDAY
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date
from types import MappingProxyType
from typing import NamedTuple

from jtai.workdays.bank_holidays import bank_holidays_in

DEFAULT_CLOSURE_NAME = "Closure day"

# A year has 252 to 254 working days in England; a low guess only costs another extension.
_WORKING_DAYS_PER_YEAR = 250
# Timelines run a few months past fieldwork: building a couple of years either side of the
# first date asked about means a whole timeline is answered from one index.
_PADDING_YEARS = 2


class DayOff(NamedTuple):
    """A weekday that is not a working day, and why."""

    day: date
    name: str


@dataclass(frozen=True, slots=True)
class _Index:
    """Every day of ``first_year``..``last_year`` as proleptic ordinals (``date.toordinal``).

    ``working[i]`` is 1 when day ``base + i`` is a working day (ordinal 1, 1 January of
    year 1, was a Monday, so ``(ordinal - 1) % 7`` is the weekday); ``before[i]`` counts the
    working days of the index strictly before it; ``ordinals`` lists the working days.
    Stepping n working days is then two list look-ups instead of a day-by-day walk.
    """

    first_year: int
    last_year: int
    base: int
    working: bytes
    before: list[int]
    ordinals: list[int]


class _IndexCache:
    """The one mutable part of a calendar: its lazily built, lazily grown index.

    A new index replaces the old one in a single assignment, so readers on other threads
    always see a complete index; the lock only stops two threads building the same one.
    """

    __slots__ = ("index", "lock")

    def __init__(self) -> None:
        self.index: _Index | None = None
        self.lock = threading.Lock()


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days in England: Monday to Friday, except bank holidays and closure days.

    ``closures`` are extra days an administrator closes (an office move, a training day);
    ``closure_reasons`` optionally names some of them. ``bank_holidays=False`` gives a plain
    Monday-to-Friday calendar, used to see what a date would have been without holidays.

    Counting semantics, for any date ``d`` (working day or not) and ``n > 0``:

    * ``add_working_days(d, n)`` is the n-th working day after ``d``; ``d`` itself never
      counts, so from Saturday or Friday ``+1`` is the next Monday (if it is a working day).
    * ``add_working_days(d, -n)`` is the n-th working day before ``d``; from Sunday or
      Monday ``-1`` is the previous Friday.
    * ``add_working_days(d, 0)`` is ``d`` unchanged, even when ``d`` is not a working day.
    * ``count_working_days(start, end)`` counts the working days stepped onto going from
      ``start`` to ``end``: those in ``(start, end]`` when ``end >= start``, and minus those
      in ``[end, start)`` when ``end < start``. So counts agree with adds:
      ``count_working_days(d, add_working_days(d, n)) == n`` for every ``n``, and
      ``add_working_days(d, count_working_days(d, e)) == e`` for every working day ``e != d``.
    """

    closures: frozenset[date] = frozenset()
    closure_reasons: Mapping[date, str] = field(default_factory=dict, hash=False)
    bank_holidays: bool = True
    _cache: _IndexCache = field(
        default_factory=_IndexCache, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        unknown = sorted(set(self.closure_reasons) - self.closures)
        if unknown:
            raise ValueError(
                f"closure_reasons names {unknown[0].isoformat()}, which is not in closures"
            )
        # A private copy, so a caller changing its dict later cannot change this calendar.
        object.__setattr__(self, "closure_reasons", MappingProxyType(dict(self.closure_reasons)))

    def is_working_day(self, d: date) -> bool:
        index = self._index(d, d)
        return index.working[d.toordinal() - index.base] == 1

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (before it when ``n < 0``); see the class notes."""
        if n == 0:
            return d
        ordinal = d.toordinal()
        index = self._index(d, d)
        while True:
            pos = ordinal - index.base
            k = index.before[pos] + n
            if n > 0:
                k += index.working[pos] - 1
            if 0 <= k < len(index.ordinals):
                return date.fromordinal(index.ordinals[k])
            # The answer lies beyond the index: grow it by about the years still missing.
            missing = k - len(index.ordinals) + 1 if n > 0 else -k
            years = missing // _WORKING_DAYS_PER_YEAR + 1
            if (index.last_year == MAXYEAR) if n > 0 else (index.first_year == MINYEAR):
                raise OverflowError(
                    f"{n} working days from {d.isoformat()} is outside the supported dates"
                )
            if n > 0:
                index = self._index_years(index.first_year, min(index.last_year + years, MAXYEAR))
            else:
                index = self._index_years(max(index.first_year - years, MINYEAR), index.last_year)

    def subtract_working_days(self, d: date, n: int) -> date:
        """The n-th working day before ``d``: ``add_working_days(d, -n)``."""
        return self.add_working_days(d, -n)

    def next_working_day(self, d: date) -> date:
        """The first working day after ``d`` (never ``d`` itself)."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day before ``d`` (never ``d`` itself)."""
        return self.add_working_days(d, -1)

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``, or minus those in ``[end, start)``.

        Excluding ``start`` and including ``end`` is what makes counts agree with
        :meth:`add_working_days`; on working days ``count(a, b) == -count(b, a)``. For the
        days of a week of fieldwork, Monday to Friday, that means counting from the Sunday.
        """
        index = self._index(min(start, end), max(start, end))
        a = start.toordinal() - index.base
        b = end.toordinal() - index.base
        if b >= a:
            return index.before[b] + index.working[b] - index.before[a] - index.working[a]
        return index.before[b] - index.before[a]

    def holiday_name(self, d: date) -> str | None:
        """Why the weekday ``d`` is not a working day, or None (working days, weekends)."""
        if d.weekday() >= SATURDAY or self.is_working_day(d):
            return None
        return self._day_off_name(d)

    def bank_holidays_between(self, start: date, end: date) -> list[DayOff]:
        """The bank holidays from ``start`` to ``end`` inclusive, in date order."""
        if not self.bank_holidays:
            return []
        return [
            DayOff(day, name)
            for year in range(start.year, end.year + 1)
            for day, name in bank_holidays_in(year).items()
            if start <= day <= end
        ]

    def days_off_between(self, start: date, end: date) -> list[DayOff]:
        """Weekdays from ``start`` to ``end`` inclusive that are bank holidays or closures."""
        index = self._index(start, end)
        return [
            DayOff(date.fromordinal(ordinal), self._day_off_name(date.fromordinal(ordinal)))
            for ordinal in range(start.toordinal(), end.toordinal() + 1)
            if not index.working[ordinal - index.base] and (ordinal - 1) % 7 < SATURDAY
        ]

    def _day_off_name(self, d: date) -> str:
        """The name of a weekday that is not a working day: its bank holiday or closure."""
        if self.bank_holidays and (name := bank_holidays_in(d.year).get(d)) is not None:
            return name
        return self.closure_reasons.get(d, DEFAULT_CLOSURE_NAME)

    def _index(self, first: date, last: date) -> _Index:
        """An index holding every day from ``first`` to ``last``."""
        index = self._cache.index
        if index is not None and index.first_year <= first.year and last.year <= index.last_year:
            return index
        return self._index_years(first.year, last.year)

    def _index_years(self, first_year: int, last_year: int) -> _Index:
        with self._cache.lock:
            index = self._cache.index
            if index is not None:
                if index.first_year <= first_year and last_year <= index.last_year:
                    return index
                first_year = min(first_year, index.first_year)
                last_year = max(last_year, index.last_year)
            index = self._build_index(
                max(first_year - _PADDING_YEARS, MINYEAR),
                min(last_year + _PADDING_YEARS, MAXYEAR),
            )
            self._cache.index = index
            return index

    def _build_index(self, first_year: int, last_year: int) -> _Index:
        base = date(first_year, 1, 1).toordinal()
        stop = date(last_year, 12, 31).toordinal() + 1
        days_off = {day.toordinal() for day in self.closures}
        if self.bank_holidays:
            for year in range(first_year, last_year + 1):
                days_off.update(day.toordinal() for day in bank_holidays_in(year))
        working = bytearray(stop - base)
        before = [0] * (stop - base)
        ordinals: list[int] = []
        for ordinal in range(base, stop):
            before[ordinal - base] = len(ordinals)
            if (ordinal - 1) % 7 < SATURDAY and ordinal not in days_off:
                working[ordinal - base] = 1
                ordinals.append(ordinal)
        return _Index(first_year, last_year, base, bytes(working), before, ordinals)
