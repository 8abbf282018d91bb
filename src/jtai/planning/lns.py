"""Improving a large plan a few inspections at a time.

For a year too big to optimise in one CP-SAT model within the time limit, the areas come
from the relaxation (master.py) and a first plan from the greedy baseline; then windows
of consecutive inspections are re-optimised by CP-SAT (weeks and teams, from a shortlist
of people per role), everything else kept as it is. A change is kept only when it lowers
the objective, scored by the shared evaluator.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from jtai.planning.areas import travel
from jtai.planning.evaluate import evaluate
from jtai.planning.instance import Instance, RoleSpec, SlotData
from jtai.planning.model import Context, PlanModel
from jtai.planning.result import Plan, PlannedInspection
from jtai.planning.solver import SolverSettings, add_hints, extract_plan

BATCH = 8
BATCH_TIME_S = 2.0
SHORTLIST_PER_PLACE = 6


def context_outside(inst: Instance, plan: Plan, inside: set[str]) -> Context:
    """What the inspections not being re-optimised take up."""
    roles = {
        (data.slot.id, spec.role.key): spec.window for data in inst.slots for spec in data.roles
    }
    load: Counter[int] = Counter()
    busy: dict[int, list[tuple[int, int]]] = defaultdict(list)
    weeks: Counter[int] = Counter()
    areas = set()
    for inspection in plan.inspections:
        if inspection.slot in inside:
            continue
        week = inst.week_of(inspection.week)
        weeks[week] += 1
        areas.add(inst.area_index[inspection.area])
        for member in inspection.team:
            i = inst.inspector_index[member.inspector]
            before, after = roles[inspection.slot, member.role]
            load[i] += 1
            busy[i].append((week - before, week + after))
    return Context(
        load=dict(load), busy=dict(busy), week_use=dict(weeks), used_areas=frozenset(areas)
    )


def _shortlist(
    inst: Instance, data: SlotData, current: PlannedInspection, context: Context
) -> list[RoleSpec]:
    """Per role, the people on it now and the most promising others: with hundreds of
    inspectors a window would otherwise be as big as the whole year."""
    weights = inst.problem.weights
    region = inst.area_region[data.areas[0]]
    members = {m.inspector for m in current.team}

    def promise(i: int) -> tuple[int, int]:
        home = inst.inspectors[i].home_region
        load = context.load.get(i, 0)
        return weights.workload_pairs * load + weights.travel * travel(home, region), i

    shortlists = []
    for spec in data.roles:
        keep = [i for i in spec.eligible if inst.inspectors[i].id in members]
        others = sorted((i for i in spec.eligible if i not in keep), key=promise)
        chosen = set(keep + others[: SHORTLIST_PER_PLACE * spec.role.count])
        shortlists.append(replace(spec, eligible=tuple(i for i in spec.eligible if i in chosen)))
    return shortlists


def improve(inst: Instance, plan: Plan, settings: SolverSettings, deadline: float) -> Plan:
    """Re-optimise sliding windows of inspections (in week order) until the deadline."""
    problem = inst.problem
    best, value = plan, evaluate(problem, plan).total
    weeks = {p.slot: p.week for p in plan.inspections}
    ordered = sorted(inst.slots, key=lambda d: (weeks[d.slot.id], d.index))
    size = min(BATCH, len(ordered))
    stride = max(1, size // 2)
    windows = max(1, math.ceil(len(ordered) / stride))
    start, idle = 0, 0
    # Stop after a full round of windows that changed nothing: the plan is then a local
    # optimum for this neighbourhood, and more rounds would only repeat themselves.
    while idle < windows and (left := deadline - time.perf_counter()) > 0.5:
        batch = [ordered[(start + n) % len(ordered)] for n in range(size)]
        start = (start + stride) % len(ordered)
        candidate = _reoptimise(inst, best, batch, settings, min(left, BATCH_TIME_S))
        score = evaluate(problem, candidate).total if candidate is not None else value
        if candidate is not None and score < value:
            best, value, idle = candidate, score, 0
        else:
            idle += 1
    return best


def _reoptimise(
    inst: Instance, plan: Plan, batch: list[SlotData], settings: SolverSettings, limit: float
) -> Plan | None:
    inside = {data.slot.id for data in batch}
    context = context_outside(inst, plan, inside)
    by_slot = plan.by_slot()
    part = replace(
        inst,
        slots=[
            replace(data, index=n, roles=_shortlist(inst, data, by_slot[data.slot.id], context))
            for n, data in enumerate(batch)
        ],
    )
    # Slots are no longer interchangeable here (each has its own area), so no ordering.
    pm = PlanModel(part, symmetry=False, context=context)
    add_hints(pm, plan)
    pm.model.minimize(pm.total())
    solver = settings.solver(limit)
    # Small models over a fixed context: presolve costs more than the search it saves.
    solver.parameters.cp_model_presolve = False
    if solver.solve(pm.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    redone = extract_plan(pm, solver).inspections
    kept = [p for p in plan.inspections if p.slot not in inside]
    return Plan(inspections=sorted(kept + redone, key=lambda p: (p.week, p.slot)))
