"""The vocabularies of a children's case list and the normalisers that read a cell into
them. Pure Python (no Django), so that validating 50,000 rows stays fast and can be
tested on its own.

Every normaliser takes the text of one cell and returns the stored code, or None when
the text is not recognised. Lists repeat the same few values thousands of times, so each
normaliser remembers what it has already read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Final, TypeVar

_T = TypeVar("_T")

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """'Black or Black British - African' -> 'black or black british african'."""
    return _NON_WORD.sub(" ", text.lower().replace("'", "").replace("’", "")).strip()


def _memoised(read: Callable[[str], _T]) -> Callable[[str], _T]:
    """Remember what a reader made of each cell text (up to a limit, so memory stays
    bounded). Only vocabulary readers are memoised: never dates, which are personal."""
    seen: dict[str, _T] = {}

    def lookup(text: str) -> _T:
        try:
            return seen[text]
        except KeyError:
            value = read(text)
            if len(seen) < 20_000:
                seen[text] = value
            return value

    return lookup


# --- gender ------------------------------------------------------------------------------

GENDERS: Final = {
    "female": "Female",
    "male": "Male",
    "other": "Other",
    "unknown": "Not known",
}
# The DfE census codes (0 not known, 1 male, 2 female, 9 not specified) are accepted too.
_GENDER_WORDS = {
    "female": ("f", "female", "girl", "woman", "2"),
    "male": ("m", "male", "boy", "man", "1"),
    "other": ("other", "non binary", "nonbinary", "indeterminate", "x", "9"),
    "unknown": (
        "u",
        "unknown",
        "not known",
        "not recorded",
        "not stated",
        "not specified",
        "prefer not to say",
        "0",
    ),
}
_GENDER_BY_WORD = {word: code for code, words in _GENDER_WORDS.items() for word in words}


@_memoised
def read_gender(text: str) -> str | None:
    return _GENDER_BY_WORD.get(normalise(text))


# --- ethnicity: the DfE census categories, grouped as the 2021 Census groups them -------

ETHNICITIES: Final = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy or Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "CHNE": "Chinese",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "Any other Black background",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Not known",
}
ETHNIC_GROUPS: Final = {
    "white": "White",
    "mixed": "Mixed or multiple ethnic groups",
    "asian": "Asian or Asian British",
    "black": "Black, Black British, Caribbean or African",
    "other": "Other ethnic group",
    "unknown": "Not known or refused",
}
ETHNIC_GROUP_OF: Final = {
    **dict.fromkeys(("WBRI", "WIRI", "WIRT", "WROM", "WOTH"), "white"),
    **dict.fromkeys(("MWBC", "MWBA", "MWAS", "MOTH"), "mixed"),
    **dict.fromkeys(("AIND", "APKN", "ABAN", "CHNE", "AOTH"), "asian"),
    **dict.fromkeys(("BCRB", "BAFR", "BOTH"), "black"),
    "OOTH": "other",
    **dict.fromkeys(("REFU", "NOBT"), "unknown"),
}
_ETHNICITY_WORDS = {
    "WBRI": (
        "white british",
        "british",
        "english",
        "english welsh scottish northern irish or british",
        "english welsh scottish northern irish british",
        "white english welsh scottish northern irish or british",
    ),
    "WIRI": ("white irish", "irish"),
    "WIRT": ("traveller of irish heritage", "irish traveller", "gypsy or irish traveller"),
    "WROM": ("gypsy roma", "gypsy or roma", "gypsy", "roma"),
    "WOTH": ("any other white background", "other white", "white other", "white"),
    "MWBC": ("white and black caribbean", "mixed white and black caribbean"),
    "MWBA": ("white and black african", "mixed white and black african"),
    "MWAS": ("white and asian", "mixed white and asian"),
    "MOTH": (
        "any other mixed background",
        "any other mixed or multiple ethnic background",
        "other mixed",
        "mixed other",
        "mixed",
    ),
    "AIND": ("indian", "asian indian"),
    "APKN": ("pakistani", "asian pakistani"),
    "ABAN": ("bangladeshi", "asian bangladeshi"),
    "CHNE": ("chinese",),
    "AOTH": ("any other asian background", "other asian", "asian other", "asian"),
    "BCRB": ("black caribbean", "caribbean"),
    "BAFR": ("black african", "african"),
    "BOTH": (
        "any other black background",
        "any other black black british or caribbean background",
        "other black",
        "black other",
        "black",
    ),
    "OOTH": ("any other ethnic group", "other ethnic group", "other", "arab"),
    "REFU": ("refused", "declined", "information refused", "prefer not to say"),
    "NOBT": (
        "not known",
        "unknown",
        "not recorded",
        "not stated",
        "not obtained",
        "information not yet obtained",
        "not yet obtained",
    ),
}
_ETHNICITY_BY_WORD = {
    **{normalise(label): code for code, label in ETHNICITIES.items()},
    **{code.lower(): code for code in ETHNICITIES},
    **{word: code for code, words in _ETHNICITY_WORDS.items() for word in words},
}
# Headings that lists put before the category, as in 'Asian or Asian British: Indian'.
_ETHNIC_GROUP_PREFIXES = (
    "black african caribbean or black british",
    "black or black british",
    "asian or asian british",
    "mixed or multiple ethnic groups",
    "mixed or multiple",
    "other ethnic group",
    "white",
    "mixed",
    "asian",
    "black",
)


@_memoised
def read_ethnicity(text: str) -> str | None:
    words = normalise(text)
    code = _ETHNICITY_BY_WORD.get(words)
    if code is not None:
        return code
    for prefix in _ETHNIC_GROUP_PREFIXES:
        if words.startswith(prefix + " "):
            return _ETHNICITY_BY_WORD.get(words[len(prefix) + 1 :])
    return None


# --- disability --------------------------------------------------------------------------

DISABILITY: Final = {"yes": "Yes", "no": "No", "unknown": "Not known"}
_DISABILITY_WORDS = {
    "yes": ("y", "yes", "true", "1", "disabled", "disability"),
    "no": ("n", "no", "false", "0", "none", "not disabled", "no disability"),
    "unknown": ("", "unknown", "not known", "not recorded", "u"),
}
_DISABILITY_BY_WORD = {word: code for code, words in _DISABILITY_WORDS.items() for word in words}


@_memoised
def read_disability(text: str) -> str | None:
    return _DISABILITY_BY_WORD.get(normalise(text))


# --- statuses and agencies: several in one cell -------------------------------------------

STATUSES: Final = {
    "early_help": "Early help",
    "child_in_need": "Child in need",
    "child_protection": "Child protection plan",
    "looked_after": "Child in care",
}
_STATUS_WORDS = {
    "early_help": ("eh", "early help", "tac", "team around the family", "family support"),
    "child_in_need": ("cin", "child in need", "cin plan", "children in need", "s17", "section 17"),
    "child_protection": (
        "cp",
        "cpp",
        "cp plan",
        "child protection",
        "child protection plan",
        "subject to a child protection plan",
    ),
    "looked_after": (
        "cla",
        "lac",
        "cic",
        "looked after",
        "child looked after",
        "looked after child",
        "child in care",
        "children in care",
        "in care",
        "s20",
        "section 20",
        "care order",
        "interim care order",
        "s31",
        "section 31",
    ),
}
_STATUS_BY_WORD = {word: code for code, words in _STATUS_WORDS.items() for word in words}

# The codes are areas.AgencyKind's values (a test checks they agree).
AGENCIES: Final = {
    "local_authority": "Local authority",
    "police": "Police",
    "health": "Health",
    "probation": "Probation",
    "youth_justice": "Youth justice",
    "education": "Education",
}
# Words that name an agency's kind, tried in this order: 'school nurse' is health, a
# 'nursery' is education.
_AGENCY_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rf"\b(?:{words})\b"))
    for code, words in (
        ("police", r"police|constabulary"),
        ("youth_justice", r"youth justice|youth offending|yjs|yot"),
        ("probation", r"probation|nps|crc"),
        (
            "health",
            r"health|health visit\w*|nhs|icb|gp|hospital|midwi\w*|camhs|nurses?|trust|"
            r"paediatric\w*|ambulance",
        ),
        ("education", r"education|schools?|early years|nursery|nurseries|college|academy"),
        (
            "local_authority",
            r"local authority|la|council|social care|social work\w*|csc|childrens services|"
            r"children s services|early help",
        ),
    )
)
_SEPARATORS = re.compile(r"\s*(?:[;,/+&|\n]|\band\b)\s*", re.IGNORECASE)


def _read_agency(token: str) -> str | None:
    words = normalise(token)
    for code, pattern in _AGENCY_WORDS:
        if pattern.search(words):
            return code
    return None


def _read_many(
    text: str, read_one: Callable[[str], str | None], order: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes: set[str] = set()
    unknown: list[str] = []
    for token in _SEPARATORS.split(text):
        if not token.strip():
            continue
        code = read_one(token)
        if code is None:
            unknown.append(token.strip())
        else:
            codes.add(code)
    return tuple(c for c in order if c in codes), tuple(unknown)


_STATUS_ORDER = tuple(STATUSES)
_AGENCY_ORDER = tuple(AGENCIES)


@_memoised
def read_statuses(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(status codes in a fixed order, the parts of the cell that are not statuses)."""
    return _read_many(text, lambda t: _STATUS_BY_WORD.get(normalise(t)), _STATUS_ORDER)


