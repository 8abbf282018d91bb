"""The letters' sections, grouped across eras so that a reader can ask for "strengths"
whether a letter calls them Key strengths (2016-2020) or Strengths (2022 onwards).

Keys are the stable section keys of :mod:`jtai.letters` (``Section.key``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SectionGroup:
    slug: str
    label: str
    keys: tuple[str, ...]


SECTION_GROUPS: tuple[SectionGroup, ...] = (
    SectionGroup("headline", "Headline findings", ("headline_findings",)),
    SectionGroup("strengths", "Strengths", ("strengths", "key_strengths")),
    SectionGroup(
        "improvement", "Areas for improvement", ("what_needs_to_improve", "areas_for_improvement")
    ),
    SectionGroup("priority", "Areas for priority action", ("areas_for_priority_action",)),
    SectionGroup("main", "Main findings", ("main_findings",)),
    SectionGroup(
        "effective-practice",
        "Practice studies: effective practice",
        ("practice_study", "case_study"),
    ),
    SectionGroup(
        "practice-improvement",
        "Practice studies: area for improvement",
        ("practice_study_improvement", "case_study_improvement"),
    ),
    SectionGroup("introduction", "Introduction and context", ("introduction", "context")),
    SectionGroup("next-steps", "Next steps", ("next_steps",)),
)
GROUPS_BY_SLUG = {group.slug: group for group in SECTION_GROUPS}

# What the theme pages gather: what went well, and what must get better.
STRENGTH_KEYS = ("strengths", "key_strengths")
IMPROVEMENT_KEYS = ("what_needs_to_improve", "areas_for_improvement", "areas_for_priority_action")

# Bullets as the reader leaves them: a black square (older letters' Wingdings glyphs are
# mapped to it), other squares and dots, or a dash for a second-level point.
_BULLET_RE = re.compile("^(?:[\u25fc\u25aa\u2022\u25cf\u25a0]|[-\u2013\u2212]\\s)\\s*")


@dataclass(frozen=True)
class Block:
    """A paragraph (``items`` empty) or a bulleted list (``text`` empty) of a section."""

    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items)


def blocks(text: str) -> list[Block]:
    """A section's text as paragraphs and bulleted lists, ready for a template."""
    out: list[Block] = []
    bullets: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        bullet = _BULLET_RE.match(line)
        if bullet:
            bullets.append(line[bullet.end() :])
            continue
        if bullets:
            out.append(Block(items=tuple(bullets)))
            bullets = []
        out.append(Block(text=line))
    if bullets:
        out.append(Block(items=tuple(bullets)))
    return out


def passages(text: str) -> list[str]:
    """A section's paragraphs and bullet points, in order, without their bullets."""
    return [item for block in blocks(text) for item in (block.items or (block.text,))]


def points(text: str) -> list[str]:
    """A section's separate findings: each bullet and each paragraph that is a sentence.

    Lines that are not sentences (sub-headings such as "Leadership and management") are
    left out: they name a topic, they do not say anything about it.
    """
    found = []
    for block in blocks(text):
        for item in block.items or (block.text,):
            if item.rstrip().endswith((".", "!", "?", ")", ":", ";")) or len(item.split()) > 12:
                found.append(item)
    return found
