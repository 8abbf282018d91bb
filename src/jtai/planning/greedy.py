"""A simple greedy planner: the baseline the optimiser is measured against.

Slot by slot (tightest window first), it takes the week nearest an even spread, the area
that adds the least to the spread penalties, and for each role the qualified, free
inspectors with the lightest load and shortest journey. It never goes back on a choice,
so it can fail where a plan exists; it is scored with the same evaluator as the solver.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from jtai.planning.areas import travel
from jtai.planning.evaluate import evaluate
from jtai.planning.instance import Instance, SlotData, build_instance
from jtai.planning.problem import Problem
from jtai.planning.result import Assignment, Objective, Plan, PlannedInspection

AREAS_TRIED = 8


@dataclass(frozen=True)
class GreedyResult:
    plan: Plan | None
    objective: Objective | None
    unplaced: list[str]  # slots it could not place with a full team


class _State:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.per_week: Counter[int] = Counter()
        self.used_areas: set[int] = set()
        self.spread: Counter[tuple[str, object]] = Counter()
        self.load: Counter[int] = Counter()
        self.busy: dict[int, list[tuple[int, int]]] = defaultdict(list)

    def area_cost(self, data: SlotData, j: int) -> int:
        inst, w = self.inst, self.inst.problem.weights
        region = inst.area_region[j]
        return (
            w.region_pairs * self.spread["region", region]
            + w.theme_region_pairs * self.spread["stream", (data.slot.stream, region)]
            + w.authority_type_pairs * self.spread["type", inst.area_type[j]]
            + w.population_band_pairs * self.spread["band", inst.area_band[j]]
        )

    def free(self, i: int, window: tuple[int, int]) -> bool:
        return all(window[1] < a or b < window[0] for a, b in self.busy[i])


def greedy_plan(problem: Problem) -> GreedyResult:
    """The greedy baseline's plan, scored with the shared evaluator."""
    return greedy_on(build_instance(problem))


def greedy_on(inst: Instance) -> GreedyResult:
    """Greedy on a compiled instance, whose slots may have been narrowed to some areas."""
    problem = inst.problem
    state = _State(inst)
    inspections = []
    unplaced = []
    position: Counter[str] = Counter()
    for data in sorted(inst.slots, key=lambda d: (not d.pins, len(d.weeks), d.index)):
        stream_size = sum(1 for d in inst.slots if d.slot.stream == data.slot.stream)
        placed = _place(state, data, position[data.slot.stream], stream_size)
        position[data.slot.stream] += 1
        if placed is None:
            unplaced.append(data.slot.id)
        else:
            inspections.append(placed)
    if unplaced:
        return GreedyResult(plan=None, objective=None, unplaced=unplaced)
    inspections.sort(key=lambda p: (p.week, p.slot))
    plan = Plan(inspections=inspections)
    return GreedyResult(plan=plan, objective=evaluate(problem, plan), unplaced=[])


def _place(state: _State, data: SlotData, nth: int, of: int) -> PlannedInspection | None:
    inst, problem = state.inst, state.inst.problem
    pinned_week = next((p.week for _, p in data.pins if p.week), None)
    pinned_area = next((p.area for _, p in data.pins if p.area), None)
    # Aim for an even spread of a stream's slots over its window: the nth of ``of`` slots
    # tries the weeks nearest its share of the window first.
    ideal = (nth + 0.5) * len(data.weeks) / of
    by_distance = sorted(enumerate(data.weeks), key=lambda nk: abs(nk[0] - ideal))
    weeks = [inst.week_of(pinned_week)] if pinned_week else [k for _, k in by_distance]
    areas = [inst.area_index[pinned_area]] if pinned_area else list(data.areas)
    for k in weeks:
        if state.per_week[k] >= problem.max_inspections_per_week:
            continue
        candidates = sorted(
            (j for j in areas if j not in state.used_areas), key=lambda j: state.area_cost(data, j)
        )
        for j in candidates[:AREAS_TRIED]:
            team = _team(state, data, k, j)
            if team is not None:
                return _commit(state, data, k, j, team)
    return None


def _team(state: _State, data: SlotData, k: int, j: int) -> list[tuple[int, int]] | None:
    """(role index, inspector) for every place in the team, or None when it cannot fill."""
    inst, weights = state.inst, state.inst.problem.weights
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()

    def fits(r: int, i: int) -> bool:
        before, after = data.roles[r].window
        return (
            i not in taken
            and k in inst.available[i]
            and j not in inst.conflicts[i]
            and state.load[i] < inst.inspectors[i].max_inspections
            and state.free(i, (k - before, k + after))
        )

    for _, pin in data.pins:
        if pin.inspector is None:
            continue
        i = inst.inspector_index[pin.inspector]
        r = next(
            (
                r
                for r, spec in enumerate(data.roles)
                if (pin.role in (None, spec.role.key))
                and i in spec.eligible
                and sum(1 for rr, _ in chosen if rr == r) < spec.role.count
            ),
            None,
        )
        if r is None or not fits(r, i):
            return None
        chosen.append((r, i))
        taken.add(i)

    # Scarce roles first, so the few who can lead or QA are not used up as team members.
    order = sorted(range(len(data.roles)), key=lambda r: len(data.roles[r].eligible))
    region = inst.area_region[j]
    for r in order:
        spec = data.roles[r]
        needed = spec.role.count - sum(1 for rr, _ in chosen if rr == r)
        pool = sorted(
            (i for i in spec.eligible if fits(r, i)),
            key=lambda i: (
                weights.workload_pairs * state.load[i]
                + weights.travel * travel(inst.inspectors[i].home_region, region),
                i,
            ),
        )
        if len(pool) < needed:
            return None
        for i in pool[:needed]:
            chosen.append((r, i))
            taken.add(i)
    return chosen


def _commit(
    state: _State, data: SlotData, k: int, j: int, team: list[tuple[int, int]]
) -> PlannedInspection:
    inst = state.inst
    state.per_week[k] += 1
    state.used_areas.add(j)
    region = inst.area_region[j]
    state.spread["region", region] += 1
    state.spread["stream", (data.slot.stream, region)] += 1
    state.spread["type", inst.area_type[j]] += 1
    state.spread["band", inst.area_band[j]] += 1
    for r, i in team:
        before, after = data.roles[r].window
        state.load[i] += 1
        state.busy[i].append((k - before, k + after))
    area = inst.areas[j]
    return PlannedInspection(
        slot=data.slot.id,
        week=inst.monday(k),
        area=area.ons_code,
        area_name=area.name,
        theme=data.slot.theme,
        team=[
            Assignment(role=data.roles[r].role.key, inspector=inst.inspectors[i].id)
            for r, i in sorted(team)
        ],
    )
