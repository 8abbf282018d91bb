"""A thematic overview's first draft, from the structured findings of a theme's published
inspections. Pure (no Django), so the counting and wording are tested directly.

Two sources, both optional: inspectors' evidence notes (criterion, polarity, the agencies
they concern: counted, never quoted, because notes are the inspectors' working material
and not public) and the published letters' strengths and areas for improvement (public
text, quoted with the area's name). A programme manager edits the result before QA."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jtai.letters.document import LetterDocument, LetterSection, Signatory
from jtai.timelines.wording import joined, long_date

STRENGTH = "strength"
IMPROVEMENT = "improvement"
PARTNERSHIP = "the partnership as a whole"

# Sections of the published letters that carry each polarity, across framework eras.
LETTER_SECTIONS = {
    "strengths": STRENGTH,
    "key_strengths": STRENGTH,
    "what_needs_to_improve": IMPROVEMENT,
    "areas_for_improvement": IMPROVEMENT,
    "areas_for_priority_action": IMPROVEMENT,
}


@dataclass(frozen=True)
class NoteFinding:
    """One evidence note's place in the counts: its criterion, polarity, one agency it
    concerns (or "" for the partnership as a whole) and the area it was recorded in."""

    criterion: str
    position: int
    polarity: str
    agency: str
    area: str


@dataclass(frozen=True)
class LetterFinding:
    area: str
    polarity: str
    text: str


@dataclass(frozen=True)
class CriterionCount:
    """How many areas had a finding of this polarity against this criterion, overall
    and for each agency, most areas first."""

    criterion: str
    polarity: str
    areas: int
    by_agency: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "polarity": self.polarity,
            "areas": self.areas,
            "by_agency": [list(pair) for pair in self.by_agency],
        }


def count_findings(notes: Iterable[NoteFinding]) -> list[CriterionCount]:
    """Distinct areas per criterion and polarity, and per agency within them; criteria
    in their own order, strengths first."""
    areas: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    agency_areas: dict[tuple[int, str, str], dict[str, set[str]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for note in notes:
        key = (note.position, note.criterion, note.polarity)
        areas[key].add(note.area)
        agency_areas[key][note.agency or PARTNERSHIP].add(note.area)
    order = {STRENGTH: 0, IMPROVEMENT: 1}
    counts = []
    for key in sorted(areas, key=lambda k: (order.get(k[2], 2), k[0], k[1])):
        by_agency = sorted(
            ((agency, len(found)) for agency, found in agency_areas[key].items()),
            key=lambda pair: (-pair[1], pair[0]),
        )
        counts.append(CriterionCount(key[1], key[2], len(areas[key]), tuple(by_agency)))
    return counts


def _of(count: int, total: int) -> str:
    return f"{count} of the {total} areas" if total > 1 else "the area"


def _count_paragraph(count: CriterionCount, total: int) -> str:
    found = "strengths" if count.polarity == STRENGTH else "areas for improvement"
    agencies = [f"{agency} ({n} area{'s' if n != 1 else ''})" for agency, n in count.by_agency[:4]]
    text = f"{count.criterion}: inspectors found {found} in {_of(count.areas, total)}"
    return text + (f", concerning {joined(agencies)}." if agencies else ".")


def draft_overview(
    *,
    theme: str,
    areas: Sequence[str],
    first_published: dt.date,
    last_published: dt.date,
    counts: Sequence[CriterionCount],
    letters: Sequence[LetterFinding],
    signatories: Sequence[Signatory] = (),
) -> LetterDocument:
    """The overview's first draft: an introduction naming the inspections, then for
    strengths and for areas for improvement the counts by criterion and agency and what
    the published letters said."""
    total = len(areas)
    # Theme names are titles ("Multi-agency response to..."); mid-sentence they start small.
    named = theme[:1].lower() + theme[1:] if theme[1:2].islower() else theme
    introduction = (
        f"This overview brings together the findings of the {total} joint targeted area "
        f"inspection{'s' if total != 1 else ''} of {named} published between "
        f"{long_date(first_published)} and {long_date(last_published)}, in "
        f"{joined(sorted(areas))}.",
        "It sets out the strengths and the areas for improvement that were found most "
        "often, by what inspectors evaluated and by agency, and what partnerships "
        "elsewhere can learn from them.",
    )
    sections = [LetterSection("introduction", "Introduction", introduction)]
    for polarity, key, heading in (
        (STRENGTH, "strengths", "Strengths across the areas"),
        (IMPROVEMENT, "areas_for_improvement", "Areas for improvement across the areas"),
    ):
        paragraphs = [_count_paragraph(c, total) for c in counts if c.polarity == polarity]
        quoted = [f"In {f.area}: {f.text}" for f in letters if f.polarity == polarity]
        paragraphs += quoted
        if not paragraphs:
            paragraphs = ["None was recorded in the published inspections."]
        sections.append(LetterSection(key, heading, tuple(paragraphs)))
    sections.append(
        LetterSection(
            "next_steps",
            "What partnerships should consider",
            (
                "Safeguarding partnerships should consider these findings alongside their "
                "own self-evaluation, and how they assure themselves that the strengths "
                "found here are present in their own arrangements.",
            ),
        )
    )
    return LetterDocument(
        title=f"{theme[:1].upper()}{theme[1:]}: an overview of joint targeted area inspections",
        area_name="England",
        letter_date=None,
        addressees=(),
        sections=tuple(sections),
        signatories=tuple(signatories),
    )
