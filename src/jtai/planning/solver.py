"""Running CP-SAT: solver settings, hints, and reading a plan out of an answer."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from jtai.planning.model import PlanModel
from jtai.planning.result import Assignment, Plan, PlannedInspection

DEFAULT_TIME_LIMIT_S = 10.0
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class SolverSettings:
    time_limit_s: float
    workers: int = DEFAULT_WORKERS
    seed: int = 0

    def solver(self, time_limit_s: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        # A limit is always set: a planner asking "what if" waits seconds, not hours.
        solver.parameters.max_time_in_seconds = max(0.1, time_limit_s)
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        return solver


def add_hints(pm: PlanModel, plan: Plan | None) -> None:
    """Start the search from a known plan (the published one, or the greedy one)."""
    if plan is None:
        return
    inst = pm.inst
    by_slot = plan.by_slot()
    for data in inst.slots:
        inspection = by_slot.get(data.slot.id)
        if inspection is None:
            continue
        s = data.index
        week = inst.week_of(inspection.week)
        for k in data.weeks:
            pm.model.add_hint(pm.week_lit[s, k], k == week)
        area = inst.area_index.get(inspection.area)
        for j in data.areas:
            pm.model.add_hint(pm.area_lit[s, j], j == area)
        team = {(m.role, m.inspector) for m in inspection.team}
        for r, spec in enumerate(data.roles):
            for i in spec.eligible:
                chosen = (spec.role.key, inst.inspectors[i].id) in team
                pm.model.add_hint(pm.x[s, r, i], chosen)


def hint_from_answer(pm: PlanModel, solver: cp_model.CpSolver) -> None:
    pm.model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in ortools 9.15
    for lits in (pm.week_lit, pm.area_lit, pm.x):
        for lit in lits.values():
            pm.model.add_hint(lit, solver.boolean_value(lit))


def extract_plan(pm: PlanModel, solver: cp_model.CpSolver) -> Plan:
    """The plan in the solver's answer; unplaced slots (relaxed model) are left out."""
    inst = pm.inst
    inspections = []
    for data in inst.slots:
        s = data.index
        weeks = [k for k in data.weeks if solver.boolean_value(pm.week_lit[s, k])]
        areas = [j for j in data.areas if solver.boolean_value(pm.area_lit[s, j])]
        if not weeks or not areas:
            continue
        team = [
            Assignment(role=spec.role.key, inspector=inst.inspectors[i].id)
            for r, spec in enumerate(data.roles)
            for i in spec.eligible
            if solver.boolean_value(pm.x[s, r, i])
        ]
        area = inst.areas[areas[0]]
        inspections.append(
            PlannedInspection(
                slot=data.slot.id,
                week=inst.monday(weeks[0]),
                area=area.ons_code,
                area_name=area.name,
                theme=data.slot.theme,
                team=team,
            )
        )
    inspections.sort(key=lambda p: (p.week, p.slot))
    return Plan(inspections=inspections)
