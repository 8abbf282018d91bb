"""Convex counting penalties for CP-SAT, shared by the full model and the relaxation."""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

Expr = cp_model.LinearExpr | cp_model.IntVar | int


def add_steps(model: cp_model.CpModel, count: Expr, costs: list[int], name: str) -> Expr:
    """Cost of ``count`` when its k-th unit costs ``costs[k-1]`` (never decreasing).

    "At least k" booleans, filled in order: because marginal costs rise, the linear
    relaxation fills them in order too and is exact. (A max-of-tangents form is exact
    as well, but presolve folds it into a max constraint with a much weaker relaxation.)
    """
    steps = [model.new_bool_var(f"{name}_ge{k}") for k in range(1, len(costs) + 1)]
    model.add(sum(steps) == count)
    for low, high in itertools.pairwise(steps):
        model.add_implication(high, low)
    return sum(cost * step for cost, step in zip(costs, steps, strict=True))


def add_pairs(model: cp_model.CpModel, count: Expr, most: int, name: str) -> Expr:
    """count * (count - 1) / 2 for a count of at most ``most``: the k-th unit costs k-1."""
    if most < 2:
        return 0
    return add_steps(model, count, list(range(most)), name)
