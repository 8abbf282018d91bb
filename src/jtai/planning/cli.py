"""Command line: `python -m jtai.planning solve problem.json [--json] [--time-limit S]`.

Exit status: 0 for an answer (a plan, or INFEASIBLE with reasons, or UNKNOWN when the
time ran out), 2 for a problem that cannot be read, 1 if a plan fails the checker.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from jtai.planning.checker import check
from jtai.planning.generate import generate_problem
from jtai.planning.greedy import greedy_plan
from jtai.planning.planner import solve
from jtai.planning.problem import Problem
from jtai.planning.report import render
from jtai.planning.result import PlanResult, Status
from jtai.planning.schema import problem_json_schema, problem_to_json
from jtai.planning.solver import DEFAULT_TIME_LIMIT_S, DEFAULT_WORKERS
from jtai.planning.validation import ProblemError, load_problem


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "example":
        problem = generate_problem(args.inspections, args.inspectors, args.year, args.seed)
        print(problem_to_json(problem))
        return 0
    if args.command == "schema":
        print(json.dumps(problem_json_schema(), indent=2))
        return 0
    given = _read(args.problem)
    if given is None:
        return 2
    problem = given
    if args.command == "greedy":
        started = time.perf_counter()
        baseline = greedy_plan(problem)
        if baseline.plan is None or baseline.objective is None:
            print(f"the greedy baseline could not place {', '.join(baseline.unplaced)}")
            return 0
        result = PlanResult(
            status=Status.FEASIBLE,
            plan=baseline.plan,
            objective=baseline.objective.total,
            breakdown=baseline.objective,
            wall_time=time.perf_counter() - started,
            notes=["greedy baseline: no bound, no proof"],
        )
        print(result.model_dump_json(indent=2) if args.json else render(problem, result))
        return 0
    result = solve(problem, time_limit_s=args.time_limit, workers=args.workers, seed=args.seed)
    print(result.model_dump_json(indent=2) if args.json else render(problem, result))
    if result.plan is not None:
        violations = check(problem, result.plan)
        for violation in violations:
            print(f"checker: {violation.rule}: {violation.message}", file=sys.stderr)
        if violations:
            return 1
    return 0


def _read(path: str) -> Problem | None:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return load_problem(text)
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror}", file=sys.stderr)
    except ProblemError as exc:
        print(f"{path}: the problem is not valid:", file=sys.stderr)
        for message in exc.messages:
            print(f"  - {message}", file=sys.stderr)
    return None


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jtai plan", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    solving = commands.add_parser("solve", help="plan areas, weeks and teams for a problem")
    solving.add_argument("problem", help="problem JSON file (docs/planning.md), or - for stdin")
    solving.add_argument("--json", action="store_true", help="print the result as JSON")
    solving.add_argument("--time-limit", type=_seconds, default=DEFAULT_TIME_LIMIT_S, metavar="S")
    solving.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    solving.add_argument("--seed", type=int, default=0)
    baseline = commands.add_parser("greedy", help="the greedy baseline's plan and objective")
    baseline.add_argument("problem")
    baseline.add_argument("--json", action="store_true")
    example = commands.add_parser("example", help="print a demo problem as JSON")
    example.add_argument("--inspections", type=int, default=10)
    example.add_argument("--inspectors", type=int, default=84)
    example.add_argument("--year", type=int, default=2026)
    example.add_argument("--seed", type=int, default=0)
    commands.add_parser("schema", help="print the problem's JSON schema")
    return parser
