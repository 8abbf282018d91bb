"""The independent checker catches every hard rule broken on purpose in a valid plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from jtai.planning import Assignment, Pin, Plan, PlanResult, Problem, check

Mutation = Callable[[Problem, Plan], Problem | None]


def member_of(plan: Plan, slot: str, role: str, n: int = 0) -> Assignment:
    return [m for m in plan.by_slot()[slot].team if m.role == role][n]


def swap(plan: Plan, slot: str, old: str, new: str) -> None:
    inspection = plan.by_slot()[slot]
    inspection.team = [
        Assignment(role=m.role, inspector=new) if m.inspector == old else m for m in inspection.team
    ]


def first(plan: Plan) -> str:
    return plan.inspections[0].slot


def set_week(monday: date) -> Mutation:
    def mutate(problem: Problem, plan: Plan) -> None:
        plan.inspections[0].week = monday

    return mutate


def not_a_monday(problem: Problem, plan: Plan) -> None:
    plan.inspections[0].week += timedelta(days=1)


def same_week(problem: Problem, plan: Plan) -> None:
    plan.inspections[1].week = plan.inspections[0].week


def revisit_in_march(problem: Problem, plan: Plan) -> None:
    revisit = next(p for p in plan.inspections if p.slot.startswith("revisit"))
    revisit.week = date(2026, 3, 9)


def excluded_area(problem: Problem, plan: Plan) -> None:
    plan.inspections[0].area = problem.excluded_areas[0]


def recent_area(problem: Problem, plan: Plan) -> None:
    themed = next(p for p in plan.inspections if not p.slot.startswith("revisit"))
    themed.area = next(c for c, d in problem.last_inspected.items() if d >= problem.recent_cutoff())


def not_a_candidate(problem: Problem, plan: Plan) -> None:
    revisit = next(p for p in plan.inspections if p.slot.startswith("revisit"))
    revisit.area = next(p.area for p in plan.inspections if not p.slot.startswith("revisit"))


def same_area(problem: Problem, plan: Plan) -> None:
    plan.inspections[1].area = plan.inspections[0].area


def short_team(problem: Problem, plan: Plan) -> None:
    plan.inspections[0].team.pop()


def unknown_role(problem: Problem, plan: Plan) -> None:
    member = plan.inspections[0].team[0]
    plan.inspections[0].team[0] = Assignment(role="chair", inspector=member.inspector)


def twice_in_team(problem: Problem, plan: Plan) -> None:
    team = plan.inspections[0].team
    team[-1] = Assignment(role=team[-1].role, inspector=team[0].inspector)


def unknown_inspector(problem: Problem, plan: Plan) -> None:
    swap(plan, first(plan), member_of(plan, first(plan), "police").inspector, "nobody")


def unqualified(problem: Problem, plan: Plan) -> None:
    police = member_of(plan, first(plan), "police").inspector
    nurse = next(i.id for i in problem.inspectors if i.inspectorate == "cqc")
    swap(plan, first(plan), police, nurse)


def on_leave(problem: Problem, plan: Plan) -> Problem:
    """Leave given to a team member after the plan was made."""
    inspection = plan.inspections[0]
    police = member_of(plan, inspection.slot, "police").inspector
    leave = {"start": inspection.week, "end": inspection.week, "reason": "leave"}
    data = problem.model_dump()
    for person in data["inspectors"]:
        if person["id"] == police:
            person["unavailable"].append(leave)
    return Problem.model_validate(data)


def conflicted(problem: Problem, plan: Plan) -> None:
    inspection = plan.inspections[0]
    inspector = next(i for i in problem.inspectors if i.conflicts)
    inspection.area = inspector.conflicts[0]
    inspection.team[0] = Assignment(role=inspection.team[0].role, inspector=inspector.id)


def overlapping(problem: Problem, plan: Plan) -> None:
    a, b = plan.inspections[0], plan.inspections[1]
    b.week = a.week + timedelta(weeks=1)
    police_a = member_of(plan, a.slot, "police").inspector
    swap(plan, b.slot, member_of(plan, b.slot, "police").inspector, police_a)


def over_the_yearly_maximum(problem: Problem, plan: Plan) -> Problem:
    police = member_of(plan, first(plan), "police").inspector
    for inspection in plan.inspections[1:]:
        if all(m.inspector != police for m in inspection.team):
            swap(
                plan, inspection.slot, member_of(plan, inspection.slot, "police").inspector, police
            )
    return problem


def dropped(problem: Problem, plan: Plan) -> None:
    plan.inspections.pop()


def renamed(problem: Problem, plan: Plan) -> None:
    plan.inspections[0].slot = "csa-family-99"


def pinned_elsewhere(problem: Problem, plan: Plan) -> Problem:
    inspection = plan.inspections[0]
    slot = next(s for s in problem.slots() if s.id == inspection.slot)
    other = next(w for w in problem.candidate_weeks(slot.window) if w != inspection.week)
    pins = [Pin(slot=inspection.slot, week=other).model_dump()]
    return Problem.model_validate({**problem.model_dump(), "pins": pins})


CASES: list[tuple[str, Mutation]] = [
    ("week-not-monday", not_a_monday),
    ("bank-holiday", set_week(date(2026, 4, 6))),
    ("blackout", set_week(date(2026, 8, 10))),
    ("blackout", set_week(date(2026, 12, 21))),
    ("week-outside-window", revisit_in_march),
    ("week-capacity", same_week),
    ("area-excluded", excluded_area),
    ("area-recent", recent_area),
    ("area-not-candidate", not_a_candidate),
    ("area-repeated", same_area),
    ("team-size", short_team),
    ("role-unknown", unknown_role),
    ("team-repeat", twice_in_team),
    ("inspector-unknown", unknown_inspector),
    ("not-qualified", unqualified),
    ("unavailable", on_leave),
    ("conflict-of-interest", conflicted),
    ("overlap", overlapping),
    ("yearly-maximum", over_the_yearly_maximum),
    ("slot-missing", dropped),
    ("slot-unknown", renamed),
    ("pin", pinned_elsewhere),
]


@pytest.mark.parametrize(("rule", "mutate"), CASES, ids=[f"{r}-{m.__name__}" for r, m in CASES])
def test_checker_catches_a_planted_violation(
    demo: Problem, demo_result: PlanResult, rule: str, mutate: Mutation
) -> None:
    assert demo_result.plan is not None
    plan = demo_result.plan.model_copy(deep=True)
    problem = mutate(demo, plan) or demo
    assert check(problem, demo_result.plan) == [] or rule in ("pin", "unavailable")
    found = {v.rule for v in check(problem, plan)}
    assert rule in found


def test_year_capacity_and_revisit_caps(demo: Problem, demo_result: PlanResult) -> None:
    assert demo_result.plan is not None
    tighter = Problem.model_construct(
        **{**dict(demo), "max_inspections_per_year": 9, "max_revisits_per_year": 3}
    )
    found = {v.rule for v in check(tighter, demo_result.plan)}
    assert {"year-capacity", "revisit-capacity"} <= found
