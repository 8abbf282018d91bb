from datetime import date

import pytest

from jtai.workdays import WorkingCalendar, bank_holidays_in


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 6, 2), "Spring Bank Holiday"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
        (date(2022, 1, 3), "New Year's Day (observed)"),
        (date(2020, 5, 8), "May Day"),
    ],
)
def test_one_off_and_substitute_days_are_bank_holidays(day: date, name: str) -> None:
    assert bank_holidays_in(day.year)[day] == name
    assert not WorkingCalendar().is_working_day(day)


def test_moved_spring_bank_holiday_of_2022_is_a_working_day() -> None:
    # The jubilee moved the late May bank holiday to 2 June.
    assert WorkingCalendar().is_working_day(date(2022, 5, 30))


def test_weekend_holidays_are_left_to_their_substitute_days() -> None:
    assert date(2021, 12, 25) not in bank_holidays_in(2021)
    assert date(2021, 12, 26) not in bank_holidays_in(2021)


def test_scottish_and_northern_irish_holidays_are_not_included() -> None:
    assert date(2023, 1, 2) in bank_holidays_in(2023)  # New Year substitute, England too
    assert date(2023, 3, 17) not in bank_holidays_in(2023)  # St Patrick's Day
    assert date(2023, 8, 7) not in bank_holidays_in(2023)  # Scottish summer holiday


def test_england_has_eight_bank_holidays_in_an_ordinary_year() -> None:
    assert len(bank_holidays_in(2019)) == 8
    assert len(bank_holidays_in(2022)) == 10  # jubilee and state funeral
