"""Timelines checked by hand against published inspection letters and their calendars."""

from datetime import date

import pytest

from jtai.timelines import SHIPPED_FRAMEWORKS, compute_timeline
from jtai.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()
CURRENT = SHIPPED_FRAMEWORKS["2022"]


def test_may_2023_fieldwork_over_the_coronation_and_spring_bank_holiday() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR)
    assert dict(timeline.dates) == {
        # Ten working days back from Monday 22 May skips the coronation, Monday 8 May.
        "notification": date(2023, 5, 5),
        "information_due": date(2023, 5, 11),  # Tue 9, Wed 10, Thu 11
        "case_selection": date(2023, 5, 12),
        "audit_due": date(2023, 5, 19),
        "fieldwork_start": date(2023, 5, 22),
        "fieldwork_end": date(2023, 5, 26),
        "feedback": date(2023, 5, 26),
        # Monday 29 May was the spring bank holiday: 15 working days end on Monday 19 June,
        # not Friday 16 June.
        "draft_report": date(2023, 6, 19),
        "factual_accuracy_due": date(2023, 6, 30),  # 9 working days: 20-23 and 26-30 June
        "final_report": date(2023, 7, 10),  # Monday of week 10; week 3 began 22 May
        "publication": date(2023, 7, 14),
        # 70 working days is 14 weeks (Friday 20 October), plus the August bank holiday.
        "wsoa_due": date(2023, 10, 23),
    }
    assert list(timeline.dates) == [rule.name for rule in CURRENT.rules]


def test_january_2022_fieldwork_after_christmas() -> None:
    timeline = compute_timeline(CURRENT, date(2022, 1, 10), CALENDAR)
    assert dict(timeline.dates) == {
        # 7, 6, 5, 4 Jan; 3 Jan off; 31, 30, 29 Dec; 28 and 27 Dec off; 24, 23, 22 Dec.
        "notification": date(2021, 12, 22),
        "information_due": date(2021, 12, 29),  # Thu 23, Fri 24, then Wed 29
        "case_selection": date(2021, 12, 30),
        "audit_due": date(2022, 1, 7),
        "fieldwork_start": date(2022, 1, 10),
        "fieldwork_end": date(2022, 1, 14),
        "feedback": date(2022, 1, 14),
        "draft_report": date(2022, 2, 4),  # Friday of week 6
        "factual_accuracy_due": date(2022, 2, 17),  # Thursday of week 8
        "final_report": date(2022, 2, 28),
        "publication": date(2022, 3, 4),
        # 14 weeks is Friday 10 June; Good Friday, Easter Monday, May Day, the spring bank
        # holiday and the jubilee add five working days.
        "wsoa_due": date(2022, 6, 17),
    }


def test_actual_publication_moves_the_written_statement_due_date() -> None:
    # Solihull's letter was published on Monday 21 February 2022, before the plan's date.
    timeline = compute_timeline(CURRENT, date(2022, 1, 10), CALENDAR, published=date(2022, 2, 21))
    assert timeline.published == date(2022, 2, 21)
    assert timeline["publication"] == date(2022, 3, 4)  # the plan is kept for comparison
    # 14 weeks is Monday 30 May; Easter and May Day add three working days, and the
    # spring bank holiday and jubilee (2 and 3 June) are stepped over.
    assert timeline["wsoa_due"] == date(2022, 6, 6)


def test_salford_2016_publication_matches_the_letter() -> None:
    timeline = compute_timeline(SHIPPED_FRAMEWORKS["2016"], date(2016, 9, 12), CALENDAR)
    assert timeline["fieldwork_end"] == date(2016, 9, 16)
    assert timeline["publication"] == date(2016, 10, 28)
    assert timeline["notification"] == date(2016, 8, 26)  # late summer bank holiday, 29 Aug
    assert timeline["case_selection"] == date(2016, 8, 30)


def test_2016_timeline_uses_only_its_own_key_dates() -> None:
    timeline = compute_timeline(SHIPPED_FRAMEWORKS["2016"], date(2017, 5, 22), CALENDAR)
    assert list(timeline.dates) == [
        "notification",
        "case_selection",
        "audit_due",
        "fieldwork_start",
        "fieldwork_end",
        "feedback",
        "draft_report",
        "publication",
        "wsoa_due",
    ]
    assert timeline["publication"] == date(2017, 7, 10)  # 30 WD over the 29 May holiday
    assert timeline["wsoa_due"] == CALENDAR.add_working_days(date(2017, 7, 10), 70)


def test_published_before_fieldwork_ends_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"published \(2023-05-25\) must not be before fieldwork_end"
    ):
        compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR, published=date(2023, 5, 25))


def test_published_on_the_last_day_of_fieldwork_is_accepted() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR, published=date(2023, 5, 26))
    assert timeline["wsoa_due"] == CALENDAR.add_working_days(date(2023, 5, 26), 70)


def test_to_dict_is_json_ready() -> None:
    timeline = compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR, published=date(2023, 7, 13))
    exported = timeline.to_dict()
    assert exported["framework"] == "2022"
    assert exported["published"] == "2023-07-13"
    assert exported["dates"]["notification"] == "2023-05-05"
    assert list(exported["dates"]) == list(timeline.dates)
    assert exported["warnings"] == timeline.warnings
    assert compute_timeline(CURRENT, date(2023, 5, 22), CALENDAR).to_dict()["published"] is None
