from datetime import date

import pytest

from jtai.workdays import DayOff, WorkingCalendar

CALENDAR = WorkingCalendar()


def test_weekdays_are_working_days_and_weekends_are_not() -> None:
    assert CALENDAR.is_working_day(date(2023, 5, 22))  # Monday
    assert CALENDAR.is_working_day(date(2023, 5, 26))  # Friday
    assert not CALENDAR.is_working_day(date(2023, 5, 27))
    assert not CALENDAR.is_working_day(date(2023, 5, 28))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2023, 5, 22), -10, date(2023, 5, 5)),  # over the coronation
        (date(2022, 1, 10), -10, date(2021, 12, 22)),  # over Christmas and New Year
        (date(2023, 5, 5), 10, date(2023, 5, 22)),
        (date(2023, 5, 26), 15, date(2023, 6, 19)),  # over the spring bank holiday
        (date(2023, 5, 19), 1, date(2023, 5, 22)),  # Friday to Monday
        (date(2023, 5, 20), 1, date(2023, 5, 22)),  # Saturday to Monday
        (date(2023, 5, 20), -1, date(2023, 5, 19)),  # Saturday back to Friday
        (date(2023, 5, 22), -1, date(2023, 5, 19)),  # Monday back to Friday
        (date(2023, 4, 6), 1, date(2023, 4, 11)),  # Thursday over Easter
        (date(2023, 5, 20), 0, date(2023, 5, 20)),  # zero leaves any day alone
        (date(2023, 12, 29), 2, date(2024, 1, 3)),  # across a year end
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CALENDAR.add_working_days(start, n) == expected


def test_subtract_next_and_previous_are_adds() -> None:
    assert CALENDAR.subtract_working_days(date(2023, 5, 22), 10) == date(2023, 5, 5)
    assert CALENDAR.next_working_day(date(2023, 5, 5)) == date(2023, 5, 9)
    assert CALENDAR.previous_working_day(date(2023, 5, 9)) == date(2023, 5, 5)
    assert CALENDAR.next_working_day(date(2023, 5, 22)) == date(2023, 5, 23)


def test_large_steps_extend_the_index_in_both_directions() -> None:
    calendar = WorkingCalendar()
    later = calendar.add_working_days(date(2023, 1, 3), 5000)
    assert later.year == 2042
    assert calendar.add_working_days(later, -5000) == date(2023, 1, 3)
    assert calendar.count_working_days(date(1990, 1, 1), date(2023, 1, 2)) > 8000


def test_count_excludes_start_and_includes_end() -> None:
    assert CALENDAR.count_working_days(date(2023, 5, 5), date(2023, 5, 22)) == 10
    assert CALENDAR.count_working_days(date(2023, 5, 22), date(2023, 5, 26)) == 4
    assert CALENDAR.count_working_days(date(2023, 5, 21), date(2023, 5, 26)) == 5
    assert CALENDAR.count_working_days(date(2023, 5, 22), date(2023, 5, 22)) == 0
    assert CALENDAR.count_working_days(date(2023, 5, 22), date(2023, 5, 5)) == -10


def test_count_backwards_from_a_weekend_agrees_with_subtracting() -> None:
    saturday = date(2023, 5, 27)
    assert CALENDAR.count_working_days(saturday, date(2023, 5, 26)) == -1
    assert CALENDAR.add_working_days(saturday, -1) == date(2023, 5, 26)


