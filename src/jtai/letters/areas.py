"""Match the area a letter names to an English upper-tier local authority.

Letters name areas loosely ("Bristol City Council", "the London Borough of Croydon",
"Derby City", "South Tyneside Metropolitan Borough", "Stockton-On-Tees"), while the
reference list uses ONS names ("Bristol, City of", "Kingston Upon Hull, City of"). Both
sides go through the same normalisation so that the names meet in the middle.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

_PREFIXES = (
    "the ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city of ",
    "county ",
)
_SUFFIXES = (
    " city of",
    " county of",
    " local authority",
    " metropolitan borough council",
    " metropolitan district council",
    " metropolitan borough",
    " borough council",
    " city council",
    " county council",
    " district council",
    " council",
    " city",
    " borough",
)
# Stripping "city of" would turn the City of London into plain "London", which letters use
# for the region and the Metropolitan Police.
_KEEP_WHOLE = frozenset({"city of london"})

# Short forms in common use that no amount of suffix stripping produces.
_ALIASES = {
    "hull": "kingston upon hull",
    "southend": "southend on sea",
    "bcp": "bournemouth christchurch and poole",
}


@dataclass(frozen=True)
class FormerAuthority:
    name: str
    ons_code: str
    note: str


# Authorities abolished since JTAIs began (2016) whose letters may still be imported. Ones
# that kept their name under a new code (Buckinghamshire, North Yorkshire, Somerset,
# Dorset) match the current authority instead, which covers the same area.
FORMER_AUTHORITIES = (
    FormerAuthority(
        "Northamptonshire",
        "E10000021",
        "abolished in April 2021 and replaced by North Northamptonshire and West Northamptonshire",
    ),
    FormerAuthority(
        "Cumbria",
        "E10000006",
        "abolished in April 2023 and replaced by Cumberland and Westmorland and Furness",
    ),
    FormerAuthority(
        "Bournemouth",
        "E06000028",
        "merged into Bournemouth, Christchurch and Poole in April 2019",
    ),
    FormerAuthority(
        "Poole", "E06000029", "merged into Bournemouth, Christchurch and Poole in April 2019"
    ),
)


@dataclass(frozen=True)
class AreaMatch:
    """An area matched to its ONS code; ``note`` is set when it no longer exists."""

    ons_code: str
    area: str
    note: str | None = None


def normalise_area_name(name: str) -> str:
    """Reduce a written area name to the form used for matching."""
    text = name.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[^a-z' ]+", " ", text.replace("'s ", " "))
    text = " ".join(text.replace("'", "").split())
    if text in _KEEP_WHOLE:
        return text
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return _ALIASES.get(text, text)


def display_name(ons_name: str) -> str:
    """The everyday name: "Bristol, City of" is "Bristol", "Upon" is written "upon"."""
    name = re.sub(r",\s*(?:City|County) of$", "", ons_name)
    return re.sub(r"\bUpon\b", "upon", name)


@cache
def _matches_by_name() -> dict[str, AreaMatch]:
    table: dict[str, AreaMatch] = {}
    for former in FORMER_AUTHORITIES:
        table[normalise_area_name(former.name)] = AreaMatch(
            former.ons_code, former.name, f"{former.name} no longer exists: {former.note}"
        )
    source = resources.files("jtai").joinpath("data", "local_authorities.csv")
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[normalise_area_name(row["name"])] = AreaMatch(
                row["ons_code"], display_name(row["name"])
            )
    for alias, target in _ALIASES.items():
        table[alias] = table[target]
    return table


@cache
def _name_pattern() -> re.Pattern[str]:
    # Longest names first, so "West Northamptonshire" wins over "Northamptonshire" and
    # "Bournemouth Christchurch and Poole" over "Poole".
    names = sorted(_matches_by_name(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b", re.I)


def _names_in(text: str) -> list[str]:
    """Normalised authority names mentioned in running text, in order.

    Only capitalised mentions count: "Reading" and "Bury" are authorities, "reading" and
    "bury" are just words.
    """
    flat = " ".join(
        re.sub(r"[^A-Za-z ]+", " ", text.replace("&", " and ").replace("\u2019", "")).split()
    )
    return [match[0].lower() for match in _name_pattern().finditer(flat) if match[0][0].isupper()]


def match_area(name: str) -> AreaMatch | None:
    """Match an area named in a letter ("Bristol City Council") to a local authority."""
    table = _matches_by_name()
    normalised = normalise_area_name(name)
    if normalised in table:
        return table[normalised]
    found = _names_in(name)
    if not found:
        return None
    return table[max(found, key=len)]


def most_mentioned_area(text: str) -> AreaMatch | None:
    """The authority named most often in ``text``; ties go to the first mentioned."""
    found = _names_in(text)
    if not found:
        return None
    counts = Counter(found)
    best = max(counts.values())
    return _matches_by_name()[next(name for name in found if counts[name] == best)]
