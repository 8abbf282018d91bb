"""A findings letter as structured content: what the team drafts, the quality assurance
manager signs off, the area checks for factual accuracy, and the public finally reads.

Pure, so that every stage works on the same shape: the reports app builds a
:class:`LetterDocument` from the drafted sections, the publication app keeps it as JSON
when the letter is finalised (so the published text can never drift from what was sent
under embargo) and renders it as HTML and PDF. Paragraphs are numbered through the whole
letter, which is how factual-accuracy comments point at the text.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SectionHeading:
    key: str  # the stable key jtai.letters.sections gives the same heading in a PDF
    heading: str
    required: bool


# The letter's sections by framework era, in order. Since 2022 the letter opens with the
# context and headline findings; 2016-2020 letters were built around key strengths, case
# studies and areas for improvement.
LETTER_HEADINGS: dict[str, tuple[SectionHeading, ...]] = {
    "2022": (
        SectionHeading("context", "Context", True),
        SectionHeading("headline_findings", "Headline findings", True),
        SectionHeading("areas_for_priority_action", "Areas for priority action", False),
        SectionHeading("what_needs_to_improve", "What needs to improve?", True),
        SectionHeading("strengths", "Strengths", True),
        SectionHeading("main_findings", "Main findings", True),
        SectionHeading("practice_study", "Practice study: highly effective practice", False),
        SectionHeading("practice_study_improvement", "Practice study: area for improvement", False),
        SectionHeading("next_steps", "Next steps", True),
    ),
    "2016": (
        SectionHeading("key_strengths", "Key strengths", True),
        SectionHeading("case_study", "Case study: highly effective practice", False),
        SectionHeading("areas_for_improvement", "Areas for improvement", True),
        SectionHeading("case_study_improvement", "Case study: area for improvement", False),
        SectionHeading("next_steps", "Next steps", True),
    ),
}


def headings_for(framework_key: str) -> tuple[SectionHeading, ...]:
    """The headings for a framework version's code ("2022", "2016", or a later code
    whose first four characters are a year): the latest era not after it."""
    year = framework_key[:4]
    eras = sorted(LETTER_HEADINGS)
    chosen = next((era for era in reversed(eras) if era <= year), eras[0])
    return LETTER_HEADINGS[chosen]


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    inspectorate: str


@dataclass(frozen=True)
class LetterSection:
    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class NumberedParagraph:
    number: int
    section_key: str
    text: str


@dataclass(frozen=True)
class LetterDocument:
    title: str
    area_name: str
    letter_date: dt.date | None
    addressees: tuple[str, ...]
    sections: tuple[LetterSection, ...]
    signatories: tuple[Signatory, ...]

    def numbered_paragraphs(self) -> Iterator[NumberedParagraph]:
        number = 0
        for section in self.sections:
            for text in section.paragraphs:
                number += 1
                yield NumberedParagraph(number, section.key, text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "area_name": self.area_name,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "addressees": list(self.addressees),
            "sections": [
                {"key": s.key, "heading": s.heading, "paragraphs": list(s.paragraphs)}
                for s in self.sections
            ],
            "signatories": [
                {"name": s.name, "title": s.title, "inspectorate": s.inspectorate}
                for s in self.signatories
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LetterDocument:
        letter_date = data.get("letter_date")
        return cls(
            title=data["title"],
            area_name=data["area_name"],
            letter_date=dt.date.fromisoformat(letter_date) if letter_date else None,
            addressees=tuple(data.get("addressees", ())),
            sections=tuple(
                LetterSection(s["key"], s["heading"], tuple(s["paragraphs"]))
                for s in data.get("sections", ())
            ),
            signatories=tuple(
                Signatory(s["name"], s["title"], s["inspectorate"])
                for s in data.get("signatories", ())
            ),
        )


def split_paragraphs(text: str) -> tuple[str, ...]:
    """A drafted section's text as paragraphs: blank lines separate them, and a single
    line break inside a paragraph is kept as a space."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return tuple(block for block in blocks if block)


# --- starting a letter from the team's evidence ----------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence note as the letter needs it: plain values, so this stays pure."""

    note_id: int
    criterion: str
    criterion_position: int
    agencies: tuple[str, ...]
    polarity: str  # "strength", "improvement" or "context"
    text: str


@dataclass(frozen=True)
class DraftedSection:
    """A section's starting text: paragraphs, and for each the notes it came from."""

    key: str
    paragraphs: tuple[str, ...]
    sources: tuple[tuple[EvidenceItem, ...], ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# Which section of each era a polarity starts; the first heading present wins.
_POLARITY_SECTIONS: dict[str, tuple[str, ...]] = {
    "strength": ("strengths", "key_strengths"),
    "improvement": ("what_needs_to_improve", "areas_for_improvement"),
    "context": ("context",),
}


def draft_from_evidence(
    headings: tuple[SectionHeading, ...], items: list[EvidenceItem]
) -> dict[str, DraftedSection]:
    """Starting paragraphs for the sections that evidence feeds: strengths, areas for
    improvement and context. Notes on the same criterion about the same agencies make
    one paragraph, in the criteria's order, so inspectors start from the findings as
    they were recorded and can trace every paragraph back to its notes."""
    keys = {h.key for h in headings}
    grouped: dict[str, dict[tuple[int, str, tuple[str, ...]], list[EvidenceItem]]] = {}
    for item in items:
        target = next((k for k in _POLARITY_SECTIONS.get(item.polarity, ()) if k in keys), None)
        if target is None:
            continue
        group = (item.criterion_position, item.criterion, tuple(sorted(item.agencies)))
        grouped.setdefault(target, {}).setdefault(group, []).append(item)
    drafted = {}
    for key, groups in grouped.items():
        paragraphs, sources = [], []
        for _, notes in sorted(groups.items(), key=lambda pair: pair[0]):
            notes.sort(key=lambda n: n.note_id)
            paragraphs.append(" ".join(" ".join(n.text.split()) for n in notes))
            sources.append(tuple(notes))
        drafted[key] = DraftedSection(key, tuple(paragraphs), tuple(sources))
    return drafted


# --- comparing two versions of a section ------------------------------------------------


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class DiffParagraph:
    """One paragraph of a comparison: unchanged, added, removed, or changed (with the
    words inserted and deleted inside it)."""

    kind: str  # "same", "added", "removed" or "changed"
    parts: tuple[DiffPart, ...]


def _word_diff(old: str, new: str) -> tuple[DiffPart, ...]:
    before, after = old.split(), new.split()
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("equal", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("delete", " ".join(before[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("insert", " ".join(after[b1:b2])))
    return tuple(parts)


def compare_texts(old: str, new: str) -> tuple[DiffParagraph, ...]:
    """The differences between two drafts of a section, paragraph by paragraph and, in a
    changed paragraph, word by word: what a reader needs to see what an edit did."""
    before, after = split_paragraphs(old), split_paragraphs(new)
    result: list[DiffParagraph] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(DiffParagraph("same", (DiffPart("equal", p),)) for p in before[a1:a2])
            continue
        old_block, new_block = list(before[a1:a2]), list(after[b1:b2])
        # Pair changed paragraphs in order; what is left over was added or removed.
        for old_p, new_p in zip(old_block, new_block, strict=False):
            result.append(DiffParagraph("changed", _word_diff(old_p, new_p)))
        paired = min(len(old_block), len(new_block))
        result.extend(
            DiffParagraph("removed", (DiffPart("delete", p),)) for p in old_block[paired:]
        )
        result.extend(DiffParagraph("added", (DiffPart("insert", p),)) for p in new_block[paired:])
    return tuple(result)
