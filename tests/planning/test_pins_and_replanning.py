"""People stay in control: pins hold, and a re-plan changes as little as it can."""

from datetime import timedelta

import pytest

from jtai.planning import (
    DateRange,
    Pin,
    PlanResult,
    Problem,
    Status,
    check,
    generate_problem,
    solve,
)


@pytest.fixture(scope="module")
def year() -> Problem:
    return generate_problem(n_inspections=6, n_inspectors=50, seed=1)


@pytest.fixture(scope="module")
def published(year: Problem) -> PlanResult:
    result = solve(year, time_limit_s=5)
    assert result.plan is not None
    assert check(year, result.plan) == []
    return result


def with_fields(problem: Problem, **fields: object) -> Problem:
    return Problem.model_validate({**problem.model_dump(), **fields})


def test_pins_are_respected(year: Problem, published: PlanResult) -> None:
    assert published.plan is not None
    themed = [p for p in published.plan.inspections if p.slot.startswith("csa-family")]
    first, other = themed[0], themed[-1]
    last_week = year.candidate_weeks(year.slots()[0].window)[-1]
    lead = next(m.inspector for m in other.team if m.role == "lead")
    pins = [
        Pin(slot=first.slot, area=other.area),
        Pin(slot=first.slot, week=last_week),
        Pin(slot=other.slot, inspector=lead, role="social-care"),
    ]
    pinned = with_fields(year, pins=[p.model_dump() for p in pins])
    result = solve(pinned, time_limit_s=8)
    assert result.plan is not None
    assert check(pinned, result.plan) == []
    by_slot = result.plan.by_slot()
    assert by_slot[first.slot].area == other.area
    assert by_slot[first.slot].week == last_week
    assert {"role": "social-care", "inspector": lead} in [
        m.model_dump() for m in by_slot[other.slot].team
    ]


def test_replan_after_leave_keeps_most_of_the_published_plan(
    year: Problem, published: PlanResult
) -> None:
    plan = published.plan
    assert plan is not None
    first = plan.inspections[0]
    away = first.team[2].inspector
    sick = DateRange(start=first.week, end=first.week + timedelta(days=4), reason="sick")
    inspectors = [
        i.model_copy(update={"unavailable": [*i.unavailable, sick]}) if i.id == away else i
        for i in year.inspectors
    ]
    changed = with_fields(
        year, inspectors=[i.model_dump() for i in inspectors], previous_plan=plan.model_dump()
    )
    result = solve(changed, time_limit_s=30)  # proofs need room on a loaded machine
    assert result.status is Status.OPTIMAL
    assert result.plan is not None
    assert check(changed, result.plan) == []
    assert result.change_count == len(result.changes) == 1
    (change,) = result.changes
    assert change.slot == first.slot
    decisions = sum(2 + len(p.team) for p in plan.inspections)
    assert decisions > 80  # one change among many kept decisions


def test_replan_with_nothing_changed_changes_nothing(year: Problem, published: PlanResult) -> None:
    assert published.plan is not None
    again = with_fields(year, previous_plan=published.plan.model_dump())
    result = solve(again, time_limit_s=5)
    assert result.change_count == 0
    assert result.objective == published.objective
