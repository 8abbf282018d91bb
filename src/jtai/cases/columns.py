"""The columns of a children's case list, found by their headings however an area words
them, and the headings that give a child's name away. Pure Python.

Annex A lists come from many case-management systems, so a heading is matched after
lower-casing, dropping punctuation and anything in brackets ('Date of birth (dd/mm/yyyy)'
is 'date of birth'), against the synonyms below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import normalise


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # what the service calls it
    synonyms: tuple[str, ...]
    is_date: bool = False


CASE_REFERENCE = "case_reference"
GENDER = "gender"
ETHNICITY = "ethnicity"
DATE_OF_BIRTH = "date_of_birth"
AGE = "age"
DISABILITY = "disability"
ALLOCATED_TEAM = "allocated_team"
AGENCIES = "agencies"
STATUSES = "statuses"

COLUMNS: tuple[Column, ...] = (
    Column(
        CASE_REFERENCE,
        "Case reference",
        (
            "case reference",
            "case ref",
            "case id",
            "case number",
            "child id",
            "child identifier",
            "child reference",
            "child ref",
            "child unique id",
            "child unique identifier",
            "unique child id",
            "la reference",
            "la ref",
            "la id",
            "la child id",
            "local authority reference",
            "local authority id",
            "person id",
            "person reference",
            "client id",
            "reference",
            "ref",
            "id",
            "upn",
            "lcs id",
            "mosaic id",
            "liquidlogic id",
        ),
    ),
    Column(GENDER, "Gender", ("gender", "sex", "gender identity")),
    Column(
        ETHNICITY, "Ethnicity", ("ethnicity", "ethnic group", "ethnic origin", "ethnicity code")
    ),
    Column(
        DATE_OF_BIRTH,
        "Date of birth",
        ("date of birth", "dob", "birth date", "d o b", "date born"),
        is_date=True,
    ),
    Column(
        AGE,
        "Age",
        ("age", "age in years", "age years", "current age", "age at notification", "child age"),
    ),
    Column(
        DISABILITY,
        "Disability",
        ("disability", "disabled", "has a disability", "disability status", "child disabled"),
    ),
    Column(
        "referral_date",
        "Referral date",
        ("referral date", "date of referral", "date referral received", "referral received"),
        is_date=True,
    ),
    Column(
        "assessment_date",
        "Assessment date",
        (
            "assessment date",
            "date of assessment",
            "assessment start date",
            "date assessment started",
            "single assessment date",
            "assessment authorised date",
            "assessment completed date",
        ),
        is_date=True,
    ),
    Column(
        "strategy_date",
        "Strategy discussion date",
        (
            "strategy discussion date",
            "date of strategy discussion",
            "strategy meeting date",
            "strategy discussion",
            "date of strategy meeting",
        ),
        is_date=True,
    ),
    Column(
        "s47_date",
        "Section 47 enquiry date",
        (
            "section 47 enquiry date",
            "section 47 date",
            "s47 date",
            "s47 start date",
            "s47 enquiry start date",
            "section 47 enquiry start date",
            "date of section 47 enquiry",
            "date s47 started",
        ),
        is_date=True,
    ),
    Column(
        "icpc_date",
        "Initial child protection conference date",
        (
            "icpc date",
            "date of icpc",
            "initial child protection conference date",
            "date of initial child protection conference",
            "initial cp conference date",
            "icpc",
        ),
        is_date=True,
    ),
    Column(
        "plan_start_date",
        "Plan start date",
        (
            "plan start date",
            "date plan started",
            "cp plan start date",
            "child protection plan start date",
            "cin plan start date",
            "start date of plan",
            "plan start",
        ),
        is_date=True,
    ),
    Column(
        "looked_after_date",
        "Date started to be looked after",
        (
            "date started to be looked after",
            "date became looked after",
            "looked after start date",
            "cla start date",
            "date entered care",
            "care start date",
            "date started in care",
        ),
        is_date=True,
    ),
    Column(
        ALLOCATED_TEAM,
        "Allocated team",
        ("allocated team", "team", "team name", "allocated team name", "allocated service"),
    ),
    Column(
        AGENCIES,
        "Agencies involved",
        (
            "agencies involved",
            "agencies",
            "involved agencies",
            "agency involvement",
            "partner agencies",
            "agencies involved with the child",
            "agencies currently involved",
        ),
    ),
    Column(
        STATUSES,
        "Status",
        (
            "status",
            "statuses",
            "child status",
            "current status",
            "case status",
            "legal status",
            "level of need",
            "category",
            "current category",
        ),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
DATE_KEYS = tuple(c.key for c in COLUMNS if c.is_date and c.key != DATE_OF_BIRTH)
_COLUMN_BY_SYNONYM = {synonym: column for column in COLUMNS for synonym in column.synonyms}

# --- a child's name ----------------------------------------------------------------------

# A heading with any of these phrases holds a person's name whatever else it says.
_NAME_PHRASES = re.compile(
    r"\b(?:fore ?names?|sur ?names?|first ?names?|last ?names?|family names?|given names?|"
    r"middle names?|full ?names?|known as|preferred names?|maiden names?|nick ?names?|"
    r"aliases|alias|initials)\b"
)
# 'Name' alone, or with one of these words, is a child's (or a family member's) name;
# 'Team name' or 'School name' is not.
_PERSON_WORDS = re.compile(
    r"\b(?:child|childs|children|young|person|persons|pupil|pupils|client|clients|service user|"
    r"yp|baby|infant|student|mother|mothers|father|fathers|parent|parents|carer|carers|"
    r"sibling|siblings|mum|dad|subject)\b"
)
_NAME = re.compile(r"\bnames?\b")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def looks_like_a_name(heading: str) -> bool:
    """Whether a column heading looks like it holds children's (or their family's) names."""
    words = normalise(heading)
    if _NAME_PHRASES.search(words):
        return True
    if not _NAME.search(words):
        return False
    rest = _NAME.sub("", words).strip()
    return not rest or bool(_PERSON_WORDS.search(words))


def column_for(heading: str) -> Column | None:
    """The column a heading names, or None if the list's column is not one we keep."""
    words = normalise(_BRACKETS.sub(" ", heading)) or normalise(heading)
    return _COLUMN_BY_SYNONYM.get(words)


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': how a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
