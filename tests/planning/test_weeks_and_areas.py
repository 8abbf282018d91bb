from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jtai.planning import AuthorityType, Region, default_blackouts
from jtai.planning.areas import (
    authority_type,
    population_band,
    population_band_limits,
    reference_areas,
    travel,
)
from jtai.planning.evaluate import pairs
from jtai.planning.master import marginal_pairs
from jtai.planning.weeks import blocked_reason, week_label, weeks_within


def test_default_blackouts_keep_early_december_and_the_second_week_of_january() -> None:
    blackouts = default_blackouts(2022)
    # Real JTAIs: fieldwork 10-14 January 2022 and in early December.
    assert blocked_reason(date(2022, 1, 10), [], blackouts) is None
    assert blocked_reason(date(2022, 12, 5), [], blackouts) is None
    assert "Christmas" in (blocked_reason(date(2022, 1, 3), [], blackouts) or "")
    assert "Christmas" in (blocked_reason(date(2022, 12, 19), [], blackouts) or "")
    assert "August" in (blocked_reason(date(2022, 8, 15), [], blackouts) or "")
    # The week of 1 August 2022 starts on a Monday in August; the week before ends in July.
    assert blocked_reason(date(2022, 7, 25), [], blackouts) is None


def test_a_bank_holiday_in_the_week_blocks_it() -> None:
    reason = blocked_reason(date(2023, 5, 8), [date(2023, 5, 8)], [])
    assert reason == "bank holiday on 8 May 2023"


def test_weeks_lie_entirely_within_the_range() -> None:
    assert weeks_within(date(2026, 3, 3), date(2026, 3, 20)) == [
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]
    assert weeks_within(date(2026, 3, 2), date(2026, 3, 5)) == []


def test_week_label_is_how_planners_say_it() -> None:
    assert week_label(date(2026, 3, 9)) == "week of 9 March 2026"


def test_reference_areas_and_their_types() -> None:
    areas = reference_areas()
    assert len(areas) == 153
    assert {a.region for a in areas} == set(Region)
    assert authority_type("E06000001") is AuthorityType.UNITARY
    assert authority_type("E08000035") is AuthorityType.METROPOLITAN
    assert authority_type("E09000008") is AuthorityType.LONDON_BOROUGH
    assert authority_type("E10000023") is AuthorityType.COUNTY


def test_travel_is_symmetric_and_zero_at_home() -> None:
    for a in Region:
        assert travel(a, a) == 0
        for b in Region:
            assert travel(a, b) == travel(b, a)
            assert a == b or travel(a, b) > 0


def test_population_bands_are_quarters() -> None:
    areas = reference_areas()
    limits = population_band_limits(areas)
    counts = [0] * 4
    for area in areas:
        counts[population_band(area.population_0_25, limits)] += 1
    assert all(35 <= n <= 41 for n in counts)


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=5), st.data())
def test_pooled_workload_bound_is_the_fewest_pairs(caps: list[int], data: st.DataObject) -> None:
    """The relaxation's workload cost equals the best split found by brute force."""
    total = data.draw(st.integers(min_value=0, max_value=sum(caps)))

    def best(left: int, caps: list[int]) -> int:
        if not caps:
            return 0 if left == 0 else 10**9
        return min(pairs(n) + best(left - n, caps[1:]) for n in range(min(left, caps[0]) + 1))

    assert sum(marginal_pairs(caps)[:total]) == best(total, caps)
