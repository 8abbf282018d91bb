"""Dates as the letters write them: the letter date, the fieldwork range, the WSoA deadline.

Fieldwork is stated in many ways over the years ("Between 20 and 24 June," with no year,
"7 March 2016 and 12 March 2016", "from 26 to 31 March 2023", "from 27 June 2022 to
1 July 2022"); the dates are kept as written, even when odd (a Sunday start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# Longest names first so that "September" is not read as "Sep" followed by junk.
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

DATE_RE = re.compile(rf"\b(?P<day>{_DAY})\s+(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b", re.I)
_LINE_DATE_RE = re.compile(rf"\s*{DATE_RE.pattern}\s*", re.I)


def _range(connector: str) -> str:
    """Pattern for "D1 [M1] [Y1] <connector> D2 M2 [Y2]", with named groups."""
    return rf"""
        (?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:,?\s+(?P<y1>{_YEAR}))?
        \s*{connector}\s*
        (?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?
    """


_DASH = "[-\u2013]"
# Ranges count only when introduced ("Between ...", "from ...") or written with a dash:
# other "X to Y" phrases in a letter are ages ("between 7 and 15 years old") or counts.
FIELDWORK_RES = (
    re.compile(r"\b(?:between|from)\s+" + _range(rf"(?:and|to|until|{_DASH})"), re.I | re.X),
    re.compile(r"\b" + _range(_DASH), re.I | re.X),
)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)$", re.I)


@dataclass(frozen=True)
class Fieldwork:
    start: date
    end: date
    text: str


def _day(text: str) -> int:
    return int(_ORDINAL_RE.sub("", text))


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def parse_date(text: str) -> date | None:
    """Parse the first "12 March 2016" style date in ``text``."""
    match = DATE_RE.search(text)
    if not match:
        return None
    try:
        return date(int(match["year"]), _month(match["month"]), _day(match["day"]))
    except ValueError:
        return None


def find_letter_date(lines: list[str], *, before: int) -> date | None:
    """The date printed at the top, before line index ``before`` (the title).

    Letters print it on a line of its own; failing that ("Date: 5 April 2016"), the first
    date in the header is taken.
    """
    header = lines[:before]
    for line in header:
        if _LINE_DATE_RE.fullmatch(line):
            return parse_date(line)
    return parse_date("\n".join(header))


def find_fieldwork(text: str, letter_date: date | None) -> Fieldwork | None:
    """The first fieldwork range stated in ``text`` (the letter's opening paragraphs).

    Missing years come from the end date, and the end date's from the letter date: a
    letter is always written after its fieldwork, so a year-less "Between 5 and 9
    December" in a letter dated January belongs to the previous year.
    """
    for pattern in FIELDWORK_RES:
        for match in pattern.finditer(text):
            fieldwork = _resolve(match, letter_date)
            if fieldwork:
                return fieldwork
    return None


def _resolve(match: re.Match[str], letter_date: date | None) -> Fieldwork | None:
    end_month = _month(match["m2"])
    start_month = _month(match["m1"]) if match["m1"] else end_month
    if match["y2"]:
        end_year = int(match["y2"])
    elif match["y1"]:
        end_year = int(match["y1"]) + (1 if end_month < start_month else 0)
    elif letter_date:
        end_year = letter_date.year
        if (end_month, _day(match["d2"])) > (letter_date.month, letter_date.day):
            end_year -= 1
    else:
        return None
    if match["y1"]:
        start_year = int(match["y1"])
    else:
        start_year = end_year - (1 if start_month > end_month else 0)
    try:
        start = date(start_year, start_month, _day(match["d1"]))
        end = date(end_year, end_month, _day(match["d2"]))
    except ValueError:
        return None
    if end < start:
        return None
    return Fieldwork(start=start, end=end, text=" ".join(match[0].split()))


_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
# Deadlines are sometimes typed with the weekday ("by Friday 5 May 2017") or a two-digit
# year ("by 12 November 18"); both are unambiguous after "by" in this sentence.
_DEADLINE_RE = re.compile(
    rf"\bby\s+{_WEEKDAY}(?P<day>{_DAY})\s+(?P<month>{_MONTH})\s+(?P<year>(?:20)?\d{{2}})\b", re.I
)


def find_deadline(text: str) -> date | None:
    """The date after "by" in a sentence about the written statement of action."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "written statement" not in sentence.lower():
            continue
        match = _DEADLINE_RE.search(sentence)
        if match:
            year = int(match["year"])
            try:
                return date(
                    year if year > 99 else 2000 + year, _month(match["month"]), _day(match["day"])
                )
            except ValueError:
                return None
    return None
