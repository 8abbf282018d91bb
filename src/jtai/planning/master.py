"""A small relaxation that chooses the areas and bounds the whole year from below.

People are pooled by what makes them interchangeable for the objective: inspectorate,
specialism, accreditation and home region. The relaxation keeps the area choice exact
and replaces teams by flows of pooled people to regions; it drops weeks, leave, overlaps
and conflicts of interest. Its optimum is therefore a valid lower bound for the full
problem, and its areas are a very good start: with them fixed, the full model (teams and
weeks) is easy, and when its plan costs no more than this bound it is proven optimal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from jtai.planning.areas import Region, travel
from jtai.planning.instance import Instance, SlotData
from jtai.planning.pairs import Expr, add_pairs, add_steps
from jtai.planning.problem import Inspector, Role
from jtai.planning.solver import SolverSettings

Lit = cp_model.IntVar
PoolKey = tuple[str, str, bool, bool, Region]


@dataclass(frozen=True)
class MasterResult:
    bound: float  # proven lower bound on every plan not excluded by ``tried``
    areas: dict[str, list[int]]  # stream key -> area indexes chosen for its slots


def _signature(role: Role) -> tuple[str, str, str]:
    return (role.inspectorate, role.specialism or "", role.requires or "")


def _pool_key(inspector: Inspector) -> PoolKey:
    return (
        inspector.inspectorate,
        inspector.specialism,
        inspector.can_lead,
        inspector.can_qa,
        inspector.home_region,
    )


def marginal_pairs(caps: list[int]) -> list[int]:
    """Cost of each extra inspection given to a pool, spread as evenly as caps allow.

    Giving the k-th inspection to the least loaded person costs their current load in
    new pairs, so these marginal costs never decrease and their running sum is the
    fewest pairs any split of that many inspections within the pool can have.
    """
    loads = [0] * len(caps)
    costs = []
    for _ in range(sum(caps)):
        person = min((n for n in range(len(caps)) if loads[n] < caps[n]), key=loads.__getitem__)
        costs.append(loads[person])
        loads[person] += 1
    return costs


def solve_master(
    inst: Instance,
    settings: SolverSettings,
    time_limit_s: float,
    tried: list[dict[tuple[str, Region], int]] | None = None,
) -> MasterResult | None:
    """The relaxation's areas and bound, excluding the region patterns in ``tried``.

    None when it has no solution: then no plan exists (or every pattern has been tried).
    """
    m = cp_model.CpModel()
    streams: dict[str, list[SlotData]] = defaultdict(list)
    for data in inst.slots:
        streams[data.slot.stream].append(data)

    chosen: dict[tuple[str, int], Lit] = {}
    for stream, slots in streams.items():
        for j in slots[0].areas:
            chosen[stream, j] = m.new_bool_var(f"a_{stream}_{j}")
        m.add(sum(chosen[stream, j] for j in slots[0].areas) == len(slots))
        for data in slots:
            for _, pin in data.pins:
                if pin.area is not None:
                    m.add(chosen.get((stream, inst.area_index[pin.area]), 0) == 1)
    by_area: dict[int, list[Lit]] = defaultdict(list)
    for (_, j), lit in chosen.items():
        by_area[j].append(lit)
    for lits in by_area.values():
        if len(lits) > 1:
            m.add_at_most_one(lits)

    groups: dict[str, dict[object, list[tuple[int, Lit]]]] = {
        name: defaultdict(list) for name in ("region", "stream", "type", "band")
    }
    for n, ((stream, j), lit) in enumerate(chosen.items()):
        region = inst.area_region[j]
        groups["region"][region].append((n, lit))
        groups["stream"][stream, region].append((n, lit))
        groups["type"][inst.area_type[j]].append((n, lit))
        groups["band"][inst.area_band[j]].append((n, lit))
    slots_total = len(inst.slots)
    terms: dict[str, Expr] = {
        "region_pairs": _group_pairs(m, groups["region"], slots_total),
        "theme_region_pairs": _group_pairs(m, groups["stream"], slots_total),
        "authority_type_pairs": _group_pairs(m, groups["type"], slots_total),
        "population_band_pairs": _group_pairs(m, groups["band"], slots_total),
    }
    terms["workload_pairs"], terms["travel"] = _pooled_teams(m, inst, streams, chosen)

    for pattern in tried or []:
        # A region pattern already solved exactly: at least one count must now differ.
        fewer = []
        for (stream, region), count in pattern.items():
            lits = [
                lit
                for (other, j), lit in chosen.items()
                if other == stream and inst.area_region[j] == region
            ]
            differs = m.new_bool_var(f"differs_{stream}_{region}")
            m.add(sum(lits) <= count - 1).only_enforce_if(differs)
            fewer.append(differs)
        m.add_bool_or(fewer)
    weights = inst.problem.weights
    m.minimize(sum(weights.of(name) * term for name, term in terms.items()))
    solver = settings.solver(time_limit_s)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return MasterResult(
        bound=solver.best_objective_bound,
        areas={
            stream: [j for j in slots[0].areas if solver.boolean_value(chosen[stream, j])]
            for stream, slots in streams.items()
        },
    )


def _group_pairs(
    m: cp_model.CpModel, groups: dict[object, list[tuple[int, Lit]]], most: int
) -> Expr:
    return sum(
        add_pairs(m, sum(lit for _, lit in members), min(most, len(members)), f"g{n}")
        for n, members in enumerate(groups.values())
    )


def _pooled_teams(
    m: cp_model.CpModel,
    inst: Instance,
    streams: dict[str, list[SlotData]],
    chosen: dict[tuple[str, int], Lit],
) -> tuple[Expr, Expr]:
    """Workload and travel of pooled people flowing to the regions of the chosen areas."""
    pools: dict[PoolKey, list[Inspector]] = defaultdict(list)
    for inspector in inst.inspectors:
        if inspector.max_inspections > 0:
            pools[_pool_key(inspector)].append(inspector)

    in_region: dict[Region, list[Lit]] = defaultdict(list)
    demand: dict[tuple[tuple[str, str, str], Region], list[Expr]] = defaultdict(list)
    sample_role: dict[tuple[str, str, str], Role] = {}
    for stream, slots in streams.items():
        for j in slots[0].areas:
            region = inst.area_region[j]
            in_region[region].append(chosen[stream, j])
            for spec in slots[0].roles:
                sample_role[_signature(spec.role)] = spec.role
                demand[_signature(spec.role), region].append(spec.role.count * chosen[stream, j])

    flows: dict[tuple[PoolKey, Region], list[Lit]] = defaultdict(list)
    travel_cost: list[Expr] = []
    for (signature, region), needed in demand.items():
        role = sample_role[signature]
        arriving = []
        for key, people in pools.items():
            if not people[0].qualifies(role):
                continue
            most = min(sum(p.max_inspections for p in people), len(inst.slots) * role.count)
            flow = m.new_int_var(0, most, f"f_{signature}_{key}_{region}")
            arriving.append(flow)
            flows[key, region].append(flow)
            travel_cost.append(travel(key[4], region) * flow)
        m.add(sum(arriving) == sum(needed))

    workload: list[Expr] = []
    for key, people in pools.items():
        for region in in_region:
            if flows[key, region]:
                # One place per person per team: at most the pool's size per inspection.
                m.add(sum(flows[key, region]) <= len(people) * sum(in_region[region]))
        load = [f for region in in_region for f in flows[key, region]]
        if load:
            costs = marginal_pairs([p.max_inspections for p in people])
            workload.append(add_steps(m, sum(load), costs, f"load_{key}"))
    return sum(workload), sum(travel_cost)
