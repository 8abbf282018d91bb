# ruff: noqa: E501 - expected messages read best whole
"""Validating a list: every row checked, every problem reported in plain English by row
and column, a column of names refusing the whole file, and only what is needed kept."""

from __future__ import annotations

import datetime as dt

import pytest

from jtai.cases import validation
from jtai.cases.validation import validate_case_list

from .factories import HEADINGS, child_rows, csv_bytes, xlsx_bytes

NOTIFIED = dt.date(2026, 11, 16)


def check(
    headings: tuple[str, ...] | list[str], rows: list[list[str]], **options: str
) -> validation.Validation:
    return validate_case_list(
        csv_bytes(headings, rows), "list.csv", notified_on=NOTIFIED, **options
    )


def messages(result: validation.Validation) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_a_good_list_keeps_only_what_choosing_children_needs() -> None:
    headings = [*HEADINGS, "Disability", "Referral date", "Allocated team", "Allocated worker"]
    rows = [
        [
            "LDS-001",
            "F",
            "Pakistani",
            "20/11/2018",
            "Police; Health",
            "CP plan",
            "Y",
            "01/10/2026",
            "Front Door North",
            "Sam Jones",
        ],
        ["LDS-002", "Male", "White British", "", "", "", "", "", "", ""],
    ]
    rows[1][3] = ""
    result = check(
        [*headings[:4], "Age", *headings[4:]],
        [[*r[:4], a, *r[4:]] for r, a in zip(rows, ["", "Unborn"], strict=True)],
    )
    assert messages(result) == []
    first, second = result.records
    assert first.case_reference == "LDS-001"
    assert (first.gender, first.ethnicity, first.disability) == ("female", "APKN", "yes")
    # Seven on the day of notification: the month and year of birth are kept, not the day.
    assert (first.age_years, first.birth_year, first.birth_month, first.unborn) == (
        7,
        2018,
        11,
        False,
    )
    assert first.agencies == ("police", "health")
    assert first.statuses == ("child_protection",)
    assert first.dates[0] == dt.date(2026, 10, 1)
    assert first.allocated_team == "Front Door North"
    assert not hasattr(first, "date_of_birth")
    assert (second.age_years, second.unborn, second.disability) == (None, True, "unknown")
    assert result.ignored_columns == ["Allocated worker"]


