"""Infer a letter's theme (keys of docs/domain.md section 2) from how it describes itself.

Letters state their focus in one of three places: the title ("... response to child
exploitation in Halton"), the 'deep dive' sentence of 2016-2020 letters whose title only
says "abuse and neglect", or the 2022+ summary sentence ("This letter summarises the
findings of the JTAI of the multi-agency response to serious youth violence in Leeds").
"""

from __future__ import annotations

import re

# Order matters: each focus statement is tested against the rules in turn, so the more
# specific phrase comes first ("child sexual exploitation ... gangs" is the 2018 revisit,
# not the 2016 theme; "initial need and risk ... for families who need help" is early help).
THEME_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), key)
    for pattern, key in (
        (r"serious youth violence", "serious-youth-violence"),
        (r"families\b.{0,40}\bwho need help", "early-help"),
        (r"initial need and risk", "front-door"),
        (r"\bgangs?\b", "cse-gangs-missing"),
        (r"sexual abuse in the family", "csa-family"),
        (r"mental (?:ill[ -])?health", "mental-health"),
        (r"domestic abuse", "domestic-abuse"),
        (r"\bchild exploitation|sexual (?:and|or) criminal exploitation", "child-exploitation"),
        (r"criminal exploitation", "criminal-exploitation"),
        (r"sexual exploitation|\bCSE\b", "cse-missing"),
        (r"neglect", "neglect"),
    )
)

# Every 2016-2020 title says "the multi-agency response to abuse and neglect": that is the
# inspection's general scope, not its theme, and would otherwise read as "neglect".
_GENERAL_SCOPE_RE = re.compile(r"abuse and\s+neglect", re.I)


def theme_of(statement: str) -> str | None:
    """The theme key one focus statement names, if any."""
    text = " ".join(_GENERAL_SCOPE_RE.sub(" ", statement).split())
    for pattern, key in THEME_RULES:
        if pattern.search(text):
            return key
    return None


def infer_theme(statements: list[str]) -> str | None:
    """The theme named by the first statement that names one (most telling first)."""
    for statement in statements:
        key = theme_of(statement)
        if key:
            return key
    return None