def test_closures_are_not_working_days_and_are_named() -> None:
    closed = date(2024, 12, 23)
    calendar = WorkingCalendar(
        closures=frozenset({closed, date(2024, 12, 30)}),
        closure_reasons={closed: "Office closed for Christmas"},
    )
    assert not calendar.is_working_day(closed)
    assert calendar.add_working_days(date(2024, 12, 20), 1) == date(2024, 12, 24)
    assert calendar.holiday_name(closed) == "Office closed for Christmas"
    assert calendar.holiday_name(date(2024, 12, 30)) == "Closure day"
    assert calendar.days_off_between(date(2024, 12, 21), date(2024, 12, 31)) == [
        DayOff(closed, "Office closed for Christmas"),
        DayOff(date(2024, 12, 25), "Christmas Day"),
        DayOff(date(2024, 12, 26), "Boxing Day"),
        DayOff(date(2024, 12, 30), "Closure day"),
    ]
    assert calendar.bank_holidays_between(date(2024, 12, 21), date(2024, 12, 31)) == [
        DayOff(date(2024, 12, 25), "Christmas Day"),
        DayOff(date(2024, 12, 26), "Boxing Day"),
    ]
    assert CALENDAR.is_working_day(closed)


def test_a_closure_on_a_bank_holiday_keeps_the_bank_holiday_name() -> None:
    calendar = WorkingCalendar(closures=frozenset({date(2023, 5, 8)}))
    assert calendar.holiday_name(date(2023, 5, 8)) == "Coronation of Charles III"
    assert calendar.days_off_between(date(2023, 5, 8), date(2023, 5, 8)) == [
        DayOff(date(2023, 5, 8), "Coronation of Charles III")
    ]


def test_weekend_closures_change_nothing() -> None:
    calendar = WorkingCalendar(closures=frozenset({date(2023, 5, 20)}))
    assert calendar.holiday_name(date(2023, 5, 20)) is None
    assert calendar.days_off_between(date(2023, 5, 20), date(2023, 5, 20)) == []
    assert calendar.add_working_days(date(2023, 5, 19), 1) == date(2023, 5, 22)


def test_holiday_name_is_none_for_working_days_and_weekends() -> None:
    assert CALENDAR.holiday_name(date(2023, 5, 9)) is None
    assert CALENDAR.holiday_name(date(2021, 12, 25)) is None  # Saturday; 27th is the day off
    assert CALENDAR.holiday_name(date(2021, 12, 27)) == "Christmas Day (observed)"


def test_bank_holidays_between_spans_years_inclusively() -> None:
    days = CALENDAR.bank_holidays_between(date(2021, 12, 27), date(2022, 1, 3))
    assert [day.day for day in days] == [date(2021, 12, 27), date(2021, 12, 28), date(2022, 1, 3)]


def test_plain_calendar_ignores_bank_holidays() -> None:
    plain = WorkingCalendar(bank_holidays=False)
    assert plain.is_working_day(date(2023, 5, 8))
    assert plain.add_working_days(date(2023, 5, 22), -10) == date(2023, 5, 8)
    assert plain.holiday_name(date(2023, 5, 8)) is None
    assert plain.bank_holidays_between(date(2023, 1, 1), date(2023, 12, 31)) == []


def test_reasons_for_days_that_are_not_closed_are_refused() -> None:
    with pytest.raises(ValueError, match="2024-12-23, which is not in closures"):
        WorkingCalendar(closure_reasons={date(2024, 12, 23): "Christmas"})


def test_calendars_are_immutable_values() -> None:
    reasons = {date(2024, 12, 23): "Christmas"}
    calendar = WorkingCalendar(closures=frozenset(reasons), closure_reasons=reasons)
    reasons[date(2024, 12, 23)] = "changed"
    assert calendar.holiday_name(date(2024, 12, 23)) == "Christmas"
    with pytest.raises(AttributeError):
        calendar.closures = frozenset()  # type: ignore[misc]
    assert calendar == WorkingCalendar(
        closures=frozenset(reasons), closure_reasons={date(2024, 12, 23): "Christmas"}
    )
    assert hash(calendar) == hash(WorkingCalendar(closures=frozenset(reasons)))
    assert calendar != WorkingCalendar()


def test_stepping_past_the_last_representable_date_overflows() -> None:
    with pytest.raises(OverflowError, match="outside the supported dates"):
        CALENDAR.add_working_days(date(9999, 12, 1), 100)
