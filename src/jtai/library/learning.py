"""What a theme's letters say together: their findings, grouped by the agencies they
mention, and the phrases that recur across letters.

Deliberately simple and transparent, so that a reader can check every figure against the
letters: a finding is a bullet point or paragraph of a Strengths (or Key strengths)
section, or of an Areas for improvement / What needs to improve / Areas for priority action
section; a phrase "recurs" when two or more letters use it, and it is counted once per
letter however often a letter repeats it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .sections import points

L = TypeVar("L", bound=Hashable)


@dataclass(frozen=True)
class Agency:
    """How letters name one kind of agency: single words, and phrases of several."""

    key: str
    label: str
    search: str  # what to search the letters for to find all of them
    words: frozenset[str]
    phrases: tuple[str, ...] = ()

    def named_in(self, text: str, words: set[str]) -> bool:
        """Whether lower-cased ``text``, whose words are ``words``, names this agency."""
        return not self.words.isdisjoint(words) or any(p in text for p in self.phrases)


AGENCIES: tuple[Agency, ...] = (
    Agency("police", "Police", "police", frozenset({"police", "constabulary"})),
    Agency(
        "health",
        "Health",
        "health",
        # "health" alone is counted separately: "mental health" is a subject, not a service.
        frozenset(
            [
                "nhs",
                "gp",
                "gps",
                "hospital",
                "hospitals",
                "icb",
                "icbs",
                "ccg",
                "ccgs",
                "camhs",
                "paediatric",
                "paediatrician",
                "paediatricians",
                "nurse",
                "nurses",
                "nursing",
                "midwife",
                "midwives",
                "midwifery",
            ]
        ),
        ("emergency department", "health visit", "health service", "health provider"),
    ),
    Agency(
        "local_authority",
        "Local authority and children's social care",
        "social care",
        frozenset({"council"}),
        ("social care", "social work", "local authority", "children's services", "early help"),
    ),
    Agency(
        "education",
        "Schools and education",
        "school",
        frozenset({"school", "schools", "education", "college", "colleges"}),
    ),
    Agency(
        "probation",
        "Probation and youth justice",
        "probation",
        frozenset({"probation", "yot", "yjs", "crc", "nps"}),
        ("youth justice", "youth offending"),
    ),
    Agency(
        "partnership",
        "Safeguarding partnership",
        "partnership",
        frozenset({"partnership", "partnerships", "lscb", "lscbs", "lscp", "lscps", "masa"}),
        ("safeguarding partners", "safeguarding children board"),
    ),
)
_HEALTH_RE = re.compile(r"(?<!mental )\bhealth\b")

MAX_EXAMPLES = 10  # findings shown per agency: one from each of this many letters

MAX_WORDS = 4
MIN_LETTERS = 2  # a phrase in one letter only is that letter's, not a pattern
MAX_PHRASES = 15

# Words that cannot start or end a phrase worth showing: function words, and the words
# every letter uses about every subject ("children and young people", "this letter").
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just more most no nor not now of off on once only or other our out over
    own same she should so some such than that the their them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your well many much across within being made make makes
    ensure ensuring good strong clear however including number also further need needs
    needed further example examples there's it's they're area areas children child young
    people letter inspection inspectors inspectorates partners agencies agency work working
    practice professionals practitioners staff services service seen cases case wide range
    take place way result results lead leads led
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

CONNECTIVES = frozenset({"of", "and", "to", "the", "in", "for", "with", "on"})

_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?;:])\s+|\s+[-\u2013]\s+")
_WORD_RE = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def _normalise(text: str) -> str:
    return text.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class Point(Generic[L]):
    letter: L
    text: str


@dataclass
class AgencyGroup(Generic[L]):
    key: str
    label: str
    search: str
    points: list[Point[L]] = field(default_factory=list)

    @property
    def letter_count(self) -> int:
        return len({point.letter for point in self.points})

    @property
    def examples(self) -> list[Point[L]]:
        """The first finding of each letter, for up to MAX_EXAMPLES letters."""
        seen: set[L] = set()
        chosen: list[Point[L]] = []
        for point in self.points:
            if point.letter not in seen and len(chosen) < MAX_EXAMPLES:
                seen.add(point.letter)
                chosen.append(point)
        return chosen


@dataclass(frozen=True)
class Phrase:
    text: str
    letters: int  # how many letters use it
    points: int  # in how many findings


@dataclass
class Learning(Generic[L]):
    points: list[Point[L]]
    letter_count: int
    agencies: list[AgencyGroup[L]]
    unattributed: list[Point[L]]  # findings that name no agency
    phrases: list[Phrase]


def _phrases_in(text: str) -> set[str]:
    """Phrases of two to four words that start and end with a significant word and hold
    nothing in between but significant words and a few connectives ("help and protection",
    "victims of domestic abuse")."""
    found: set[str] = set()
    for sentence in _SENTENCE_SPLIT_RE.split(_normalise(text)):
        words = _WORD_RE.findall(sentence)
        significant = [word not in STOPWORDS and len(word) > 2 for word in words]
        for start in range(len(words)):
            if not significant[start]:
                continue
            for end in range(start + 1, min(start + MAX_WORDS, len(words))):
                if significant[end]:
                    found.add(" ".join(words[start : end + 1]))
                elif words[end] not in CONNECTIVES:
                    break
    return found


def recurring_phrases(
    findings: Iterable[Point[L]], *, min_letters: int = MIN_LETTERS, limit: int = MAX_PHRASES
) -> list[Phrase]:
    """Phrases used by at least ``min_letters`` letters, most widely used first. A phrase
    inside a longer one used by as many letters is left out ("safeguarding hub" when
    "multi-agency safeguarding hub" is in the same letters)."""
    phrases_by_letter: dict[L, set[str]] = defaultdict(set)
    points_by_phrase: dict[str, int] = defaultdict(int)
    for point in findings:
        found = _phrases_in(point.text)
        phrases_by_letter[point.letter] |= found
        for phrase in found:
            points_by_phrase[phrase] += 1
    letters_by_phrase: dict[str, int] = defaultdict(int)
    for found in phrases_by_letter.values():
        for phrase in found:
            letters_by_phrase[phrase] += 1
    common = {p: count for p, count in letters_by_phrase.items() if count >= min_letters}
    subsumed: set[str] = set()
    for phrase, count in common.items():
        words = phrase.split()
        for size in range(2, len(words)):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if common.get(part, 0) <= count:
                    subsumed.add(part)
    kept = [phrase for phrase in common if phrase not in subsumed]
    kept.sort(key=lambda p: (-common[p], -points_by_phrase[p], -len(p.split()), p))
    return [Phrase(p, common[p], points_by_phrase[p]) for p in kept[:limit]]


def learning_from(sections: Iterable[tuple[L, str]]) -> Learning[L]:
    """Findings, agencies and recurring phrases from (letter, section text) pairs."""
    findings = [Point(letter, point) for letter, text in sections for point in points(text)]
    groups = [AgencyGroup[L](agency.key, agency.label, agency.search) for agency in AGENCIES]
    unattributed = []
    for point in findings:
        text = _normalise(point.text)
        words = set(_WORD_RE.findall(text))
        named = False
        for group, agency in zip(groups, AGENCIES, strict=True):
            if agency.named_in(text, words) or (
                agency.key == "health" and "health" in words and _HEALTH_RE.search(text)
            ):
                group.points.append(point)
                named = True
        if not named:
            unattributed.append(point)
    return Learning(
        points=findings,
        letter_count=len({point.letter for point in findings}),
        agencies=[group for group in groups if group.points],
        unattributed=unattributed,
        phrases=recurring_phrases(findings),
    )
