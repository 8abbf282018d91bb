"""Validating an uploaded case list: every row, every column, every problem reported at
once in plain English, by row and column as the area sees them in their spreadsheet.
Pure Python: the service decides what to store.

What is kept of a child is the minimum the inspection needs to choose children (data
minimisation, UK GDPR article 5(1)(c)): the area's own case reference, gender, ethnicity,
age, disability, key dates, allocated team, agencies involved and statuses. Never a name:
a column whose heading looks like names refuses the whole file before any row is read.
A date of birth is reduced to the age on the day the area was notified and the month
and year of birth; the full date is not kept, since the day adds nothing to choosing
children and makes a record far easier to link to a real child. Columns the service
does not use are ignored, never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from . import columns as c
from .reading import ReadError, Row, read_rows
from .values import (
    OLDEST,
    UNBORN_WORDS,
    DateProblem,
    age_on,
    normalise,
    read_agencies,
    read_date,
    read_disability,
    read_ethnicity,
    read_gender,
    read_statuses,
)

MAX_ROWS = 100_000
MAX_KEPT_PROBLEMS = 100_000  # beyond this they are only counted
HEADER_SEARCH_ROWS = 10  # title rows an export may have above its headings
MAX_REFERENCE = 40
MAX_TEAM = 120
EARLIEST_KEY_DATE = dt.date(1990, 1, 1)

_Reader = Callable[[str], str | None]
_ManyReader = Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /_.\-]*$")
_DIGIT = re.compile(r"\d")
_WHOLE_NUMBER = re.compile(r"^\d{1,3}(?:\.0+)?$")


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet's row number; None for the file as a whole
    column: str  # the heading as the file has it
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (f"Row {self.row}" if self.row else "", self.column) if part
        )
        return f"{where}: {self.message}" if where else self.message


class CaseRecord(NamedTuple):
    """One valid row, as it will be stored."""

    row_number: int
    case_reference: str
    gender: str
    ethnicity: str
    age_years: int | None
    unborn: bool
    birth_year: int | None
    birth_month: int | None
    disability: str
    dates: tuple[dt.date | None, ...]  # in columns.DATE_KEYS order
    allocated_team: str
    agencies: tuple[str, ...]
    statuses: tuple[str, ...]


@dataclass
class Validation:
    file_format: str = ""
    records: list[CaseRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows_read: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def refuse(self, message: str, *, row: int | None = None, column: str = "") -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(Problem(row, column, message))
        # Once one row is wrong nothing will be imported: stop holding the valid ones.
        self.records.clear()


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def _is_blank(row: Row) -> bool:
    return not any(_text(cell) for cell in row)


@dataclass
class _Layout:
    header_row: int
    index: dict[str, int]  # column key -> position
    headings: list[str]

    def heading(self, key: str) -> str:
        return self.headings[self.index[key]]


def _read_headings(rows: Iterator[tuple[int, Row]], validation: Validation) -> _Layout | None:
    """Find the row of headings (the first with a case reference, or with three columns we
    know), refusing the file if one looks like names or a column we need is missing."""
    for number, row in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        headings = [_text(cell) for cell in row]
        found = {i: c.column_for(h) for i, h in enumerate(headings) if h}
        known = {i: column for i, column in found.items() if column is not None}
        keys = {column.key for column in known.values()}
        names = [i for i, h in enumerate(headings) if h and c.looks_like_a_name(h)]
        if not names and c.CASE_REFERENCE not in keys and len(keys) < 3:
            continue
        for i in names:
            validation.refuse(
                f"Column {c.column_letter(i)}, '{_shown(headings[i])}', looks like it holds "
                "names. The service must never hold a child's name: delete the column and "
                "upload the list again.",
                row=number,
            )
        index: dict[str, int] = {}
        for i, column in sorted(known.items()):
            if column.key in index:
                first = index[column.key]
                validation.refuse(
                    f"Columns {c.column_letter(first)} ('{headings[first]}') and "
                    f"{c.column_letter(i)} ('{headings[i]}') both look like the "
                    f"{column.label.lower()}: keep one of them.",
                    row=number,
                )
            else:
                index[column.key] = i
        _refuse_missing(index, validation)
        validation.ignored_columns = [
            h for i, h in enumerate(headings) if h and i not in known and i not in names
        ]
        return _Layout(number, index, headings)
    validation.refuse(
        "No row of column headings was found. The first row should name the columns, "
        "such as 'Case reference', 'Gender', 'Ethnicity' and 'Date of birth'."
    )
    return None


def _refuse_missing(index: dict[str, int], validation: Validation) -> None:
    needed = (
        (
            c.CASE_REFERENCE,
            "The list has no case reference column: head one 'Case reference' (or 'Child ID' "
            "or 'LA reference').",
        ),
        (c.GENDER, "The list has no gender column."),
        (c.ETHNICITY, "The list has no ethnicity column."),
    )
    for key, message in needed:
        if key not in index:
            validation.refuse(message)
    if c.DATE_OF_BIRTH not in index and c.AGE not in index:
        validation.refuse("The list has no date of birth or age column.")


class _RowChecker:
    """Checks one row at a time against the layout, recording problems as it goes."""

    def __init__(
        self,
        layout: _Layout,
        validation: Validation,
        notified_on: dt.date,
        implied_status: str | None,
    ) -> None:
        self.validation = validation
        self.notified_on = notified_on
        self.implied = (implied_status,) if implied_status else ()
        self.width = max(layout.index.values()) + 1
        get = layout.index.get
        self.at = {key: get(key, -1) for key in c.COLUMN_BY_KEY}
        self.head = {key: layout.heading(key) for key in layout.index}
        self.date_at = [(key, get(key, -1)) for key in c.DATE_KEYS]
        self.first_row: dict[str, int] = {}
        self.dates_seen: dict[str, dt.date | DateProblem] = {}
        self.after = f"after the day the area was notified ({long_date(notified_on)})"

    def _problem(self, number: int, key: str, message: str) -> None:
        self.validation.refuse(message, row=number, column=self.head[key])

    def check(self, number: int, row: Row) -> CaseRecord | None:
        if len(row) < self.width:
            row = [*row, *([None] * (self.width - len(row)))]
        at = self.at
        before = self.validation.problem_count
        reference = self._reference(number, _text(row[at[c.CASE_REFERENCE]]))
        gender = self._choice(number, c.GENDER, row, read_gender, _GENDER_HELP)
        ethnicity = self._choice(number, c.ETHNICITY, row, read_ethnicity, _ETHNICITY_HELP)
        age, unborn, born = self._age(number, row)
        disability = "unknown"
        if at[c.DISABILITY] >= 0:
            text = _text(row[at[c.DISABILITY]])
            disability = read_disability(text) or ""
            if not disability:
                self._problem(number, c.DISABILITY, f"'{_shown(text)}' is not yes, no or not known")
        dates = tuple(self._key_date(number, key, row, i) for key, i in self.date_at)
        team = _text(row[at[c.ALLOCATED_TEAM]]) if at[c.ALLOCATED_TEAM] >= 0 else ""
        if len(team) > MAX_TEAM:
            self._problem(number, c.ALLOCATED_TEAM, f"is longer than {MAX_TEAM} characters")
        agencies = self._many(number, c.AGENCIES, row, read_agencies, _AGENCY_HELP)
        statuses = self._many(number, c.STATUSES, row, read_statuses, _STATUS_HELP)
        if self.validation.problem_count != before:
            return None
        return CaseRecord(
            number,
            reference,
            gender,
            ethnicity,
            age,
            unborn,
            born.year if born else None,
            born.month if born else None,
            disability,
            dates,
            team,
            agencies,
            statuses or self.implied,
        )

    def _reference(self, number: int, reference: str) -> str:
        if not reference:
            self._problem(number, c.CASE_REFERENCE, "is empty: every child needs a case reference")
        elif len(reference) > MAX_REFERENCE:
            self._problem(number, c.CASE_REFERENCE, f"is longer than {MAX_REFERENCE} characters")
        elif not _DIGIT.search(reference):
            # Quoted back nowhere: a reference without a number may well be a name.
            self._problem(
                number,
                c.CASE_REFERENCE,
                "has no numbers, so it may be a name: use the area's own reference for "
                "the child, never their name",
            )
        elif not _REFERENCE.match(reference):
            self._problem(
                number,
                c.CASE_REFERENCE,
                f"'{reference}' has characters a reference cannot have: use letters, "
                "numbers, spaces, hyphens, dots and slashes",
            )
        elif reference in self.first_row:
            self._problem(
                number,
                c.CASE_REFERENCE,
                f"'{reference}' is also on row {self.first_row[reference]}: list each child once",
            )
        else:
            self.first_row[reference] = number
        return reference

    def _choice(self, number: int, key: str, row: Row, read: _Reader, help_text: str) -> str:
        text = _text(row[self.at[key]])
        if not text:
            self._problem(number, key, f"is empty: {help_text}")
            return ""
        code = read(text)
        if code is None:
            self._problem(number, key, f"'{_shown(text)}' is not recognised: {help_text}")
            return ""
        return code

    def _age(self, number: int, row: Row) -> tuple[int | None, bool, dt.date | None]:
        at = self.at
        born: dt.date | None = None
        broken = False
        if at[c.DATE_OF_BIRTH] >= 0:
            try:
                born = read_date(row[at[c.DATE_OF_BIRTH]], self.dates_seen)
            except DateProblem as problem:
                self._problem(number, c.DATE_OF_BIRTH, str(problem))
                broken = True
        text = _text(row[at[c.AGE]]) if at[c.AGE] >= 0 else ""
        age: int | None = None
        unborn = False
        if text:
            if normalise(text) in UNBORN_WORDS:
                unborn = True
            elif _WHOLE_NUMBER.match(text):
                age = int(float(text))
                if age > OLDEST:
                    self._problem(
                        number,
                        c.AGE,
                        f"'{text}' is older than {OLDEST}: the lists are for children and "
                        f"young people up to {OLDEST}",
                    )
            else:
                self._problem(
                    number,
                    c.AGE,
                    f"'{_shown(text)}' is not an age: write whole years, like 7, or 'Unborn'",
                )
                broken = True
        if born is not None:
            if born > self.notified_on:
                if unborn:  # an expected date of delivery: not kept
                    return None, True, None
                self._problem(
                    number,
                    c.DATE_OF_BIRTH,
                    f"'{born:%d/%m/%Y}' is {self.after}: for an unborn child, leave the date "
                    "of birth empty and write 'Unborn' as the age",
                )
                return None, False, None
            derived = age_on(born, self.notified_on)
            if derived > OLDEST:
                self._problem(
                    number,
                    c.DATE_OF_BIRTH,
                    f"'{born:%d/%m/%Y}' makes the child {derived} when the area was "
                    f"notified: the lists are for children and young people up to {OLDEST}",
                )
            elif unborn or (age is not None and abs(age - derived) > 1):
                self._problem(
                    number,
                    c.AGE,
                    f"'{text}' does not match the date of birth, which makes the child "
                    f"{derived} when the area was notified",
                )
            return derived, False, born
        if age is None and not unborn and not broken:
            key = c.DATE_OF_BIRTH if at[c.DATE_OF_BIRTH] >= 0 else c.AGE
            self._problem(
                number, key, "is empty: give the child's date of birth or age, or 'Unborn'"
            )
        return age, unborn, None

    def _key_date(self, number: int, key: str, row: Row, i: int) -> dt.date | None:
        if i < 0:
            return None
        try:
            day = read_date(row[i], self.dates_seen)
        except DateProblem as problem:
            self._problem(number, key, str(problem))
            return None
        if day is not None and day > self.notified_on:
            self._problem(number, key, f"'{day:%d/%m/%Y}' is {self.after}: check the date")
        elif day is not None and day < EARLIEST_KEY_DATE:
            self._problem(number, key, f"'{day:%d/%m/%Y}' is too long ago: check the date")
        return day

    def _many(
        self, number: int, key: str, row: Row, read: _ManyReader, help_text: str
    ) -> tuple[str, ...]:
        if self.at[key] < 0:
            return ()
        codes, unknown = read(_text(row[self.at[key]]))
        if unknown:
            shown = "', '".join(_shown(u) for u in unknown)
            verb = "is" if len(unknown) == 1 else "are"
            self._problem(number, key, f"'{shown}' {verb} not recognised: {help_text}")
        return codes


_GENDER_HELP = "write female, male, other or not known"
_ETHNICITY_HELP = (
    "use an ethnicity category, such as 'White British', 'Pakistani', 'Black African', "
    "'Any other mixed background' or 'Not known'"
)
_AGENCY_HELP = (
    "name agencies as local authority, police, health, probation, youth justice or education"
)
_STATUS_HELP = "write early help, child in need, child protection plan or child in care"


def validate_case_list(
    data: bytes, name: str, *, notified_on: dt.date, implied_status: str | None = None
) -> Validation:
    """Read and check every row of a list. ``records`` holds the rows to store when, and
    only when, there is no problem at all."""
    validation = Validation()
    if not data.strip():
        validation.refuse("The file is empty.")
        return validation
    try:
        validation.file_format, rows = read_rows(data, name)
        layout = _read_headings(rows, validation)
        if layout is None or not validation.ok:
            return validation
        checker = _RowChecker(layout, validation, notified_on, implied_status)
        reference_at = layout.index[c.CASE_REFERENCE]
        for number, row in rows:
            # Blank rows (often at the end of an export) are not children.
            if not any(row) or (
                not _text(row[reference_at] if reference_at < len(row) else None) and _is_blank(row)
            ):
                continue
            validation.rows_read += 1
            if validation.rows_read > MAX_ROWS:
                validation.refuse(
                    f"The list has more than {MAX_ROWS:,} children: split it into smaller lists."
                )
                break
            record = checker.check(number, row)
            if record is not None and validation.ok:
                validation.records.append(record)
    except ReadError as error:
        validation.refuse(error.message)
        return validation
    if validation.ok and not validation.rows_read:
        validation.refuse("The list has column headings but no children.")
    return validation
