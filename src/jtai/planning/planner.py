"""solve(): plan the year within a time limit and say how good the answer is."""

from __future__ import annotations

import math
import time

from ortools.sat.python import cp_model

from jtai.planning.decompose import Outcome, plan_by_decomposition
from jtai.planning.evaluate import evaluate
from jtai.planning.explain import explain
from jtai.planning.greedy import greedy_on
from jtai.planning.instance import Instance, build_instance
from jtai.planning.model import PlanModel
from jtai.planning.problem import Problem
from jtai.planning.result import Change, Plan, PlanResult, Status
from jtai.planning.solver import (
    DEFAULT_TIME_LIMIT_S,
    DEFAULT_WORKERS,
    SolverSettings,
    add_hints,
    extract_plan,
    hint_from_answer,
)


def solve(
    problem: Problem,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    *,
    workers: int = DEFAULT_WORKERS,
    seed: int = 0,
) -> PlanResult:
    """Plan the year: areas, weeks and teams, optimal or with a proven gap.

    A new plan comes from the decomposition (decompose.py). With a ``previous_plan`` the
    fewest changes to it come first, then the soft goals among plans with that many
    changes, both in the full model. When no plan exists the result is INFEASIBLE with
    the reasons, found by a relaxed model (explain.py).
    """
    if not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, not {time_limit_s}")
    started = time.perf_counter()
    deadline = started + time_limit_s
    settings = SolverSettings(time_limit_s=time_limit_s, workers=workers, seed=seed)
    inst = build_instance(problem)
    if problem.previous_plan is not None:
        return _replan(inst, problem.previous_plan, settings, started)

    outcome = plan_by_decomposition(inst, settings, deadline)
    if outcome.relaxation_infeasible:
        return _infeasible(inst, settings, started)
    if outcome.needs_full_model or outcome.plan is None:
        return _full_model(inst, settings, started, outcome)
    return _result(inst, outcome.plan, outcome.bound, started)


def gap(objective: float, bound: float) -> float:
    """Relative distance to the proven bound: 0 when optimal."""
    return max(0.0, objective - bound) / max(1.0, abs(objective))


def _result(
    inst: Instance,
    plan: Plan,
    bound: float,
    started: float,
    *,
    proven_changes: bool = True,
    notes: list[str] | None = None,
) -> PlanResult:
    breakdown = evaluate(inst.problem, plan)
    objective = breakdown.total
    bound = min(bound, objective)
    previous = inst.problem.previous_plan
    diff = diff_plans(previous, plan) if previous is not None else []
    optimal = proven_changes and objective <= math.ceil(bound - 1e-9)
    return PlanResult(
        status=Status.OPTIMAL if optimal else Status.FEASIBLE,
        plan=plan,
        objective=objective,
        bound=bound,
        gap=gap(objective, bound),
        wall_time=time.perf_counter() - started,
        breakdown=breakdown,
        change_count=len(diff) if previous is not None else None,
        changes=diff,
        notes=notes or [],
    )


def _full_model(
    inst: Instance, settings: SolverSettings, started: float, outcome: Outcome
) -> PlanResult:
    """One CP-SAT model for everything, when the decomposition could not decide."""
    pm = PlanModel(inst)
    add_hints(pm, outcome.plan or greedy_on(inst).plan)
    pm.model.minimize(pm.total())
    solver = settings.solver(settings.time_limit_s - (time.perf_counter() - started))
    status = solver.solve(pm.model)
    if status == cp_model.INFEASIBLE:
        return _infeasible(inst, settings, started)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _unknown(settings, started)
    bound = max(solver.best_objective_bound, outcome.bound)
    return _result(inst, extract_plan(pm, solver), bound, started)


def _replan(inst: Instance, previous: Plan, settings: SolverSettings, started: float) -> PlanResult:
    """Fewest changes to the published plan first, then the best plan with that many."""
    pm = PlanModel(inst)
    add_hints(pm, previous)
    changes = pm.changes(previous)
    pm.model.minimize(changes)
    solver = settings.solver(settings.time_limit_s / 2)
    status = solver.solve(pm.model)
    if status == cp_model.INFEASIBLE:
        return _infeasible(inst, settings, started)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _unknown(settings, started)
    fewest = round(solver.objective_value)
    proven = status == cp_model.OPTIMAL
    notes = [] if proven else [f"{fewest} changes is the fewest found, not proven the fewest"]
    pm.model.add(changes <= fewest)
    hint_from_answer(pm, solver)
    pm.model.minimize(pm.total())
    solver = settings.solver(settings.time_limit_s - (time.perf_counter() - started))
    status = solver.solve(pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _unknown(settings, started)
    plan = extract_plan(pm, solver)
    return _result(
        inst, plan, solver.best_objective_bound, started, proven_changes=proven, notes=notes
    )


def _infeasible(inst: Instance, settings: SolverSettings, started: float) -> PlanResult:
    # Explaining gets what is left of the limit, and never less than a quarter of it.
    left = settings.time_limit_s - (time.perf_counter() - started)
    reasons, notes = explain(inst, settings, max(left, settings.time_limit_s / 4))
    return PlanResult(
        status=Status.INFEASIBLE,
        wall_time=time.perf_counter() - started,
        reasons=reasons,
        notes=notes,
    )


def _unknown(settings: SolverSettings, started: float) -> PlanResult:
    return PlanResult(
        status=Status.UNKNOWN,
        wall_time=time.perf_counter() - started,
        notes=[f"no plan found within {settings.time_limit_s:g} s; try a longer time limit"],
    )


def diff_plans(previous: Plan, plan: Plan) -> list[Change]:
    """What a re-plan changed in the published plan, decision by decision."""
    now = plan.by_slot()
    changes = []
    for before in previous.inspections:
        after = now.get(before.slot)
        if after is None:
            changes.append(Change(slot=before.slot, what="removed", before=before.area, after=""))
            continue
        if before.week != after.week:
            changes.append(
                Change(
                    slot=before.slot, what="week", before=str(before.week), after=str(after.week)
                )
            )
        if before.area != after.area:
            changes.append(
                Change(slot=before.slot, what="area", before=before.area, after=after.area)
            )
        added = [m for m in after.team if m not in before.team]
        for member in before.team:
            if member in after.team:
                continue
            replacement = next((m for m in added if m.role == member.role), None)
            if replacement is not None:
                added.remove(replacement)
            changes.append(
                Change(
                    slot=before.slot,
                    what="inspector",
                    before=f"{member.role}: {member.inspector}",
                    after=f"{member.role}: {replacement.inspector}" if replacement else "",
                )
            )
    return changes
