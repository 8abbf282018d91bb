"""Helpers for findings letter tests: the Leeds demo inspection walked on to drafting
through the real lifecycle, evidence notes on it, a letter started and taken through
quality assurance by the real services, and URL arguments for the access table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency
from jtai.evidence.models import EvaluationCriterion, EvidenceNote
from jtai.information.models import Document
from jtai.inspections import services as inspection_services
from jtai.inspections.models import Inspection, Status
from jtai.reports import services
from jtai.reports.models import AccuracyComment, Letter

DEMO = "demo.jtai.example"


def person(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{DEMO}")


def leeds() -> Inspection:
    """The demo's Leeds inspection in information gathering, its team all on it."""
    return Inspection.objects.select_related("area", "theme", "framework").get(
        area__name="Leeds", status=Status.INFORMATION_GATHERING
    )


def at(inspection: Inspection, key_date: str, hour: int = 10) -> dt.datetime:
    day = inspection.planned(key_date)
    assert day is not None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def walk_to_drafting(inspection: Inspection) -> Inspection:
    """Leeds (information gathering in the demo) through fieldwork to drafting."""
    lead = person("lead")
    for step, key_date in (
        ("start_fieldwork", "fieldwork_start"),
        ("close_fieldwork", "fieldwork_end"),
    ):
        if inspection.status == Status.DRAFTING:
            break
        inspection = inspection_services.inspection_transition(
            actor=lead, inspection=inspection, transition=step, now=at(inspection, key_date, 15)
        )
    return Inspection.objects.select_related("area", "theme", "framework").get(pk=inspection.pk)


def evidence(
    inspection: Inspection, polarity: str, text: str, agency_kinds: tuple[str, ...] = ("police",)
) -> EvidenceNote:
    criterion = (
        EvaluationCriterion.objects.filter(theme=inspection.theme).order_by("position").first()
    )
    assert criterion is not None, "the theme has no evaluation criteria"
    document = Document.objects.filter(item__inspection=inspection).first()
    assert document is not None, "the demo has no document to cite"
    author = person("inspector")
    now = at(inspection, "fieldwork_start", 14)
    note = EvidenceNote.objects.create(
        inspection=inspection,
        criterion=criterion,
        polarity=polarity,
        text=text,
        source_kind="document",
        document=document,
        author=author,
        created_at=now,
        updated_by=author,
        updated_at=now,
    )
    note.agencies.set(Agency.objects.filter(area=inspection.area, kind__in=agency_kinds))
    return note


STRENGTH = (
    "Officers attending domestic abuse incidents consistently record the presence of "
    "children and share this with children's social care within 24 hours."
)
IMPROVEMENT = (
    "Health practitioners are not routinely invited to strategy discussions, so decisions "
    "are sometimes made without knowing about children's health needs."
)


def drafting_letter(inspection: Inspection | None = None) -> Letter:
    """Leeds in drafting, with two evidence notes and a letter started from them."""
    inspection = walk_to_drafting(inspection or leeds())
    evidence(inspection, "strength", STRENGTH, ("police",))
    evidence(inspection, "improvement", IMPROVEMENT, ("health",))
    return services.letter_start(actor=person("inspector"), inspection=inspection)


SIGNATORY_NAMES = {
    "Ofsted": "Helen Marsh",
    "CQC": "David Chen",
    "HMICFRS": "Sarah Cole",
    "HMI Probation": "Andrew Price",
}


def fill_required(letter: Letter, actor: User | None = None) -> Letter:
    """Every required section written and every signatory named."""
    actor = actor or person("inspector")
    services.details_save(
        actor=actor,
        letter=letter,
        addressees=letter.addressees,
        signatories=[
            dict(s, name=SIGNATORY_NAMES.get(s["inspectorate"], "A Director"))
            for s in letter.signatories
        ],
        version=letter.details_version,
    )
    for section in letter.sections.filter(required=True):
        if section.is_empty:
            services.section_save(
                actor=actor,
                section=section,
                text=f"Inspectors found {section.heading.lower()} worth reporting in Leeds.",
                version=section.version,
            )
    return Letter.objects.get(pk=letter.pk)


def sent_letter(inspection: Inspection | None = None) -> Letter:
    """A letter through QA and sent to the area: Leeds in its factual accuracy check."""
    letter = fill_required(drafting_letter(inspection))
    now = at(letter.inspection, "draft_report", 9)
    services.submit_for_qa(actor=person("lead"), letter=letter, now=now)
    services.sign_off(actor=person("qa"), letter=letter, now=now)
    services.send_draft(actor=person("qa"), letter=letter, now=now)
    return Letter.objects.select_related("inspection").get(pk=letter.pk)


def comment(letter: Letter, by: str, paragraph: int = 1, text: str = "") -> AccuracyComment:
    return services.comment_propose(
        actor=person(by),
        letter=letter,
        paragraph=paragraph,
        text=text or "The partnership's new MASH opened in March, not April.",
        now=at(letter.inspection, "draft_report", 15),
    )


def url_kwargs(name: str, inspection: Inspection) -> dict[str, Any]:
    """For the access table: Leeds's letter, sent to the area, with a comment each from
    the police and the coordinator (the police one submitted)."""
    letter = Letter.objects.filter(inspection=inspection).first()
    if letter is None:
        letter = _letter_for_access_table(inspection)
    kwargs: dict[str, Any] = {"reference": inspection.reference}
    if name in {"reports:section", "reports:history", "reports:qa-comment"}:
        kwargs["key"] = "strengths"
    if name in {"reports:comment", "reports:respond"}:
        kwargs["comment_id"] = (
            AccuracyComment.objects.filter(letter=letter, agency__kind="police").first().pk  # type: ignore[union-attr]
        )
    return kwargs


def _letter_for_access_table(inspection: Inspection) -> Letter:
    """A letter laid down directly (the inspection stays in information gathering, as the
    rest of the access table needs it) and marked as sent, with one police comment."""
    lead = person("lead")
    now = timezone.now()
    letter = Letter.objects.create(
        inspection=inspection,
        title="Joint targeted area inspection in Leeds",
        addressees=["Director of children's services, Leeds City Council"],
        signatories=[
            {"name": "A Director", "title": "National Director", "inspectorate": "Ofsted"}
        ],
        created_at=now,
        created_by=lead,
        sent_at=now,
        sent_by=lead,
        sent_document={
            "title": "Joint targeted area inspection in Leeds",
            "area_name": "Leeds",
            "letter_date": None,
            "addressees": [],
            "sections": [{"key": "strengths", "heading": "Strengths", "paragraphs": ["One."]}],
            "signatories": [],
        },
        accuracy_due=timezone.localdate() + dt.timedelta(days=7),
    )
    letter.sections.create(
        key="strengths", heading="Strengths", position=1, required=True, text="One.", version=1
    )
    police = person("leeds.police")
    AccuracyComment.objects.create(
        letter=letter,
        paragraph=1,
        section_key="strengths",
        paragraph_text="One.",
        agency=police.agency,
        author=police,
        text="Not quite.",
        status="submitted",
        created_at=now,
        updated_at=now,
        updated_by=police,
    )
    return letter