def test_a_column_of_names_refuses_the_whole_file_before_any_row_is_read() -> None:
    headings = ["Child ID", "Forename", "Surname", "Gender", "Ethnicity", "Age"]
    rows = [["A1", "Jayden", "Smith", "Male", "White British", "7"]]
    result = check(headings, rows)
    assert result.records == []
    assert messages(result) == [
        "Row 1: Column B, 'Forename', looks like it holds names. The service must never "
        "hold a child's name: delete the column and upload the list again.",
        "Row 1: Column C, 'Surname', looks like it holds names. The service must never "
        "hold a child's name: delete the column and upload the list again.",
    ]
    assert "Jayden" not in " ".join(messages(result))


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Child ID": ""}, "Row 2, Child ID: is empty: every child needs a case reference"),
        (
            {"Child ID": "Jayden Smith"},
            "Row 2, Child ID: has no numbers, so it may be a name: use the area's own reference for the child, never their name",
        ),
        ({"Child ID": "A" * 41 + "1"}, "Row 2, Child ID: is longer than 40 characters"),
        (
            {"Child ID": "A1#!"},
            "Row 2, Child ID: 'A1#!' has characters a reference cannot have: use letters, numbers, spaces, hyphens, dots and slashes",
        ),
        ({"Gender": ""}, "Row 2, Gender: is empty: write female, male, other or not known"),
        (
            {"Gender": "Unicorn"},
            "Row 2, Gender: 'Unicorn' is not recognised: write female, male, other or not known",
        ),
        (
            {"Ethnicity": "Martian"},
            "Row 2, Ethnicity: 'Martian' is not recognised: use an ethnicity category, such as 'White British', 'Pakistani', 'Black African', 'Any other mixed background' or 'Not known'",
        ),
        ({"Date of birth": "31/02/2015"}, "Row 2, Date of birth: '31/02/2015' is not a real date"),
        (
            {"Date of birth": "next week"},
            "Row 2, Date of birth: 'next week' is not a date: write it like 31/01/2015",
        ),
        (
            {"Date of birth": "03/04/15"},
            "Row 2, Date of birth: '03/04/15' has a two-digit year: write the year in full, like 2015",
        ),
        (
            {"Date of birth": "01/01/2027"},
            "Row 2, Date of birth: '01/01/2027' is after the day the area was notified (16 November 2026): for an unborn child, leave the date of birth empty and write 'Unborn' as the age",
        ),
        (
            {"Date of birth": "01/01/1990"},
            "Row 2, Date of birth: '01/01/1990' makes the child 36 when the area was notified: the lists are for children and young people up to 25",
        ),
        (
            {"Date of birth": ""},
            "Row 2, Date of birth: is empty: give the child's date of birth or age, or 'Unborn'",
        ),
        (
            {"Age": "seven"},
            "Row 2, Age: 'seven' is not an age: write whole years, like 7, or 'Unborn'",
        ),
        (
            {"Age": "31", "Date of birth": ""},
            "Row 2, Age: '31' is older than 25: the lists are for children and young people up to 25",
        ),
        (
            {"Age": "3"},
            "Row 2, Age: '3' does not match the date of birth, which makes the child 8 when the area was notified",
        ),
        ({"Disability": "Maybe"}, "Row 2, Disability: 'Maybe' is not yes, no or not known"),
        (
            {"Referral date": "01/12/2026"},
            "Row 2, Referral date: '01/12/2026' is after the day the area was notified (16 November 2026): check the date",
        ),
        (
            {"Referral date": "01/01/1980"},
            "Row 2, Referral date: '01/01/1980' is too long ago: check the date",
        ),
        ({"Allocated team": "x" * 121}, "Row 2, Allocated team: is longer than 120 characters"),
        (
            {"Agencies involved": "Police; Housing; Faith group"},
            "Row 2, Agencies involved: 'Housing', 'Faith group' are not recognised: name agencies as local authority, police, health, probation, youth justice or education",
        ),
        (
            {"Status": "Adopted"},
            "Row 2, Status: 'Adopted' is not recognised: write early help, child in need, child protection plan or child in care",
        ),
    ],
)
def test_each_problem_is_said_plainly_by_row_and_column(
    cells: dict[str, str], problem: str
) -> None:
    headings = [
        "Child ID",
        "Gender",
        "Ethnicity",
        "Date of birth",
        "Age",
        "Disability",
        "Referral date",
        "Allocated team",
        "Agencies involved",
        "Status",
    ]
    row = dict(
        zip(
            headings,
            ["A1", "F", "White British", "14/03/2018", "", "No", "", "", "", ""],
            strict=True,
        )
    )
    row.update(cells)
    result = check(headings, [list(row.values())])
    assert messages(result) == [problem]
    assert result.records == []


def test_problems_say_which_rows_and_all_of_them_are_reported() -> None:
    rows = child_rows(5)
    rows[1][1] = "?"
    rows[3][3] = "32/01/2019"
    rows[3][0] = rows[0][0]
    result = check(HEADINGS, rows)
    assert messages(result) == [
        "Row 3, Gender: '?' is not recognised: write female, male, other or not known",
        "Row 5, Child ID: 'T00000' is also on row 2: list each child once",
        "Row 5, Date of birth: '32/01/2019' is not a real date",
    ]


def test_three_thousand_bad_rows_are_all_reported_and_none_kept() -> None:
    rows = child_rows(3_500)
    for row in rows[:3_000]:
        row[1] = "?"
    result = check(HEADINGS, rows)
    assert result.problem_count == len(result.problems) == 3_000
    assert result.records == []
    assert result.rows_read == 3_500
    assert [p.row for p in result.problems] == list(range(2, 3_002))


