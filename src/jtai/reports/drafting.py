"""What a new letter starts with: the framework's headings, the team's evidence as
starting paragraphs, the area's leaders as addressees and the inspectorates' signatories;
and the :class:`LetterDocument` a letter's sections make at any moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jtai.areas.models import Agency, AgencyKind
from jtai.evidence.models import EvidenceNote, Polarity
from jtai.letters.document import (
    EvidenceItem,
    LetterDocument,
    LetterSection,
    Signatory,
    split_paragraphs,
)
from jtai.timelines.wording import joined, long_date

if TYPE_CHECKING:
    from jtai.inspections.models import Inspection

    from .models import Letter, Section


def letter_title(inspection: Inspection) -> str:
    if inspection.theme.is_front_door:
        topic = "identification of initial need and risk"
    else:
        topic = inspection.theme.name[0].lower() + inspection.theme.name[1:]
    return (
        "Joint targeted area inspection of the multi-agency response to "
        f"{topic} in {inspection.area.name}"
    )


def evidence_items(inspection: Inspection) -> list[EvidenceItem]:
    """The team's evidence notes on ``inspection`` in the shape the letter needs."""
    notes = (
        EvidenceNote.objects.filter(inspection=inspection)
        .select_related("criterion")
        .prefetch_related("agencies")
        .order_by("criterion__position", "id")
    )
    return [
        EvidenceItem(
            note_id=note.pk,
            criterion=note.criterion.title,
            criterion_position=note.criterion.position,
            agencies=tuple(sorted(a.name for a in note.agencies.all())),
            polarity=note.polarity,
            text=note.text,
        )
        for note in notes
    ]


def evidence_links(sources: Iterable[Iterable[EvidenceItem]]) -> list[dict[str, Any]]:
    """Each note behind a drafted section, with the paragraph it started (from 1)."""
    return [
        {
            "note": item.note_id,
            "paragraph": number,
            "criterion": item.criterion,
            "agencies": list(item.agencies),
            "polarity": item.polarity,
            "polarity_label": Polarity(item.polarity).label,
            "text": item.text,
        }
        for number, group in enumerate(sources, start=1)
        for item in group
    ]


# Who a findings letter is addressed to, by the agency whose leader it is.
_LEADERS: tuple[tuple[str, str], ...] = (
    (AgencyKind.LOCAL_AUTHORITY, "Chief executive, {name}"),
    (AgencyKind.LOCAL_AUTHORITY, "Director of children's services, {name}"),
    (AgencyKind.HEALTH, "Chief executive, {name}"),
    (AgencyKind.POLICE, "Chief constable, {name}"),
    (AgencyKind.POLICE, "Police and crime commissioner, {name}"),
    (AgencyKind.PROBATION, "Regional probation director, {name}"),
    (AgencyKind.YOUTH_JUSTICE, "Head of service, {name}"),
)


def default_addressees(inspection: Inspection) -> list[str]:
    agencies: dict[str, str] = {}
    for agency in Agency.objects.filter(area_id=inspection.area_id).order_by("kind", "name"):
        agencies.setdefault(agency.kind, agency.name)
    lines = [pattern.format(name=agencies[kind]) for kind, pattern in _LEADERS if kind in agencies]
    lines.append(
        f"Independent scrutineer, {inspection.area.name} Safeguarding Children Partnership"
    )
    return lines


def default_signatories(inspection: Inspection) -> list[dict[str, str]]:
    return [
        {
            "name": inspectorate.signatory_name,
            "title": inspectorate.signatory_title,
            "inspectorate": inspectorate.short_name,
        }
        for inspectorate in sorted(inspection.inspectorates.all(), key=lambda i: i.ordering)
    ]


def standard_text(inspection: Inspection) -> dict[str, str]:
    """The paragraphs every letter of the era opens and closes with, filled in."""
    start = inspection.planned("fieldwork_start")
    end = inspection.planned("fieldwork_end")
    wsoa = inspection.planned("wsoa_due")
    inspectorates = [i.short_name for i in inspection.inspectorates.all()]
    when = f"from {long_date(start)} to {long_date(end)}" if start and end else "recently"
    topic = letter_title(inspection).split(" response to ", 1)[1]
    context = (
        f"This letter summarises the findings of a joint targeted area inspection {when} of "
        f"the multi-agency response to {topic}. It was carried out by {joined(inspectorates)}."
    )
    next_steps = (
        f"{inspection.area.name} Council, as the principal authority, is required to prepare "
        "a written statement of proposed action in response to the findings of this "
        "inspection, with its safeguarding partners, and send it to Ofsted"
        + (f" by {long_date(wsoa)}." if wsoa else " within 70 working days of publication.")
    )
    return {"context": context, "next_steps": next_steps}


def document_of(
    letter: Letter, sections: Iterable[Section], letter_date: dt.date
) -> LetterDocument:
    return LetterDocument(
        title=letter.title,
        area_name=letter.inspection.area.name,
        letter_date=letter_date,
        addressees=tuple(letter.addressees),
        sections=tuple(
            LetterSection(s.key, s.heading, split_paragraphs(s.text))
            for s in sections
            if s.text.strip()
        ),
        signatories=tuple(
            Signatory(s["name"], s["title"], s["inspectorate"]) for s in letter.signatories
        ),
    )
