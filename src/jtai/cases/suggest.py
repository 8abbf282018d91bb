"""Suggesting a short list that covers the spread of the children on a list. Pure Python,
no Django (an import contract keeps it so), so its properties can be tested exhaustively.

Each child is a set of features, such as 'age:0-4', 'status:child_protection' or
'agency:police'. The suggestion is the greedy algorithm for maximum coverage: pick the
child who adds the most features not yet covered, again and again. It covers at least
(1 - 1/e), about 63%, of what the best possible choice of the same size would (Nemhauser,
Wolsey and Fisher, 1978), and it is fast on tens of thousands of children. Ties go to
the child whose features are least often covered so far, then to the child with the
rarest new features (they are hardest to cover later), then to the smallest key, so the
same list always gives the same suggestion, whatever order it comes in.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    key: str  # unique among the candidates: the child's case reference
    features: frozenset[str]


@dataclass(frozen=True)
class Pick:
    key: str
    adds: tuple[str, ...]  # the features this child added to the list, sorted


def coverage(chosen: Sequence[Candidate]) -> frozenset[str]:
    return frozenset().union(*(c.features for c in chosen))


def suggest(
    candidates: Sequence[Candidate], *, size: int, chosen: Sequence[Candidate] = ()
) -> list[Pick]:
    """Up to ``size`` more children from ``candidates`` (never one already ``chosen``),
    in the order picked, each with what it adds to the coverage of ``chosen`` and of the
    children picked before it."""
    taken = {c.key for c in chosen}
    # Children with the same features are interchangeable: weigh each set of features
    # once, and take its children in key order. A city's list of 50,000 children has only
    # a few thousand different sets.
    groups: dict[frozenset[str], list[str]] = {}
    for candidate in candidates:
        if candidate.key not in taken:
            groups.setdefault(candidate.features, []).append(candidate.key)
    for keys in groups.values():
        keys.sort(reverse=True)  # pop() takes the smallest
    frequency = Counter(f for c in candidates for f in c.features)
    covered = Counter(f for c in chosen for f in c.features)
    picks: list[Pick] = []
    while len(picks) < size and groups:
        features = min(groups, key=lambda fs: _rank(fs, groups[fs][-1], covered, frequency))
        keys = groups[features]
        key = keys.pop()
        if not keys:
            del groups[features]
        picks.append(Pick(key, tuple(sorted(f for f in features if not covered[f]))))
        covered.update(features)
    return picks


def _rank(
    features: frozenset[str], key: str, covered: Counter[str], frequency: Counter[str]
) -> tuple[int, float, float, str]:
    new = [f for f in features if not covered[f]]
    # fsum is exactly rounded, so the sums do not depend on the order of iteration.
    balance = math.fsum(1 / (1 + covered[f]) for f in features)
    rarity = math.fsum(1 / frequency[f] for f in new)
    return (-len(new), -balance, -rarity, key)
