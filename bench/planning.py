"""Planning benchmark: the demo year and a year ten times larger, optimiser vs greedy.

Run: .venv/bin/python bench/planning.py [--seeds 0 1 2] [--skip-large]

Budgets (2 CP-SAT workers): the demo year (10 inspections, 84 inspectors) proven optimal
in under 10 s; the large year (100 inspections, 800 inspectors) within 1% of the bound in
under 60 s. Every plan is also run through the independent checker.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from jtai.planning import Status, check, generate_problem, greedy_plan, solve


@dataclass(frozen=True)
class Case:
    name: str
    inspections: int
    inspectors: int
    time_limit_s: float
    max_seconds: float
    needs_optimal: bool
    max_gap: float


CASES = (
    Case("demo year", 10, 84, 10.0, 10.0, needs_optimal=True, max_gap=0.0),
    Case("10x year", 100, 800, 55.0, 60.0, needs_optimal=False, max_gap=0.01),
)


def run(case: Case, seed: int) -> bool:
    problem = generate_problem(case.inspections, case.inspectors, seed=seed)
    started = time.perf_counter()
    baseline = greedy_plan(problem)
    greedy_s = time.perf_counter() - started
    result = solve(problem, time_limit_s=case.time_limit_s, workers=2, seed=0)
    violations = check(problem, result.plan) if result.plan is not None else []
    greedy = baseline.objective.total if baseline.objective is not None else None
    gap = result.gap if result.gap is not None else float("inf")
    within = (
        result.wall_time < case.max_seconds
        and not violations
        and (result.status is Status.OPTIMAL if case.needs_optimal else gap <= case.max_gap)
    )
    bound = f"{result.bound:.0f}" if result.bound is not None else "-"
    print(
        f"{case.name:<10} seed {seed}  {case.inspections:>3} inspections {case.inspectors:>3}"
        f" inspectors | {result.status:<8} objective {result.objective} bound {bound}"
        f" gap {100 * gap:.2f}% wall {result.wall_time:.1f} s | greedy {greedy}"
        f" ({greedy_s:.1f} s) | checker {len(violations)} violations"
        f" | {'within budget' if within else 'OVER BUDGET'}"
    )
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    cases = CASES[:1] if args.skip_large else CASES
    results = [run(case, seed) for case in cases for seed in args.seeds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