def test_missing_a_case_reference_says_how_to_head_one() -> None:
    result = check(["Gender", "Ethnicity", "Age", "Team"], [["F", "Indian", "4", "x"]])
    assert messages(result) == [
        "The list has no case reference column: head one 'Case reference' (or 'Child ID' or 'LA reference')."
    ]


def test_title_rows_above_the_headings_and_blank_rows_are_passed_over() -> None:
    data = csv_bytes(
        ["Leeds City Council: children living with domestic abuse", "", "", "", "", ""],
        [
            ["Extracted 16/11/2026", "", "", "", "", ""],
            list(HEADINGS),
            *child_rows(2),
            ["", "", "", "", "", ""],
            ["", "", "", "", "", ""],
            ["T9", "?", "White British", "14/03/2018", "", ""],
        ],
    )
    result = validate_case_list(data, "list.csv", notified_on=NOTIFIED)
    assert messages(result) == [
        "Row 8, Gender: '?' is not recognised: write female, male, other or not known"
    ]
    assert result.rows_read == 3


def test_missing_and_doubled_columns_are_reported_for_the_file() -> None:
    result = check(["Child ID", "LA reference", "Sex", "Team"], [["A1", "A1", "F", "x"]])
    assert messages(result) == [
        "Row 1: Columns A ('Child ID') and B ('LA reference') both look like the case "
        "reference: keep one of them.",
        "The list has no ethnicity column.",
        "The list has no date of birth or age column.",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The file is empty."),
        (b"   \r\n", "The file is empty."),
        (
            "\ufeffChild ID,Gender,Ethnicity,Age\r\n".encode(),
            "The list has column headings but no children.",
        ),
        (
            b"a,b\r\n1,2\r\n",
            "No row of column headings was found. The first row should name the columns, such as 'Case reference', 'Gender', 'Ethnicity' and 'Date of birth'.",
        ),
    ],
)
def test_empty_files_and_files_without_headings(data: bytes, problem: str) -> None:
    result = validate_case_list(data, "list.csv", notified_on=NOTIFIED)
    assert messages(result) == [problem]


def test_a_damaged_workbook_is_one_plain_problem() -> None:
    result = validate_case_list(b"PK\x03\x04broken", "list.xlsx", notified_on=NOTIFIED)
    assert messages(result) == [
        "The file could not be read as an Excel workbook (.xlsx): it may be damaged, or be "
        "another kind of file renamed. Open it in Excel and save it again as .xlsx or as CSV."
    ]


def test_a_list_that_is_too_long_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "MAX_ROWS", 5)
    result = check(HEADINGS, child_rows(8))
    assert messages(result) == ["The list has more than 5 children: split it into smaller lists."]


def test_a_child_protection_list_gives_its_children_that_status() -> None:
    headings = ["Child ID", "Gender", "Ethnicity", "Age"]
    result = check(headings, [["A1", "F", "Indian", "4"]], implied_status="child_protection")
    assert result.records[0].statuses == ("child_protection",)
    assert result.records[0].agencies == ()


def test_an_unborn_child_with_an_expected_date_keeps_no_date() -> None:
    headings = ["Child ID", "Gender", "Ethnicity", "Date of birth", "Age"]
    result = check(headings, [["A1", "Not known", "Not known", "02/02/2027", "Unborn"]])
    record = result.records[0]
    assert (record.unborn, record.age_years, record.birth_year) == (True, None, None)


def test_a_workbook_is_checked_the_same_way() -> None:
    rows: list[list[object]] = [list(r) for r in child_rows(3)]
    rows[0][3] = dt.date(2018, 3, 14)
    rows[1][3] = "31/02/2015"
    rows[2][0] = 1234  # a number typed into the reference column
    data = xlsx_bytes(HEADINGS, rows)  # type: ignore[arg-type]
    result = validate_case_list(data, "list.xlsx", notified_on=NOTIFIED)
    assert result.file_format == "xlsx"
    assert messages(result) == ["Row 3, Date of birth: '31/02/2015' is not a real date"]
