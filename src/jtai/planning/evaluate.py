"""The objective of any plan, in plain Python.

Separate from the CP-SAT model on purpose: the greedy baseline is scored with it, and the
tests check that it agrees with the value the solver reports for its own plans.
"""

from __future__ import annotations

from collections import Counter

from jtai.planning.areas import population_band, population_band_limits, travel
from jtai.planning.problem import Problem
from jtai.planning.result import Objective, Plan


def pairs(count: int) -> int:
    """Pairs among ``count`` things: the convex penalty every spread goal uses."""
    return count * (count - 1) // 2


def evaluate(problem: Problem, plan: Plan) -> Objective:
    areas = {area.ons_code: area for area in problem.areas}
    homes = {inspector.id: inspector.home_region for inspector in problem.inspectors}
    streams = {slot.id: slot.stream for slot in problem.slots()}
    limits = population_band_limits(problem.areas)

    regions: Counter[object] = Counter()
    stream_regions: Counter[object] = Counter()
    types: Counter[object] = Counter()
    bands: Counter[object] = Counter()
    loads: Counter[str] = Counter()
    travel_total = 0
    for inspection in plan.inspections:
        area = areas[inspection.area]
        regions[area.region] += 1
        stream_regions[streams.get(inspection.slot, inspection.slot), area.region] += 1
        types[area.authority_type] += 1
        bands[population_band(area.population_0_25, limits)] += 1
        for member in inspection.team:
            loads[member.inspector] += 1
            travel_total += travel(homes[member.inspector], area.region)

    weights = problem.weights
    terms = {
        "region_pairs": sum(pairs(c) for c in regions.values()),
        "theme_region_pairs": sum(pairs(c) for c in stream_regions.values()),
        "authority_type_pairs": sum(pairs(c) for c in types.values()),
        "population_band_pairs": sum(pairs(c) for c in bands.values()),
        "workload_pairs": sum(pairs(c) for c in loads.values()),
        "travel": travel_total,
    }
    total = sum(weights.of(name) * value for name, value in terms.items())
    return Objective(total=total, **terms)
