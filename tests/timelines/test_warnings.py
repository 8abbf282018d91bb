from datetime import date

from jtai.timelines import SHIPPED_FRAMEWORKS, compute_timeline
from jtai.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()
CURRENT = SHIPPED_FRAMEWORKS["2022"]


def test_an_ordinary_fortnight_gives_no_warnings() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 10, 16), CALENDAR)
    assert timeline.warnings == []
    assert timeline["notification"] == date(2023, 10, 2)


def test_fieldwork_not_starting_on_a_monday() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 23), CALENDAR)
    assert timeline.warnings == ["Fieldwork starts on Tuesday 23 May 2023, not a Monday"]
    # The fieldwork week is still the calendar week: it ends on the Friday.
    assert timeline["fieldwork_end"] == date(2023, 5, 26)
    assert timeline["notification"] == date(2023, 5, 9)


def test_fieldwork_starting_on_a_bank_holiday() -> None:
    timeline = compute_timeline(CURRENT, date(2022, 5, 2), CALENDAR)
    assert timeline.warnings[:2] == [
        "Fieldwork starts on Monday 2 May 2022, a bank holiday (May Day)",
        "The fieldwork week has 4 working days: Monday 2 May 2022 is a bank holiday (May Day)",
    ]


def test_bank_holidays_in_the_fieldwork_week_are_named_and_friday_moves_earlier() -> None:
    timeline = compute_timeline(CURRENT, date(2022, 5, 30), CALENDAR)
    assert timeline.warnings == [
        "The fieldwork week has 3 working days: Thursday 2 June 2022 is a bank holiday "
        "(Spring Bank Holiday) and Friday 3 June 2022 is a bank holiday "
        "(Platinum Jubilee of Elizabeth II)",
        "End of fieldwork would fall on Friday 3 June 2022, a bank holiday (Platinum Jubilee "
        "of Elizabeth II), so it moves to the previous working day, Wednesday 1 June 2022",
    ]
    assert timeline["fieldwork_end"] == timeline["feedback"] == date(2022, 6, 1)


def test_good_friday_in_the_fieldwork_week() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 4, 3), CALENDAR)
    assert timeline["fieldwork_end"] == date(2023, 4, 6)
    assert timeline.warnings[0] == (
        "The fieldwork week has 4 working days: Friday 7 April 2023 is a bank holiday (Good Friday)"
    )


def test_a_closure_day_in_the_fieldwork_week() -> None:
    closed = date(2023, 10, 18)
    named = WorkingCalendar(closures=frozenset({closed}), closure_reasons={closed: "Strike"})
    assert compute_timeline(CURRENT, date(2023, 10, 16), named).warnings == [
        "The fieldwork week has 4 working days: Wednesday 18 October 2023 is a closure day (Strike)"
    ]
    unnamed = WorkingCalendar(closures=frozenset({closed}))
    assert compute_timeline(CURRENT, date(2023, 10, 16), unnamed).warnings == [
        "The fieldwork week has 4 working days: Wednesday 18 October 2023 is a closure day"
    ]


def test_bank_holiday_in_weeks_one_and_two_moves_notification_earlier() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR)
    assert timeline.warnings == [
        "Notification moves earlier, to Friday 5 May 2023, because Monday 8 May 2023 is a "
        "bank holiday (Coronation of Charles III)"
    ]


def test_several_holidays_before_fieldwork_are_all_named() -> None:
    timeline = compute_timeline(CURRENT, date(2022, 1, 10), CALENDAR)
    assert timeline.warnings == [
        "Notification moves earlier, to Wednesday 22 December 2021, because Monday 27 December "
        "2021 is a bank holiday (Christmas Day (observed)), Tuesday 28 December 2021 is a bank "
        "holiday (Boxing Day (observed)) and Monday 3 January 2022 is a bank holiday (New "
        "Year's Day (observed))"
    ]


def test_a_closure_before_fieldwork_moves_notification_too() -> None:
    closed = date(2023, 10, 6)
    calendar = WorkingCalendar(closures=frozenset({closed}))
    timeline = compute_timeline(CURRENT, date(2023, 10, 16), calendar)
    assert timeline["notification"] == date(2023, 9, 29)
    assert timeline.warnings == [
        "Notification moves earlier, to Friday 29 September 2023, because Friday 6 October "
        "2023 is a closure day"
    ]


def test_weekend_start_warns_and_reports_dates_out_of_order_without_failing() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 27), CALENDAR)
    assert timeline.warnings == [
        "Fieldwork starts on Saturday 27 May 2023, not a Monday",
        "Key dates out of order: End of fieldwork (Friday 26 May 2023) comes before Start of "
        "fieldwork (Saturday 27 May 2023)",
    ]


def test_publication_on_good_friday_moves_to_thursday() -> None:
    # Week 10 of fieldwork starting Monday 24 February 2025 holds Good Friday, 18 April.
    timeline = compute_timeline(CURRENT, date(2025, 2, 24), CALENDAR)
    assert timeline["publication"] == date(2025, 4, 17)
    assert (
        "Publication would fall on Friday 18 April 2025, a bank holiday (Good Friday), so it "
        "moves to the previous working day, Thursday 17 April 2025" in timeline.warnings
    )


def test_a_start_that_is_neither_monday_nor_a_working_day_says_both() -> None:
    timeline = compute_timeline(CURRENT, date(2021, 12, 28), CALENDAR)
    assert timeline.warnings[0] == (
        "Fieldwork starts on Tuesday 28 December 2021, not a Monday and a bank holiday "
        "(Boxing Day (observed))"
    )
