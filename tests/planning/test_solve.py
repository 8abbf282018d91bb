"""The demo year: proven optimal, every hard rule kept, the objective agreed twice."""

from datetime import timedelta

import pytest
from ortools.sat.python import cp_model

from jtai.planning import (
    PlanResult,
    Problem,
    Status,
    check,
    decompose,
    evaluate,
    generate_problem,
    greedy_plan,
    solve,
)
from jtai.planning.instance import build_instance
from jtai.planning.model import PlanModel
from jtai.planning.solver import SolverSettings


def test_demo_year_is_proven_optimal(demo: Problem, demo_result: PlanResult) -> None:
    assert len(demo.inspectors) >= 80
    assert demo_result.status is Status.OPTIMAL
    assert demo_result.gap == 0
    assert demo_result.objective == demo_result.bound
    assert demo_result.plan is not None
    assert len(demo_result.plan.inspections) == 10


def test_no_fieldwork_in_blackouts_or_bank_holiday_weeks(
    demo: Problem, demo_result: PlanResult
) -> None:
    assert demo_result.plan is not None
    blackouts = demo.resolved_blackouts()
    for inspection in demo_result.plan.inspections:
        monday, friday = inspection.week, inspection.week + timedelta(days=4)
        assert monday.weekday() == 0
        assert monday.month != 8
        assert friday.month != 8
        assert not any(monday <= day <= friday for day in demo.bank_holidays)
        assert not any(b.start <= friday and monday <= b.end for b in blackouts)


def test_conflicts_of_interest_are_honoured(demo: Problem, demo_result: PlanResult) -> None:
    assert demo_result.plan is not None
    conflicts = {i.id: set(i.conflicts) for i in demo.inspectors}
    assert sum(len(c) for c in conflicts.values()) > 10
    for inspection in demo_result.plan.inspections:
        for member in inspection.team:
            assert inspection.area not in conflicts[member.inspector]


def test_model_and_evaluator_score_a_plan_the_same(demo: Problem, demo_result: PlanResult) -> None:
    """Fix every decision of the plan in the CP-SAT model: its objective is the evaluator's."""
    plan = demo_result.plan
    assert plan is not None
    inst = build_instance(demo)
    pm = PlanModel(inst, symmetry=False)
    by_slot = plan.by_slot()
    for data in inst.slots:
        planned = by_slot[data.slot.id]
        pm.model.add(pm.week_lit[data.index, inst.week_of(planned.week)] == 1)
        pm.model.add(pm.area_lit[data.index, inst.area_index[planned.area]] == 1)
        team = {(m.role, m.inspector) for m in planned.team}
        for r, spec in enumerate(data.roles):
            for i in spec.eligible:
                chosen = (spec.role.key, inst.inspectors[i].id) in team
                pm.model.add(pm.x[data.index, r, i] == int(chosen))
    pm.model.minimize(pm.total())
    solver = SolverSettings(5).solver(5)
    assert solver.solve(pm.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == evaluate(demo, plan).total == demo_result.objective


def test_greedy_baseline_is_valid_and_no_better(demo: Problem, demo_result: PlanResult) -> None:
    baseline = greedy_plan(demo)
    assert baseline.plan is not None
    assert baseline.objective is not None
    assert check(demo, baseline.plan) == []
    assert demo_result.objective is not None
    assert baseline.objective.total >= demo_result.objective


def test_large_years_go_by_windows_and_keep_an_honest_bound(
    demo: Problem, demo_result: PlanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Force the path used for big years (relaxation, greedy, window by window)."""
    monkeypatch.setattr(decompose, "EXACT_SIZE_LIMIT", 0)
    result = solve(demo, time_limit_s=4)
    assert result.plan is not None
    assert check(demo, result.plan) == []
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.bound is not None
    assert result.objective is not None
    assert demo_result.objective is not None
    assert result.bound <= demo_result.objective <= result.objective
    assert result.objective == evaluate(demo, result.plan).total


def test_two_a_week_when_capacity_allows() -> None:
    problem = generate_problem(n_inspections=20, n_inspectors=120, seed=3)
    roomy = Problem.model_validate({**problem.model_dump(), "max_inspections_per_week": 2})
    result = solve(roomy, time_limit_s=3)
    assert result.plan is not None
    assert check(roomy, result.plan) == []
