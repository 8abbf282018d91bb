"""Reading headings and cells: the synonyms areas use, headings that hold names, and
every vocabulary."""

from __future__ import annotations

import datetime as dt

import pytest

from jtai.areas.models import AgencyKind
from jtai.cases import columns, values
from jtai.cases.values import DateProblem, read_date


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Case reference", "case_reference"),
        ("Child ID", "case_reference"),
        ("  LA reference ", "case_reference"),
        ("Child's unique ID", None),
        ("CHILD_UNIQUE_ID", "case_reference"),
        ("Sex", "gender"),
        ("Ethnic group", "ethnicity"),
        ("Date of birth (dd/mm/yyyy)", "date_of_birth"),
        ("DOB", "date_of_birth"),
        ("Age (years)", "age"),
        ("Disability (Y/N)", "disability"),
        ("Date of referral", "referral_date"),
        ("S47 start date", "s47_date"),
        ("Date of ICPC", "icpc_date"),
        ("Team name", "allocated_team"),
        ("Agencies involved", "agencies"),
        ("Legal status", "statuses"),
        ("Allocated worker", None),
    ],
)
def test_headings_are_matched_however_they_are_worded(heading: str, key: str | None) -> None:
    column = columns.column_for(heading)
    assert (column.key if column else None) == key


@pytest.mark.parametrize(
    "heading",
    [
        "Name",
        "Names",
        "Child name",
        "Child's name",
        "Name of child",
        "First name",
        "Firstname",
        "Forename(s)",
        "Surname",
        "Family name",
        "Given names",
        "Full name",
        "Known as",
        "Preferred name",
        "Young person's name",
        "Mother's name",
        "Parent/carer name",
        "Alias",
        "Initials",
    ],
)
def test_headings_that_hold_names_are_recognised(heading: str) -> None:
    assert columns.looks_like_a_name(heading)


@pytest.mark.parametrize(
    "heading",
    ["Team name", "Social worker name", "School name", "Agency name", "Child ID", "Gender"],
)
def test_names_of_teams_and_organisations_are_not_children_s_names(heading: str) -> None:
    assert not columns.looks_like_a_name(heading)


def test_column_letters_are_the_spreadsheet_s() -> None:
    assert [columns.column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("F", "female"),
        ("girl", "female"),
        ("2", "female"),
        ("Male", "male"),
        ("1", "male"),
        ("Non-binary", "other"),
        ("Not known", "unknown"),
        ("0", "unknown"),
        ("Unicorn", None),
    ],
)
def test_genders(text: str, code: str | None) -> None:
    assert values.read_gender(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("White British", "WBRI"),
        ("WBRI", "WBRI"),
        ("White - British", "WBRI"),
        ("White: English, Welsh, Scottish, Northern Irish or British", "WBRI"),
        ("Asian or Asian British: Pakistani", "APKN"),
        ("Black or Black British - African", "BAFR"),
        ("Mixed: White and Black Caribbean", "MWBC"),
        ("Any other mixed background", "MOTH"),
        ("Gypsy/Roma", "WROM"),
        ("Information not yet obtained", "NOBT"),
        ("Declined", "REFU"),
        ("Arab", "OOTH"),
        ("Martian", None),
    ],
)
def test_ethnicities_take_the_census_categories_in_their_usual_wordings(
    text: str, code: str | None
) -> None:
    assert values.read_ethnicity(text) == code


def test_every_ethnicity_has_a_group_and_reads_back_from_its_label() -> None:
    assert set(values.ETHNIC_GROUP_OF) == set(values.ETHNICITIES)
    assert set(values.ETHNIC_GROUP_OF.values()) == set(values.ETHNIC_GROUPS)
    for code, label in values.ETHNICITIES.items():
        assert values.read_ethnicity(label) == code


def test_agency_codes_are_the_agency_kinds() -> None:
    assert set(values.AGENCIES) == set(AgencyKind.values)


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("Police; Health", ("police", "health"), ()),
        (
            "Children's social care, West Yorkshire Police and NHS trust",
            ("local_authority", "police", "health"),
            (),
        ),
        ("School nurse / YOT", ("health", "youth_justice"), ()),
        ("Probation + Blackpool Council", ("local_authority", "probation"), ()),
        ("Housing; Police", ("police",), ("Housing",)),
        ("", (), ()),
    ],
)
def test_agencies(text: str, codes: tuple[str, ...], unknown: tuple[str, ...]) -> None:
    assert values.read_agencies(text) == (codes, unknown)


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("CIN", ("child_in_need",), ()),
        ("CP plan; LAC", ("child_protection", "looked_after"), ()),
        ("Section 20 and early help", ("early_help", "looked_after"), ()),
        ("Adopted", (), ("Adopted",)),
    ],
)
def test_statuses(text: str, codes: tuple[str, ...], unknown: tuple[str, ...]) -> None:
    assert values.read_statuses(text) == (codes, unknown)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14/03/2018", dt.date(2018, 3, 14)),
        ("4/3/2018", dt.date(2018, 3, 4)),
        ("14.03.2018", dt.date(2018, 3, 14)),
        ("2018-03-14", dt.date(2018, 3, 14)),
        ("2018-03-14 00:00:00", dt.date(2018, 3, 14)),
        ("14 March 2018", dt.date(2018, 3, 14)),
        ("14-Mar-2018", dt.date(2018, 3, 14)),
        ("1st Sept 2018", dt.date(2018, 9, 1)),
        ("", None),
    ],
)
def test_dates_are_read_day_first(text: str, day: dt.date | None) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2015", "'31/02/2015' is not a real date"),
        ("14/03/18", "'14/03/18' has a two-digit year: write the year in full, like 2015"),
        ("last spring", "'last spring' is not a date: write it like 31/01/2015"),
        ("32 Smarch 2015", "'32 Smarch 2015' is not a date: write it like 31/01/2015"),
    ],
)
def test_what_is_wrong_with_a_date_is_said_plainly(text: str, message: str) -> None:
    with pytest.raises(DateProblem) as problem:
        read_date(text)
    assert str(problem.value) == message


def test_dates_from_a_workbook_are_dates_already() -> None:
    assert read_date(dt.datetime(2018, 3, 14, 0, 0)) == dt.date(2018, 3, 14)  # noqa: DTZ001
    assert read_date(dt.date(2018, 3, 14)) == dt.date(2018, 3, 14)


@pytest.mark.parametrize(
    ("age", "unborn", "band"),
    [
        (None, True, "unborn"),
        (0, False, "0-4"),
        (4, False, "0-4"),
        (5, False, "5-9"),
        (15, False, "10-15"),
        (17, False, "16-17"),
        (18, False, "18+"),
        (None, False, ""),
    ],
)
def test_age_bands(age: int | None, unborn: bool, band: str) -> None:
    assert values.age_band(age, unborn) == band
