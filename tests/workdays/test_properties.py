"""Properties of working-day arithmetic that must hold for every date and step."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jtai.workdays import WorkingCalendar

CALENDAR = WorkingCalendar(
    closures=frozenset({date(2024, 12, 23), date(2024, 12, 24), date(2031, 7, 4)})
)

days = st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31))
steps = st.integers(min_value=-800, max_value=800)
nonzero_steps = steps.filter(bool)


def working_day(d: date) -> date:
    return d if CALENDAR.is_working_day(d) else CALENDAR.next_working_day(d)


@given(days, steps)
def test_adding_then_subtracting_returns_to_a_working_day(d: date, n: int) -> None:
    start = working_day(d)
    assert CALENDAR.subtract_working_days(CALENDAR.add_working_days(start, n), n) == start


@given(days, nonzero_steps)
def test_results_are_working_days(d: date, n: int) -> None:
    assert CALENDAR.is_working_day(CALENDAR.add_working_days(d, n))


@given(days, nonzero_steps)
def test_counts_agree_with_adds(d: date, n: int) -> None:
    assert CALENDAR.count_working_days(d, CALENDAR.add_working_days(d, n)) == n


@given(days, days)
def test_adding_a_count_reaches_any_working_day(d: date, e: date) -> None:
    target = working_day(e)
    if target != d:
        assert CALENDAR.add_working_days(d, CALENDAR.count_working_days(d, target)) == target


@given(days, nonzero_steps)
def test_result_is_the_nearest_such_working_day(d: date, n: int) -> None:
    result = CALENDAR.add_working_days(d, n)
    assert (result > d) == (n > 0)
    # One step fewer stops short of the result: nothing was skipped over.
    fewer = CALENDAR.add_working_days(d, n - 1 if n > 0 else n + 1)
    assert fewer == d or (fewer < result if n > 0 else fewer > result)


@given(days, steps, steps)
def test_adding_is_monotonic_in_the_step(d: date, m: int, n: int) -> None:
    if m < n:
        assert CALENDAR.add_working_days(d, m) <= CALENDAR.add_working_days(d, n)


@given(days, days, steps)
def test_adding_is_monotonic_in_the_start(d: date, e: date, n: int) -> None:
    if d <= e:
        assert CALENDAR.add_working_days(d, n) <= CALENDAR.add_working_days(e, n)


@given(days, days)
def test_count_is_antisymmetric_between_working_days(d: date, e: date) -> None:
    a, b = working_day(d), working_day(e)
    assert CALENDAR.count_working_days(a, b) == -CALENDAR.count_working_days(b, a)


@given(days, days, days)
def test_counts_add_up_along_the_way(d: date, e: date, f: date) -> None:
    a, b, c = sorted((d, e, f))
    assert CALENDAR.count_working_days(a, c) == CALENDAR.count_working_days(
        a, b
    ) + CALENDAR.count_working_days(b, c)


@given(days, days)
def test_count_matches_a_day_by_day_walk(d: date, e: date) -> None:
    start, end = sorted((d, e))
    if (end - start).days > 400:
        end = date.fromordinal(start.toordinal() + 400)
    walked = sum(
        CALENDAR.is_working_day(date.fromordinal(o))
        for o in range(start.toordinal() + 1, end.toordinal() + 1)
    )
    assert CALENDAR.count_working_days(start, end) == walked


@given(days)
def test_working_days_are_weekdays_without_a_holiday_name(d: date) -> None:
    named = CALENDAR.holiday_name(d) is not None
    assert CALENDAR.is_working_day(d) == (d.weekday() < 5 and not named)
