"""The suggestion is greedy maximum coverage: its properties, checked exhaustively on
small lists against the best possible choice, and on the shapes real lists have."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.cases.suggest import Candidate, Pick, coverage, suggest

FEATURES = [f"f{n}" for n in range(12)]


@st.composite
def candidate_lists(draw: st.DrawFn, max_size: int = 12) -> list[Candidate]:
    keys = draw(
        st.lists(
            st.text("ABCDEFGH0123456789", min_size=1, max_size=4), max_size=max_size, unique=True
        )
    )
    return [
        Candidate(key, frozenset(draw(st.lists(st.sampled_from(FEATURES), max_size=5))))
        for key in keys
    ]


def covered(picks: list[Pick], candidates: list[Candidate]) -> frozenset[str]:
    by_key = {c.key: c for c in candidates}
    return coverage([by_key[p.key] for p in picks])


@given(candidate_lists(), st.integers(min_value=0, max_value=15))
def test_never_more_than_asked_always_from_the_candidates_never_twice(
    candidates: list[Candidate], size: int
) -> None:
    picks = suggest(candidates, size=size)
    keys = [p.key for p in picks]
    assert len(keys) == min(size, len(candidates))
    assert len(set(keys)) == len(keys)
    assert set(keys) <= {c.key for c in candidates}


@given(candidate_lists(), st.integers(min_value=0, max_value=8), st.data())
def test_children_already_chosen_are_never_suggested_and_their_features_count(
    candidates: list[Candidate], size: int, data: st.DataObject
) -> None:
    chosen = (
        data.draw(st.lists(st.sampled_from(candidates), unique_by=lambda c: c.key))
        if candidates
        else []
    )
    picks = suggest(candidates, size=size, chosen=chosen)
    assert not {p.key for p in picks} & {c.key for c in chosen}
    assert len(picks) == min(size, len(candidates) - len(chosen))
    already = coverage(chosen)
    for pick in picks:
        assert not set(pick.adds) & already


@given(candidate_lists(), st.integers(min_value=0, max_value=12), st.randoms(use_true_random=False))
def test_the_same_list_in_any_order_gives_the_same_suggestion(
    candidates: list[Candidate], size: int, rng: random.Random
) -> None:
    shuffled = list(candidates)
    rng.shuffle(shuffled)
    assert suggest(shuffled, size=size) == suggest(candidates, size=size)


@given(candidate_lists(), st.integers(min_value=0, max_value=10))
def test_a_smaller_suggestion_is_the_start_of_a_larger_one(
    candidates: list[Candidate], size: int
) -> None:
    assert suggest(candidates, size=size) == suggest(candidates, size=size + 1)[:size]


@given(candidate_lists(), st.integers(min_value=1, max_value=10))
def test_what_each_child_adds_is_exactly_what_was_not_yet_covered(
    candidates: list[Candidate], size: int
) -> None:
    picks = suggest(candidates, size=size)
    by_key = {c.key: c for c in candidates}
    so_far: set[str] = set()
    for pick in picks:
        features = by_key[pick.key].features
        assert set(pick.adds) == features - so_far
        assert list(pick.adds) == sorted(pick.adds)
        so_far |= features


@settings(max_examples=300)
@given(candidate_lists(max_size=9), st.integers(min_value=1, max_value=4))
def test_coverage_is_at_least_63_percent_of_the_best_possible(
    candidates: list[Candidate], size: int
) -> None:
    """The guarantee of greedy maximum coverage, (1 - 1/e) of the optimum, against a brute
    force over every choice of the same size. (A suggestion can be beaten by a lucky random
    pick, so 'never worse than random' would not be a true property; this is.)"""
    size = min(size, len(candidates))
    best = max(
        (len(coverage(list(combo))) for combo in itertools.combinations(candidates, size)),
        default=0,
    )
    got = len(covered(suggest(candidates, size=size), candidates))
    assert got >= (1 - 1 / math.e) * best
    # And the first child always brings the most features any child has.
    if candidates and size:
        assert got >= max(len(c.features) for c in candidates)


@given(candidate_lists(), st.integers(min_value=1, max_value=12))
def test_a_new_feature_is_never_left_out_for_one_already_covered(
    candidates: list[Candidate], size: int
) -> None:
    """While a child would add something, the next pick adds at least as much as any."""
    picks = suggest(candidates, size=size)
    by_key = {c.key: c for c in candidates}
    so_far: set[str] = set()
    remaining = dict(by_key)
    for pick in picks:
        best_gain = max(len(c.features - so_far) for c in remaining.values())
        assert len(pick.adds) == best_gain
        so_far |= by_key[pick.key].features
        del remaining[pick.key]


def test_a_list_of_children_gets_a_spread() -> None:
    # Six similar boys and three distinct children: the distinct ones come first, the one
    # with the most new features first of all; of two adding three each, the one whose
    # other features are least covered.
    similar = [
        Candidate(f"S{n}", frozenset({"age:10-15", "gender:male", "ethnicity:white"}))
        for n in range(6)
    ]
    distinct = [
        Candidate(
            "D1", frozenset({"age:0-4", "gender:female", "ethnicity:asian", "agency:police"})
        ),
        Candidate("D2", frozenset({"age:unborn", "status:child_protection", "agency:health"})),
        Candidate("D3", frozenset({"age:16-17", "gender:female", "disability", "ethnicity:black"})),
    ]
    picks = suggest([*similar, *distinct], size=4)
    assert [p.key for p in picks] == ["D1", "D3", "D2", "S0"]
    assert picks[0].adds == ("age:0-4", "agency:police", "ethnicity:asian", "gender:female")
    assert picks[3].adds == ("age:10-15", "ethnicity:white", "gender:male")


def test_ties_go_to_rarer_features_then_to_the_smallest_key() -> None:
    common = [Candidate(f"C{n}", frozenset({"a"})) for n in range(5)]
    rare = Candidate("Z9", frozenset({"b"}))
    assert suggest([*common, rare], size=1)[0].key == "Z9"  # 'b' is rarer than 'a'
    assert [p.key for p in suggest(common, size=2)] == ["C0", "C1"]


def test_fifty_thousand_children_are_suggested_from_quickly() -> None:
    import time

    rng = random.Random(3)
    dimensions = [
        [f"age:{b}" for b in ("unborn", "0-4", "5-9", "10-15", "16-17")],
        ["gender:female", "gender:male"],
        [f"ethnicity:{g}" for g in ("white", "mixed", "asian", "black", "other")],
        [f"status:{s}" for s in ("child_in_need", "child_protection", "looked_after")],
    ]
    candidates = [
        Candidate(
            f"K{n:06d}",
            frozenset(rng.choice(d) for d in dimensions)
            | ({"disability"} if rng.random() < 0.1 else set()),
        )
        for n in range(50_000)
    ]
    start = time.perf_counter()
    picks = suggest(candidates, size=7)
    assert time.perf_counter() - start < 2
    assert len(covered(picks, candidates)) == 16  # every feature there is, in 7 children