@_memoised
def read_agencies(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(agency kinds in a fixed order, the parts of the cell that are not agencies)."""
    return _read_many(text, _read_agency, _AGENCY_ORDER)


# --- dates -------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?(?:\.0+)?)?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-,]*(\d{4})$")


class DateProblem(ValueError):
    """Why a cell is not a date, in words that finish 'Row 14, Date of birth: ...'."""


def _parse_date(text: str) -> dt.date:
    match = _DMY.match(text) or _ISO.match(text)
    if match is not None:
        first, second, third = match.groups()
        year, month, day = (first, second, third) if len(first) == 4 else (third, second, first)
        if len(year) != 4:
            raise DateProblem(f"'{text}' has a two-digit year: write the year in full, like 2015")
    else:
        wordy = _WORDY.match(text.lower())
        if wordy is None or wordy.group(2) not in _MONTHS:
            raise DateProblem(f"'{text}' is not a date: write it like 31/01/2015")
        day, month, year = wordy.group(1), str(_MONTHS[wordy.group(2)]), wordy.group(3)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise DateProblem(f"'{text}' is not a real date") from None


def read_date(
    value: object, seen: dict[str, dt.date | DateProblem] | None = None
) -> dt.date | None:
    """A cell as a date: None when it is empty; DateProblem when it is not a date.
    Spreadsheet cells arrive as dates already; CSV cells as text, day first (UK).
    ``seen`` remembers texts already read, for one file only (dates are personal)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    known = seen.get(text) if seen is not None else None
    if known is None:
        try:
            known = _parse_date(text)
        except DateProblem as problem:
            known = problem
        if seen is not None:
            seen[text] = known
    if isinstance(known, DateProblem):
        raise known
    return known


# --- age ---------------------------------------------------------------------------------

UNBORN_WORDS = frozenset({"unborn", "pre birth", "prebirth", "unborn child", "unborn baby"})
OLDEST = 25  # care leavers are supported to 25; everyone on these lists is younger

# Age bands for filtering and for the spread of a short list: key -> (label, youngest,
# oldest), both inclusive; the unborn have no age.
AGE_BANDS: Final[dict[str, tuple[str, int | None, int | None]]] = {
    "unborn": ("Unborn", None, None),
    "0-4": ("0 to 4", 0, 4),
    "5-9": ("5 to 9", 5, 9),
    "10-15": ("10 to 15", 10, 15),
    "16-17": ("16 to 17", 16, 17),
    "18+": ("18 and over", 18, None),
}


def age_band(age: int | None, unborn: bool) -> str:
    if unborn:
        return "unborn"
    if age is None:
        return ""
    for limit, band in ((4, "0-4"), (9, "5-9"), (15, "10-15"), (17, "16-17")):
        if age <= limit:
            return band
    return "18+"


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
