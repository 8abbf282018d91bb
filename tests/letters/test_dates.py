from datetime import date

import pytest

from jtai.letters.dates import find_deadline, find_fieldwork, find_letter_date, parse_date


@pytest.mark.parametrize(
    ("text", "letter_date", "start", "end"),
    [
        # 2016: no year at all; it comes from the letter date.
        (
            "Between 20 and 24 June, Ofsted, the Care",
            date(2016, 8, 2),
            date(2016, 6, 20),
            date(2016, 6, 24),
        ),
        (
            "Between 16 May and 20 May, Ofsted",
            date(2016, 6, 29),
            date(2016, 5, 16),
            date(2016, 5, 20),
        ),
        # Both dates written in full.
        (
            "Between 7 March 2016 and 12 March 2016, Ofsted",
            None,
            date(2016, 3, 7),
            date(2016, 3, 12),
        ),
        ("Between 17  and 21 October 2016, Ofsted", None, date(2016, 10, 17), date(2016, 10, 21)),
        # 2022+: "took place from ... to ...", kept as written even when it names a Sunday.
        (
            "This inspection took place from 26 to 31 March 2023.",
            None,
            date(2023, 3, 26),
            date(2023, 3, 31),
        ),
        ("took place from 22 April to 26 April 2024.", None, date(2024, 4, 22), date(2024, 4, 26)),
        ("took place from 27 June 2022 to 1 July 2022.", None, date(2022, 6, 27), date(2022, 7, 1)),
        # Across a month boundary, and across a year boundary with the year only at the end.
        ("Between 30 January to 3 February 2017", None, date(2017, 1, 30), date(2017, 2, 3)),
        ("from 30 December to 3 January 2020", None, date(2019, 12, 30), date(2020, 1, 3)),
        ("Between 28 February and 3 March 2017", None, date(2017, 2, 28), date(2017, 3, 3)),
        # A compact dash range.
        ("Fieldwork: 20\u201324 June 2016.", None, date(2016, 6, 20), date(2016, 6, 24)),
    ],
)
def test_fieldwork_phrasings(text: str, letter_date: date | None, start: date, end: date) -> None:
    fieldwork = find_fieldwork(text, letter_date)
    assert fieldwork is not None
    assert (fieldwork.start, fieldwork.end) == (start, end)


def test_year_less_december_fieldwork_in_a_january_letter_is_the_previous_year() -> None:
    fieldwork = find_fieldwork("Between 5 and 9 December, Ofsted", date(2017, 1, 20))
    assert fieldwork is not None
    assert (fieldwork.start, fieldwork.end) == (date(2016, 12, 5), date(2016, 12, 9))


def test_year_less_range_across_new_year_in_a_february_letter() -> None:
    fieldwork = find_fieldwork("from 30 December to 3 January,", date(2020, 2, 20))
    assert fieldwork is not None
    assert (fieldwork.start, fieldwork.end) == (date(2019, 12, 30), date(2020, 1, 3))


def test_fieldwork_text_is_the_phrase_as_written() -> None:
    fieldwork = find_fieldwork("Between 20 and 24\nJune, Ofsted", date(2016, 8, 2))
    assert fieldwork is not None
    assert fieldwork.text == "Between 20 and 24 June"


@pytest.mark.parametrize(
    "text",
    [
        "a 'deep dive' focus on children between 7 and 15 years old who have been neglected",
        "between 2014 and 2015, there was a 53% increase",
        "Between 20 and 24 June, Ofsted",  # no year and no letter date to take it from
        "from 31 to 30 June 2020",  # ends before it starts
    ],
)
def test_text_that_is_not_a_fieldwork_range(text: str) -> None:
    assert find_fieldwork(text, None) is None


def test_letter_date_is_the_first_date_on_a_line_of_its_own_in_the_header() -> None:
    lines = ["", " 1", "01 December 2017 ", "John Readman, Strategic Director", "Joint targeted"]
    assert find_letter_date(lines, before=4) == date(2017, 12, 1)
    # Only the header before the title counts; a labelled date is the fallback.
    assert find_letter_date(["Director", "Title 12 May 2016"], before=1) is None
    assert find_letter_date(["Date: 5 April 2016", "Director"], before=2) == date(2016, 4, 5)


def test_parse_date_accepts_ordinals_and_abbreviations() -> None:
    assert parse_date("on 3rd Sept 2019") == date(2019, 9, 3)
    assert parse_date("31 February 2019") is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        (
            "The local authority should send the written statement of action to "
            "ProtectionOfChildren@ofsted.gov.uk by 8 November 2016. This statement",
            date(2016, 11, 8),
        ),
        (
            "Walsall should send the written statement of action to x@ofsted.gov.uk by "
            "Friday 18 April 2023.",
            date(2023, 4, 18),
        ),
        (
            "should send the written statement of action to x@ofsted.gov.uk by 12 November 18.",
            date(2018, 11, 12),
        ),
        ("We will return by 12 November 2018. No statement is due.", None),
    ],
)
def test_written_statement_deadline(text: str, due: date | None) -> None:
    assert find_deadline(text) == due
