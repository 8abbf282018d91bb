"""Filling a fieldwork week: what the optimiser places never clashes, stays within the
working day, and what it cannot place comes with a reason a person can act on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jtai.planning.timetable import (
    Busy,
    Request,
    TimetableProblem,
    TimetableResult,
    fill_timetable,
)

MONDAY = dt.date(2026, 5, 18)
WEEK = [MONDAY + dt.timedelta(days=n) for n in range(5)]
OPEN, CLOSE = dt.time(9, 30), dt.time(17, 30)
PEOPLE = ("tom", "grace", "daniel", "aisha", "dcs", "room-1")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(WEEK[day], dt.time(hour, minute))


def problem(requests: list[Request], busy: list[Busy] | None = None) -> TimetableProblem:
    return TimetableProblem(
        days=WEEK,
        day_start=OPEN,
        day_end=CLOSE,
        requests=requests,
        busy=busy or [],
        names={"tom": "Tom Okafor", "grace": "Grace Lee", "dcs": "Sarah Whitaker"},
    )


def request(key: str, minutes: int, *who: str, day: dt.date | None = None) -> Request:
    return Request(key, f"Activity {key}", dt.timedelta(minutes=minutes), frozenset(who), day)


def assert_sound(result: TimetableResult, p: TimetableProblem) -> None:
    resources = {r.key: r.resources for r in p.requests}
    taken: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for b in p.busy:
        taken[b.resource].append((b.start, b.end))
    for placement in result.placements:
        day = placement.start.date()
        assert day in p.days
        assert placement.end.date() == day
        assert placement.start.time() >= p.day_start
        assert placement.end.time() <= p.day_end
        for resource in resources[placement.key]:
            for start, end in taken[resource]:
                assert placement.end <= start or placement.start >= end, (
                    f"{placement.key} clashes for {resource}"
                )
            taken[resource].append((placement.start, placement.end))
    assert {p.key for p in result.placements} | {u.key for u in result.unplaced} == set(resources)


def test_places_requests_around_fixed_activities_on_preferred_days() -> None:
    p = problem(
        [
            request("a", 90, "tom", "dcs", day=WEEK[1]),
            request("b", 60, "tom", "grace", day=WEEK[1]),
            request("c", 60, "grace"),
        ],
        busy=[Busy("tom", at(1, 9, 30), at(1, 12))],
    )
    result = fill_timetable(p)
    assert_sound(result, p)
    assert not result.unplaced
    placed = {x.key: x for x in result.placements}
    assert placed["a"].start.date() == WEEK[1]
    assert placed["b"].start.date() == WEEK[1]
    assert placed["a"].start >= at(1, 12)  # after Tom's fixed morning
    assert result.optimal


def test_fixed_activities_that_overlap_do_not_stop_placing() -> None:
    # A clash kept on purpose: Tom is in two fixed activities at once.
    busy = [Busy("tom", at(0, 10), at(0, 12)), Busy("tom", at(0, 11), at(0, 13))]
    result = fill_timetable(problem([request("a", 60, "tom", day=WEEK[0])], busy))
    assert not result.unplaced
    assert result.placements[0].start >= at(0, 13) or result.placements[0].end <= at(0, 10)
    assert result.optimal


def test_says_who_is_never_free() -> None:
    busy = [Busy("dcs", at(d, 9), at(d, 17, 30)) for d in range(5)]
    result = fill_timetable(problem([request("a", 60, "tom", "dcs")], busy))
    assert not result.placements
    [unplaced] = result.unplaced
    assert unplaced.reason == (
        "There is no time in the week when Sarah Whitaker and Tom Okafor are all free for 1 hour."
    )


def test_says_when_an_activity_is_longer_than_a_day() -> None:
    result = fill_timetable(problem([request("a", 9 * 60, "tom")]))
    assert result.unplaced[0].reason == (
        "It lasts 9 hours, longer than a working day (09:30 to 17:30)."
    )


def test_says_when_other_requests_took_the_free_time() -> None:
    # Tom has one free hour all week; two requests want it.
    busy = [Busy("tom", at(d, 9), at(d, 17, 30)) for d in range(1, 5)]
    busy.append(Busy("tom", at(0, 10, 30), at(0, 17, 30)))
    result = fill_timetable(problem([request("a", 60, "tom"), request("b", 60, "tom")], busy))
    assert len(result.placements) == 1
    assert len(result.unplaced) == 1
    assert "taken by other requested activities" in result.unplaced[0].reason


def test_nothing_to_place() -> None:
    assert fill_timetable(problem([])) == TimetableResult([], [], optimal=True)


requests_strategy = st.lists(
    st.tuples(
        st.sampled_from([30, 45, 60, 90, 120, 180]),
        st.sets(st.sampled_from(PEOPLE), min_size=1, max_size=3),
        st.one_of(st.none(), st.sampled_from(WEEK)),
    ),
    max_size=12,
)
busy_strategy = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.integers(0, 4),
        st.integers(8 * 4, 17 * 4),
        st.integers(1, 12),
    ),
    max_size=10,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests_strategy, busy_strategy)
def test_placements_never_clash_and_stay_within_hours(
    raw_requests: list[tuple[int, set[str], dt.date | None]],
    raw_busy: list[tuple[str, int, int, int]],
) -> None:
    requests = [
        request(f"r{n}", minutes, *sorted(who), day=day)
        for n, (minutes, who, day) in enumerate(raw_requests)
    ]
    busy = []
    for who, day, quarter, quarters in raw_busy:
        start = dt.datetime.combine(WEEK[day], dt.time()) + dt.timedelta(minutes=15 * quarter)
        busy.append(Busy(who, start, start + dt.timedelta(minutes=15 * quarters)))
    p = problem(requests, busy)
    result = fill_timetable(p, time_limit_s=2)
    assert_sound(result, p)
    assert result.optimal
    for unplaced in result.unplaced:
        assert unplaced.reason
