"""Starting the letter and drafting it: sections, addressees and signatories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection
from jtai.letters.document import draft_from_evidence, headings_for

from .. import drafting
from ..access import LetterError, draft_refusal, start_refusal
from ..models import Letter, Section, SectionVersion
from ._common import MAX_TEXT, STALE, STALE_MESSAGE, _lock, _now, _withdraw_sign_off

if TYPE_CHECKING:
    from jtai.accounts.models import User


def letter_lay_down(*, inspection: Inspection, actor: User, now: dt.datetime) -> Letter:
    """Lay down a new letter: the framework's headings, the evidence as starting
    paragraphs, the standard opening and next steps, the area's leaders and the
    inspectorates' signatories. Only :func:`letter_start` (and the demo, for inspections
    it walked past drafting) call this."""
    headings = headings_for(inspection.framework.key)
    drafted = draft_from_evidence(headings, drafting.evidence_items(inspection))
    standard = drafting.standard_text(inspection)
    letter = Letter.objects.create(
        inspection=inspection,
        title=drafting.letter_title(inspection),
        addressees=drafting.default_addressees(inspection),
        signatories=drafting.default_signatories(inspection),
        created_at=now,
        created_by=actor,
    )
    sections = []
    for position, heading in enumerate(headings, start=1):
        found = drafted.get(heading.key)
        paragraphs = list(found.paragraphs) if found else []
        sources = list(found.sources) if found else []
        if heading.key in standard:
            paragraphs.insert(0, standard[heading.key])
            sources.insert(0, ())  # the standard paragraph comes from no note
        sections.append(
            Section(
                letter=letter,
                key=heading.key,
                heading=heading.heading,
                position=position,
                required=heading.required,
                text="\n\n".join(paragraphs),
                version=1 if paragraphs else 0,
                evidence=drafting.evidence_links(sources),
                updated_at=now if paragraphs else None,
                updated_by=actor if paragraphs else None,
            )
        )
    Section.objects.bulk_create(sections)
    SectionVersion.objects.bulk_create(
        SectionVersion(
            section=s,
            number=1,
            text=s.text,
            author=actor,
            created_at=now,
            note="Started from the evidence" if s.evidence else "Standard wording",
        )
        for s in Section.objects.filter(letter=letter, version=1)
    )
    return letter


@transaction.atomic
def letter_start(*, actor: User, inspection: Inspection, now: dt.datetime | None = None) -> Letter:
    """Start the letter from the team's evidence, once fieldwork has closed."""
    now = _now(now)
    locked = (
        Inspection.objects.select_for_update()
        .select_related("area", "theme", "framework")
        .get(pk=inspection.pk)
    )
    if Letter.objects.filter(inspection=locked).exists():
        raise LetterError("The letter has already been started.")
    refused = start_refusal(actor, locked)
    if refused:
        raise LetterError(refused)
    letter = letter_lay_down(inspection=locked, actor=actor, now=now)
    notes = sum(len(s.evidence) for s in letter.sections.all())
    record_event(
        inspection=locked,
        kind=EventKind.LETTER_STARTED,
        actor=actor,
        summary=f"Findings letter started from {notes} evidence note{'s' if notes != 1 else ''}",
        occurred_at=now,
        data={"evidence_notes": notes},
    )
    return letter


@transaction.atomic
def section_save(
    *,
    actor: User,
    section: Section,
    text: str,
    version: int,
    note: str = "",
    now: dt.datetime | None = None,
) -> Section:
    """Save a section's text as its next version. ``version`` is the version the person
    opened: if someone has saved since, nothing is saved and they are told."""
    now = _now(now)
    letter = _lock(section.letter)
    section = Section.objects.select_for_update().get(pk=section.pk)
    refused = draft_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if version != section.version:
        raise LetterError(STALE_MESSAGE, STALE)
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise LetterError(f"The section must be {MAX_TEXT:,} characters or fewer", "text")
    if text == section.text:
        return section  # nothing changed: no new version, and the sign-off stands
    section.text = text
    section.version += 1
    section.updated_at, section.updated_by = now, actor
    section.save(update_fields=["text", "version", "updated_at", "updated_by"])
    SectionVersion.objects.create(
        section=section, number=section.version, text=text, author=actor, created_at=now, note=note
    )
    _withdraw_sign_off(letter, actor, now, f"the {section.heading} section")
    return section


@transaction.atomic
def details_save(
    *,
    actor: User,
    letter: Letter,
    addressees: Sequence[str],
    signatories: Sequence[dict[str, str]],
    version: int,
    now: dt.datetime | None = None,
) -> Letter:
    """Save who the letter is addressed to and who signs it."""
    now = _now(now)
    letter = _lock(letter)
    refused = draft_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if version != letter.details_version:
        raise LetterError(
            "Someone else changed the addressees or signatories since you opened them. Your "
            "changes are below but have not been saved: check theirs, then save again.",
            STALE,
        )
    cleaned = [line.strip() for line in addressees if line.strip()]
    if not cleaned:
        raise LetterError("Enter at least one addressee", "addressees")
    for signatory in signatories:
        if not signatory["name"].strip():
            raise LetterError(
                f"Enter the name of the signatory for {signatory['inspectorate']}",
                f"name_{signatory['inspectorate']}",
            )
    letter.addressees = cleaned
    letter.signatories = [{k: v.strip() for k, v in s.items()} for s in signatories]
    letter.details_version += 1
    letter.save(update_fields=["addressees", "signatories", "details_version"])
    _withdraw_sign_off(letter, actor, now, "the addressees or signatories")
    return letter
