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
