"""Planning a year by decomposition, with a proof of how good the plan is.

1. The relaxation (master.py) picks the areas and gives a lower bound for every plan.
2. Its regions are fixed (how many inspections of each theme go to each region) and the
   full model finds the best areas within them, weeks and teams: exact, and fast because
   travel no longer depends on the area choice.
3. That region pattern is excluded from the relaxation, whose next optimum bounds every
   pattern not yet tried. Steps 1-3 repeat until the bound reaches the best plan (proven
   optimal) or the time is up (the gap says how far from proven it is).

A year too large for step 2 in one model is planned from the relaxation's areas by the
greedy baseline, then improved window by window (lns.py); the bound still comes from the
relaxation, so the reported gap stays honest.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from jtai.planning.areas import Region
from jtai.planning.evaluate import evaluate
from jtai.planning.greedy import greedy_on
from jtai.planning.instance import Instance, SlotData
from jtai.planning.lns import improve
from jtai.planning.master import MasterResult, solve_master
from jtai.planning.model import PlanModel
from jtai.planning.result import Plan
from jtai.planning.solver import SolverSettings, extract_plan

# Role places times qualified people: above this, one exact model per region pattern is
# too slow for the time limits planners use, so large years go the greedy + LNS way.
EXACT_SIZE_LIMIT = 20_000
LARGE_MASTER_SHARE = 0.5

Pattern = dict[tuple[str, Region], int]


@dataclass(frozen=True)
class Outcome:
    plan: Plan | None
    bound: float
    relaxation_infeasible: bool = False
    needs_full_model: bool = False  # the decomposition could not decide: use model.py


def model_size(inst: Instance) -> int:
    return sum(spec.role.count * len(spec.eligible) for d in inst.slots for spec in d.roles)


def plan_by_decomposition(inst: Instance, settings: SolverSettings, deadline: float) -> Outcome:
    if model_size(inst) > EXACT_SIZE_LIMIT:
        return _large(inst, settings, deadline)
    tried: list[Pattern] = []
    floors: list[float] = []  # proven lower bound of each pattern tried
    # The greedy plan, when there is one, is the first incumbent: whatever the time
    # limit, the planner then always has a valid plan to give back.
    start = greedy_on(inst).plan
    best = (evaluate(inst.problem, start).total, start) if start is not None else None
    master_bound = -math.inf
    while (left := deadline - time.perf_counter()) > 0:
        # Half of what is left at most, so a slow relaxation still leaves time for plans.
        master = solve_master(inst, settings, left / 2, tried)
        if master is None:
            if not tried:
                return Outcome(plan=None, bound=math.inf, relaxation_infeasible=True)
            master_bound = math.inf  # every pattern has been tried
            break
        master_bound = master.bound
        if best is not None and best[0] <= min([master_bound, *floors]):
            break
        pattern = _pattern(inst, master)
        cutoff = best[0] - 1 if best is not None else None
        status, found, floor = _best_in_pattern(inst, pattern, settings, deadline, cutoff)
        if status == cp_model.INFEASIBLE and best is None:
            # Maybe no plan at all (weeks, staff): the full model decides that faster.
            return Outcome(plan=None, bound=master_bound, needs_full_model=True)
        if status == cp_model.UNKNOWN:
            floor = master.bound  # all the relaxation says about this pattern
        tried.append(pattern)
        floors.append(floor)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    bound = min([master_bound, *floors])
    if best is None:
        return Outcome(plan=None, bound=bound, needs_full_model=True)
    return Outcome(plan=best[1], bound=bound)


def _pattern(inst: Instance, master: MasterResult) -> Pattern:
    counts: Counter[tuple[str, Region]] = Counter()
    for stream, areas in master.areas.items():
        for j in areas:
            counts[stream, inst.area_region[j]] += 1
    return dict(counts)


def _best_in_pattern(
    inst: Instance,
    pattern: Pattern,
    settings: SolverSettings,
    deadline: float,
    cutoff: int | None,
) -> tuple[cp_model.CpSolverStatus, tuple[int, Plan] | None, float]:
    """The best plan with this region pattern (better than ``cutoff``), and the proven
    lower bound of any plan with it."""
    regions = defaultdict(set)
    for stream, region in pattern:
        regions[stream].add(region)
    narrowed = replace(
        inst,
        slots=[
            replace(d, areas=[j for j in d.areas if inst.area_region[j] in regions[d.slot.stream]])
            for d in inst.slots
        ],
    )
    pm = PlanModel(narrowed)
    for (stream, region), count in pattern.items():
        pm.model.add(
            sum(
                lit
                for (s, j), lit in pm.area_lit.items()
                if narrowed.slots[s].slot.stream == stream and inst.area_region[j] == region
            )
            == count
        )
    objective = pm.total()
    if cutoff is not None:
        pm.model.add(objective <= cutoff)
    pm.model.minimize(objective)
    solver = settings.solver(deadline - time.perf_counter())
    # With the regions fixed the linear relaxation is tight; presolve would spend more
    # time than it saves and weakens the relaxation of the spread penalties.
    solver.parameters.cp_model_presolve = False
    status = solver.solve(pm.model)
    above_cutoff = math.inf if cutoff is None else cutoff + 1
    if status == cp_model.INFEASIBLE:
        return status, None, above_cutoff
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, -math.inf
    plan = extract_plan(pm, solver)
    value = evaluate(inst.problem, plan).total
    floor = value if status == cp_model.OPTIMAL else min(solver.best_objective_bound, above_cutoff)
    return status, (value, plan), floor


def _large(inst: Instance, settings: SolverSettings, deadline: float) -> Outcome:
    left = deadline - time.perf_counter()
    master = solve_master(inst, settings, left * LARGE_MASTER_SHARE)
    if master is None:
        return Outcome(plan=None, bound=math.inf, relaxation_infeasible=True)
    fixed = replace(inst, slots=_one_area_each(inst, master))
    start = greedy_on(fixed).plan or greedy_on(inst).plan
    if start is None:
        return Outcome(plan=None, bound=master.bound, needs_full_model=True)
    plan = improve(fixed, start, settings, deadline)
    return Outcome(plan=plan, bound=master.bound)


def _one_area_each(inst: Instance, master: MasterResult) -> list[SlotData]:
    """Give each slot one of its stream's areas: pinned ones first, the rest in order."""
    slots = []
    for stream, areas in master.areas.items():
        free = list(areas)
        members = [d for d in inst.slots if d.slot.stream == stream]
        pinned = {d.index: inst.area_index[p.area] for d in members for _, p in d.pins if p.area}
        for j in pinned.values():
            free.remove(j)
        for d in members:
            area = pinned.get(d.index)
            slots.append(replace(d, areas=[area if area is not None else free.pop(0)]))
    return sorted(slots, key=lambda d: d.index)
