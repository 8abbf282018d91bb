"""A framework version's timeline rules, as validated data."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal, NamedTuple, get_args

from jtai.timelines.wording import DAY_NAMES
from jtai.workdays import WorkingCalendar

KEY_DATE_NAMES: tuple[str, ...] = (
    "notification",
    "information_due",
    "case_selection",
    "audit_due",
    "fieldwork_start",
    "fieldwork_end",
    "feedback",
    "draft_report",
    "factual_accuracy_due",
    "final_report",
    "publication",
    "wsoa_due",
)
"""The stable key-date names, in the current framework's order (see the package notes)."""

FIELDWORK_START = "fieldwork_start"
FIELDWORK_END = "fieldwork_end"
NOTIFICATION = "notification"
PUBLICATION = "publication"
REQUIRED_KEY_DATES: tuple[str, ...] = (NOTIFICATION, FIELDWORK_START, FIELDWORK_END, PUBLICATION)

Owner = Literal["inspectorates", "local area"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]
OWNERS: tuple[Owner, ...] = get_args(Owner)
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)

INSPECTORATES: tuple[str, ...] = ("ofsted", "cqc", "hmicfrs", "hmip")
INSPECTION_TYPES: tuple[str, ...] = ("front-door", "thematic", "revisit")
_LEAD_INSPECTORATE = "ofsted"

# Bounds keep every date a framework can produce far inside what ``datetime.date`` holds.
MAX_RULES = 50
MAX_WEEK = 104
MAX_WORKING_DAYS = 1000

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# Rules are checked for order on a calendar without bank holidays, where every Monday is
# alike; this one is arbitrary.
_REFERENCE_MONDAY = date(2001, 1, 1)
_PLAIN_CALENDAR = WorkingCalendar(bank_holidays=False)


