"""Filling a fieldwork week's timetable with CP-SAT.

Requested activities (a duration, the people and room they need, perhaps a preferred
day) are placed in the working hours of the week's days so that no person or room is in
two places at once, neither with the activities already fixed nor with each other. What
cannot be placed comes back with a plain-English reason.

Pure Python, no Django: times are naive local wall-clock times (the caller converts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Busy:
    """A time when a resource (a person or a room, by key) is already taken."""

    resource: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Request:
    """An activity to place: how long it lasts and what it needs."""

    key: str
    title: str
    duration: dt.timedelta
    resources: frozenset[str]
    preferred_day: dt.date | None = None


@dataclass(frozen=True)
class TimetableProblem:
    days: Sequence[dt.date]
    day_start: dt.time
    day_end: dt.time
    requests: Sequence[Request]
    busy: Sequence[Busy] = ()
    # Display names of resources, for the reasons given when something cannot be placed.
    names: Mapping[str, str] = field(default_factory=dict)
    step_minutes: int = 15


@dataclass(frozen=True)
class Placement:
    key: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Unplaced:
    key: str
    title: str
    reason: str


@dataclass(frozen=True)
class TimetableResult:
    placements: list[Placement]
    unplaced: list[Unplaced]
    optimal: bool


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minutes")
    return " ".join(parts) or "0 minutes"


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


class _Axis:
    """Minutes counted from midnight of the week's first day."""

    def __init__(self, problem: TimetableProblem) -> None:
        self.origin = dt.datetime.combine(problem.days[0], dt.time())
        self.open = _minutes(problem.day_start)
        self.close = _minutes(problem.day_end)
        self.step = problem.step_minutes

    def of(self, moment: dt.datetime) -> int:
        return int((moment - self.origin).total_seconds() // 60)

    def at(self, minute: int) -> dt.datetime:
        return self.origin + dt.timedelta(minutes=minute)

    def day_offset(self, day: dt.date) -> int:
        return (day - self.origin.date()).days * MINUTES_PER_DAY


def _free_alone(
    request: Request, axis: _Axis, days: Sequence[dt.date], busy: Mapping[str, list[Busy]]
) -> bool:
    """Whether the request would fit somewhere if it were the only one to place."""
    length = int(request.duration.total_seconds() // 60)
    taken = [(axis.of(b.start), axis.of(b.end)) for r in request.resources for b in busy.get(r, [])]
    for day in days:
        base = axis.day_offset(day)
        start = base + axis.open
        while start + length <= base + axis.close:
            if all(start >= e or start + length <= s for s, e in taken):
                return True
            start += axis.step
    return False


def _reason(
    request: Request,
    problem: TimetableProblem,
    axis: _Axis,
    busy: Mapping[str, list[Busy]],
) -> str:
    length = int(request.duration.total_seconds() // 60)
    if length <= 0:
        return "It has no duration."
    if length > axis.close - axis.open:
        return (
            f"It lasts {_duration_text(length)}, longer than a working day "
            f"({problem.day_start:%H:%M} to {problem.day_end:%H:%M})."
        )
    if not _free_alone(request, axis, problem.days, busy):
        names = sorted(problem.names.get(r, r) for r in request.resources)
        who = _join(names) if names else "the people it needs"
        together = " all" if len(names) > 1 else ""
        return (
            f"There is no time in the week when {who} {'are' if len(names) > 1 else 'is'}"
            f"{together} free for {_duration_text(length)}."
        )
    return (
        "The free times it could use are taken by other requested activities: shorten it, "
        "free someone up, or place it by hand."
    )


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def fill_timetable(problem: TimetableProblem, *, time_limit_s: float = 5.0) -> TimetableResult:
    """Place as many requests as possible; prefer each one's preferred day, then earlier
    times so that the week's ends stay free."""
    if not problem.days or not problem.requests:
        return TimetableResult([], [], optimal=True)
    axis = _Axis(problem)
    busy: dict[str, list[Busy]] = defaultdict(list)
    for entry in problem.busy:
        busy[entry.resource].append(entry)

    model = cp_model.CpModel()
    by_resource: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    for resource, entries in busy.items():
        # Fixed activities may overlap each other (a clash kept on purpose): merged, so
        # that the no-overlap rule binds only what is being placed.
        for n, (start, end) in enumerate(
            _merged((axis.of(e.start), axis.of(e.end)) for e in entries)
        ):
            by_resource[resource].append(
                model.new_fixed_size_interval_var(start, end - start, f"busy_{resource}_{n}")
            )

    choices: dict[str, list[tuple[cp_model.IntVar, cp_model.IntVar, int]]] = {}
    placed_terms: list[cp_model.IntVar] = []
    preference_terms: list[cp_model.IntVar] = []
    lateness_terms: list[cp_model.IntVar] = []
    for index, request in enumerate(problem.requests):
        length = int(request.duration.total_seconds() // 60)
        options: list[tuple[cp_model.IntVar, cp_model.IntVar, int]] = []
        if 0 < length <= axis.close - axis.open:
            slots = (axis.close - axis.open - length) // axis.step
            for day in problem.days:
                base = axis.day_offset(day) + axis.open
                present = model.new_bool_var(f"on_{index}_{day}")
                slot = model.new_int_var(0, slots, f"slot_{index}_{day}")
                interval = model.new_optional_fixed_size_interval_var(
                    base + axis.step * slot, length, present, f"at_{index}_{day}"
                )
                for resource in request.resources:
                    by_resource[resource].append(interval)
                options.append((present, slot, base))
                if request.preferred_day is not None and day != request.preferred_day:
                    preference_terms.append(present)
                lateness_terms.append(slot)
            model.add_at_most_one(p for p, _, _ in options)
            placed_terms.extend(p for p, _, _ in options)
        choices[request.key] = options
    for intervals in by_resource.values():
        if len(intervals) > 1:
            model.add_no_overlap(intervals)
    # Lexicographic: one more placement outweighs every preference and all lateness, and
    # one preferred day outweighs all lateness.
    count = len(problem.requests)
    most_late = count * ((axis.close - axis.open) // axis.step + 1)
    preference_weight = most_late + 1
    placement_weight = count * preference_weight + most_late + 1
    model.maximize(
        placement_weight * sum(placed_terms)
        - preference_weight * sum(preference_terms)
        - sum(lateness_terms)
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1
    # The placements dominate the objective, so a small gap means none is missing; the
    # finer points of lateness are not worth keeping someone waiting at the page.
    solver.parameters.relative_gap_limit = 0.001
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    for request in problem.requests:
        length = int(request.duration.total_seconds() // 60)
        chosen = None
        if found:
            for present, slot, base in choices[request.key]:
                if solver.value(present):
                    chosen = base + axis.step * solver.value(slot)
        if chosen is None:
            reason = (
                _reason(request, problem, axis, busy)
                if status != cp_model.UNKNOWN or not choices[request.key]
                else "The optimiser ran out of time before placing it: try again."
            )
            unplaced.append(Unplaced(request.key, request.title, reason))
        else:
            placements.append(Placement(request.key, axis.at(chosen), axis.at(chosen + length)))
    placements.sort(key=lambda p: (p.start, p.key))
    return TimetableResult(placements, unplaced, optimal=status == cp_model.OPTIMAL)
