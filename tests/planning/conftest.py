"""Shared problems and solutions: the demo year is solved once per test session."""

from __future__ import annotations

import pytest

from jtai.planning import PlanResult, Problem, check, generate_problem, solve


@pytest.fixture(scope="session")
def demo() -> Problem:
    return generate_problem()


@pytest.fixture(scope="session")
def demo_result(demo: Problem) -> PlanResult:
    # The 10 s budget is measured by bench/planning.py; the test asks only for a proof of
    # optimality, with room for a loaded machine.
    result = solve(demo, time_limit_s=40)
    assert result.plan is not None
    assert check(demo, result.plan) == []
    return result