class FrameworkRulesError(ValueError):
    """Framework rules that cannot work; ``field`` locates the problem (e.g. "rules[3].anchor")."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, kw_only=True)
class KeyDateRule:
    """How one key date follows from another.

    Exactly one placement applies:

    * the root, ``fieldwork_start``: no anchor, no placement; it is the date given;
    * ``working_days``: that many working days after the anchor's date (before it when
      negative; 0 means the same day);
    * ``week`` and ``weekday``: that weekday of that week of the inspection, weeks being
      calendar weeks (Monday to Sunday) numbered so that the fieldwork week is the
      framework's ``fieldwork_week``. The anchor must be ``fieldwork_start``. If the day is a
      bank holiday or closure the date moves to the previous working day, as notification
      does.
    """

    name: str
    label: str
    owner: Owner
    description: str
    anchor: str | None = None
    working_days: int | None = None
    week: int | None = None
    weekday: Weekday | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _SNAKE_CASE.fullmatch(self.name):
            raise FrameworkRulesError(
                f"Rule name {self.name!r} must be snake_case: lower-case letters, digits and "
                "underscores, starting with a letter",
                "name",
            )
        for attribute in ("label", "description"):
            text = getattr(self, attribute)
            if not isinstance(text, str) or not text.strip() or "\n" in text:
                raise self._error(f"{attribute} must be one line of text", attribute)
        if self.owner not in OWNERS:
            raise self._error(
                f"owner must be 'inspectorates' or 'local area', not {self.owner!r}", "owner"
            )
        if self.name == FIELDWORK_START:
            self._check_root()
        else:
            self._check_placement()

    def _check_root(self) -> None:
        if self.anchor is not None:
            raise self._error(
                "the start of fieldwork is the date an inspection is planned around, so it "
                f"cannot be anchored on {self.anchor!r}",
                "anchor",
            )
        if self.working_days is not None or self.week is not None or self.weekday is not None:
            raise self._error(
                "the start of fieldwork is given, so it takes no working_days, week or weekday",
                "working_days" if self.working_days is not None else "week",
            )

    def _check_placement(self) -> None:
        if self.anchor is None:
            raise self._error(
                f"an anchor is needed: only {FIELDWORK_START} is given directly, every other "
                "key date follows from another",
                "anchor",
            )
        if self.working_days is not None:
            if not _is_int(self.working_days) or abs(self.working_days) > MAX_WORKING_DAYS:
                raise self._error(
                    f"working_days must be a whole number from -{MAX_WORKING_DAYS} to "
                    f"{MAX_WORKING_DAYS}, not {self.working_days!r}",
                    "working_days",
                )
            if self.week is not None or self.weekday is not None:
                raise self._error(
                    "give either working_days or a week and weekday, not both", "week"
                )
            return
        if self.week is None or self.weekday is None:
            raise self._error(
                "needs either working_days, or both a week and a weekday",
                "weekday" if self.week is not None else "working_days",
            )
        if not _is_int(self.week) or not 1 <= self.week <= MAX_WEEK:
            raise self._error(
                f"week must be a whole number from 1 to {MAX_WEEK}, not {self.week!r}", "week"
            )
        if self.weekday not in WEEKDAYS:
            raise self._error(
                f"weekday must be one of {', '.join(WEEKDAYS)}, not {self.weekday!r}", "weekday"
            )
        if self.anchor != FIELDWORK_START:
            raise self._error(
                f"a week and weekday count from the fieldwork week, so the anchor must be "
                f"{FIELDWORK_START}, not {self.anchor!r}",
                "anchor",
            )

    def _error(self, reason: str, field: str) -> FrameworkRulesError:
        return FrameworkRulesError(f"Rule {self.name!r}: {reason}", field)


class _Step(NamedTuple):
    """One rule, reduced to what computing its date needs.

    ``amount`` is the working days from the anchor, or for a week placement the calendar
    days from the Monday of the fieldwork week.
    """

    name: str
    anchor: str | None
    by_week: bool
    amount: int


@dataclass(frozen=True, kw_only=True)
class FrameworkRules:
    """One framework version: its key-date rules in date order, and who inspects.

    ``rules`` lists the key dates in the order they fall; validation makes sure that, on a
    calendar without bank holidays, none falls before the one listed ahead of it (holidays
    can still reorder dates; :func:`~jtai.timelines.compute_timeline` warns when they do).
    ``valid_from`` is the first fieldwork start the framework applies to.
    ``inspectorates`` maps each inspection type to the inspectorates that take part.
    Invalid rules raise :class:`FrameworkRulesError`.
    """

    key: str
    title: str
    valid_from: date
    fieldwork_week: int
    rules: tuple[KeyDateRule, ...]
    inspectorates: Mapping[str, tuple[str, ...]] = dataclasses.field(hash=False)
    _plan: tuple[_Step, ...] = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        for attribute in ("key", "title"):
            text = getattr(self, attribute)
            if not isinstance(text, str) or not text.strip():
                raise FrameworkRulesError(
                    f"The framework's {attribute} must not be blank", attribute
                )
        if not isinstance(self.valid_from, date):
            raise FrameworkRulesError("valid_from must be a date", "valid_from")
        if not _is_int(self.fieldwork_week) or not 1 <= self.fieldwork_week <= MAX_WEEK:
            raise FrameworkRulesError(
                f"fieldwork_week must be a whole number from 1 to {MAX_WEEK}, "
                f"not {self.fieldwork_week!r}",
                "fieldwork_week",
            )
        positions = self._check_names()
        depths = self._check_anchors(positions)
        object.__setattr__(
            self,
            "_plan",
            tuple(self._step(rule) for rule in sorted(self.rules, key=lambda r: depths[r.name])),
        )
        self._check_order()
        object.__setattr__(self, "inspectorates", self._checked_inspectorates())

    def rule(self, name: str) -> KeyDateRule:
        """The rule for the key date ``name``; KeyError if this framework has none."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(name)

    def inspectorates_for(self, inspection_type: str) -> tuple[str, ...]:
        """The inspectorates taking part in an inspection of this type."""
        try:
            return self.inspectorates[inspection_type]
        except KeyError:
            raise ValueError(
                f"Unknown inspection type {inspection_type!r}; "
                f"known types: {', '.join(INSPECTION_TYPES)}"
            ) from None

    def resolve(
        self, fieldwork_start: date, calendar: WorkingCalendar, published: date | None = None
    ) -> tuple[dict[str, date], list[tuple[str, date]]]:
        """Every key date in dependency order, and the week placements that fell on a day off.

        The second list pairs each such key date's name with the day off it fell on; its
        date is the working day before. Key dates anchored on publication count from
        ``published`` when it is given.
        """
        dates: dict[str, date] = {}
        moved: list[tuple[str, date]] = []
        start = fieldwork_start.toordinal()
        monday = start - fieldwork_start.weekday()
        for step in self._plan:
            if step.anchor is None:
                day = fieldwork_start
            elif step.by_week:
                day = date.fromordinal(monday + step.amount)
                if not calendar.is_working_day(day):
                    moved.append((step.name, day))
                    day = calendar.previous_working_day(day)
            else:
                anchor_day = dates[step.anchor]
                if published is not None and step.anchor == PUBLICATION:
                    anchor_day = published
                day = calendar.add_working_days(anchor_day, step.amount)
            dates[step.name] = day
        return dates, moved

    def _check_names(self) -> dict[str, int]:
        if not isinstance(self.rules, tuple) or not 1 <= len(self.rules) <= MAX_RULES:
            raise FrameworkRulesError(
                f"rules must be a tuple of 1 to {MAX_RULES} key-date rules", "rules"
            )
        positions: dict[str, int] = {}
        for i, rule in enumerate(self.rules):
            if not isinstance(rule, KeyDateRule):
                raise FrameworkRulesError(f"rules[{i}] is not a key-date rule", f"rules[{i}]")
            if rule.name in positions:
                raise FrameworkRulesError(
                    f"Rule {rule.name!r} is defined twice, at rules[{positions[rule.name]}] "
                    f"and rules[{i}]",
                    f"rules[{i}].name",
                )
            positions[rule.name] = i
        missing = [name for name in REQUIRED_KEY_DATES if name not in positions]
        if missing:
            raise FrameworkRulesError(
                f"The framework has no {missing[0]!r} rule; every framework needs "
                f"{', '.join(REQUIRED_KEY_DATES)}",
                "rules",
            )
        return positions

    def _check_anchors(self, positions: dict[str, int]) -> dict[str, int]:
        """Each rule's number of anchor steps from the start of fieldwork."""
        for i, rule in enumerate(self.rules):
            if rule.anchor is not None and rule.anchor not in positions:
                raise FrameworkRulesError(
                    f"Rule {rule.name!r} is anchored on {rule.anchor!r}, which is not a key "
                    "date in this framework",
                    f"rules[{i}].anchor",
                )
        anchors = {rule.name: rule.anchor for rule in self.rules}
        depths: dict[str, int] = {}
        for rule in self.rules:
            chain = [rule.name]
            anchor = rule.anchor
            while anchor is not None and anchor not in depths:
                if anchor in chain:
                    loop = [*chain[chain.index(anchor) :], anchor]
                    raise FrameworkRulesError(
                        f"Rule {anchor!r} depends on itself: {' → '.join(loop)}",
                        f"rules[{positions[anchor]}].anchor",
                    )
                chain.append(anchor)
                anchor = anchors[anchor]
            depth = 0 if anchor is None else depths[anchor] + 1
            for name in reversed(chain):
                depths[name] = depth
                depth += 1
        return depths

    def _step(self, rule: KeyDateRule) -> _Step:
        if rule.week is not None and rule.weekday is not None:
            days = 7 * (rule.week - self.fieldwork_week) + WEEKDAYS.index(rule.weekday)
            return _Step(rule.name, rule.anchor, by_week=True, amount=days)
        return _Step(rule.name, rule.anchor, by_week=False, amount=rule.working_days or 0)

    def _check_order(self) -> None:
        dates, _ = self.resolve(_REFERENCE_MONDAY, _PLAIN_CALENDAR)
        for i in range(1, len(self.rules)):
            earlier, rule = self.rules[i - 1], self.rules[i]
            if dates[rule.name] < dates[earlier.name]:
                offset = "working_days" if rule.working_days is not None else "week"
                raise FrameworkRulesError(
                    f"Rule {rule.name!r} goes backwards: it would fall on "
                    f"{self._when(dates[rule.name])}, before {earlier.name!r} "
                    f"({self._when(dates[earlier.name])}), which is listed ahead of it",
                    f"rules[{i}].{offset}" if rule.anchor is not None else f"rules[{i}]",
                )

    def _when(self, day: date) -> str:
        weeks = (day - _REFERENCE_MONDAY).days // 7 + self.fieldwork_week
        return f"{DAY_NAMES[day.weekday()]} of week {weeks}"

    def _checked_inspectorates(self) -> Mapping[str, tuple[str, ...]]:
        if not isinstance(self.inspectorates, Mapping):
            raise FrameworkRulesError(
                "inspectorates must map inspection types to inspectorates", "inspectorates"
            )
        for inspection_type in self.inspectorates:
            if inspection_type not in INSPECTION_TYPES:
                raise FrameworkRulesError(
                    f"Unknown inspection type {inspection_type!r} in inspectorates; known "
                    f"types: {', '.join(INSPECTION_TYPES)}",
                    "inspectorates",
                )
        checked: dict[str, tuple[str, ...]] = {}
        for inspection_type in INSPECTION_TYPES:
            where = f"inspectorates.{inspection_type}"
            codes = self.inspectorates.get(inspection_type)
            if not isinstance(codes, tuple | list) or not codes:
                raise FrameworkRulesError(
                    f"inspectorates needs a list of inspectorates for {inspection_type!r}", where
                )
            for code in codes:
                if code not in INSPECTORATES:
                    raise FrameworkRulesError(
                        f"Unknown inspectorate {code!r} for {inspection_type!r}; known "
                        f"inspectorates: {', '.join(INSPECTORATES)}",
                        where,
                    )
            if len(set(codes)) != len(codes):
                raise FrameworkRulesError(
                    f"An inspectorate is listed twice for {inspection_type!r}", where
                )
            if _LEAD_INSPECTORATE not in codes:
                raise FrameworkRulesError(
                    f"Ofsted leads every JTAI, so {inspection_type!r} must include 'ofsted'", where
                )
            checked[inspection_type] = tuple(codes)
        return MappingProxyType(checked)


def _is_int(value: object) -> bool:
    # bool is an int subclass, but True working days is a mistake in the data.
    return isinstance(value, int) and not isinstance(value, bool)
