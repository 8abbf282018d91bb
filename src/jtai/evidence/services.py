"""Every write to evidence and case tracking. Each checks the acting user against the
rules in access.py, runs in one transaction, and refuses with a plain-English reason.

Saves carry the version the person opened: a save made after someone else's is refused,
so nothing is silently overwritten. Every save of a note adds a version row (who, when,
what changed), which is the note's history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone

from jtai.areas.models import Agency
from jtai.cases.models import SelectedChild, Stage
from jtai.fieldwork.models import Activity
from jtai.information.models import Document
from jtai.inspections.models import Inspection
from jtai.library.services import SEARCH_CONFIG

from .access import EvidenceError as EvidenceError  # re-exported: what every service raises
from .access import write_refusal
from .models import (
    AgencyJudgement,
    EvaluationCriterion,
    EvidenceNote,
    EvidenceNoteVersion,
    Polarity,
    PracticeQuality,
    SourceKind,
    TrackingRecord,
)
from .selectors import TRACKED_PURPOSES, activity_label, document_label

if TYPE_CHECKING:
    from jtai.accounts.models import User

STALE = "stale"  # the field of a refused save made from an old version
STALE_NOTE = (
    "Someone else saved this evidence since you opened it. What you typed is below but "
    "has not been saved: check their version, then save again."
)
STALE_TRACKING = (
    "Someone else saved this child's case tracking since you opened it. What you typed is "
    "below but has not been saved: check their version, then save again."
)
MAX_TEXT = 5000
# Control characters have no place in a note, and two of them mark search matches.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(text: str) -> str:
    return _CONTROL.sub("", text).strip()


@dataclass(frozen=True)
class Source:
    """Where a note's evidence came from: ``kind`` and the primary key of the activity,
    tracked child (SelectedChild) or document."""

    kind: str
    pk: int

    @classmethod
    def parse(cls, value: str) -> Source | None:
        kind, _, pk = value.partition(":")
        if kind not in SourceKind.values or not pk.isdigit():
            return None
        return cls(kind, int(pk))


@dataclass(frozen=True)
class NoteInput:
    text: str
    criterion_id: int | None
    polarity: str
    agency_ids: Sequence[int]
    source: Source | None
    is_key: bool = False


@dataclass(frozen=True)
class _Resolved:
    criterion: EvaluationCriterion
    agencies: list[Agency]
    activity: Activity | None
    child: SelectedChild | None
    document: Document | None
    text: str


def _resolve(inspection: Inspection, data: NoteInput, *, keep_criterion: int | None) -> _Resolved:
    """Check every part of a note against its inspection, first problem first."""
    text = _clean_text(data.text)
    if not text:
        raise EvidenceError("Enter the evidence", "text")
    if len(text) > MAX_TEXT:
        raise EvidenceError(f"The evidence must be {MAX_TEXT:,} characters or fewer", "text")
    criterion = (
        EvaluationCriterion.objects.filter(
            pk=data.criterion_id,
            theme_id=inspection.theme_id,
            inspection_type__in=("", inspection.inspection_type),
        )
        .filter(is_active=True)
        .first()
        if data.criterion_id
        else None
    )
    if criterion is None and data.criterion_id and data.criterion_id == keep_criterion:
        criterion = EvaluationCriterion.objects.filter(pk=keep_criterion).first()
    if criterion is None:
        raise EvidenceError("Choose the evaluation criterion this evidence is about", "criterion")
    if data.polarity not in Polarity.values:
        raise EvidenceError(
            "Choose whether this is a strength, an area for improvement or context", "polarity"
        )
    wanted = set(data.agency_ids)
    agencies = list(Agency.objects.filter(area_id=inspection.area_id, pk__in=wanted))
    if not wanted:
        raise EvidenceError("Choose at least one agency this evidence is about", "agencies")
    if len(agencies) != len(wanted):
        raise EvidenceError("Choose agencies of the area from the list", "agencies")
    activity = child = document = None
    source = data.source
    missing = EvidenceError(
        "Choose where the evidence comes from: an activity, a tracked child's case or a document",
        "source",
    )
    if source is None:
        raise missing
    if source.kind == SourceKind.ACTIVITY:
        activity = Activity.objects.filter(pk=source.pk, inspection=inspection).first()
        if activity is None:
            raise missing
    elif source.kind == SourceKind.CHILD:
        child = SelectedChild.objects.filter(
            pk=source.pk,
            inspection=inspection,
            stage=Stage.SHORT_LIST,
            purpose__in=TRACKED_PURPOSES,
        ).first()
        if child is None:
            raise missing
    else:
        document = (
            Document.objects.select_related("item")
            .filter(pk=source.pk, item__inspection=inspection)
            .first()
        )
        if document is None:
            raise missing
    return _Resolved(criterion, agencies, activity, child, document, text)


def source_text(note: EvidenceNote) -> str:
    if note.activity is not None:
        return f"Activity: {activity_label(note.activity)}"
    if note.child is not None:
        return f"Tracked child {note.child.case_reference}"
    if note.document is not None:
        return f"Document: {document_label(note.document)}"
    return ""


# Field labels as the history shows them, in the order it lists them.
SNAPSHOT_LABELS = {
    "text": "Evidence",
    "criterion": "Evaluation criterion",
    "polarity": "Strength or area for improvement",
    "agencies": "Agencies",
    "source": "Source",
    "is_key": "Key finding",
}


def _snapshot(note: EvidenceNote, agencies: Sequence[Agency]) -> dict[str, Any]:
    return {
        "text": note.text,
        "criterion": note.criterion.title,
        "polarity": note.get_polarity_display(),
        "agencies": [a.name for a in sorted(agencies, key=lambda a: (a.kind, a.name))],
        "source": source_text(note),
        "is_key": "Yes" if note.is_key else "No",
    }


def _fill_search_vector(note: EvidenceNote) -> None:
    if connection.vendor == "postgresql":
        EvidenceNote.objects.filter(pk=note.pk).update(
            search_vector=SearchVector("text", config=SEARCH_CONFIG)
        )


def _require_write(actor: User, inspection: Inspection) -> Inspection:
    """The inspection, locked so that its status cannot move while the rules are checked
    against it and the change is written."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    refusal = write_refusal(actor, locked)
    if refusal is not None:
        raise EvidenceError(refusal)
    return locked


def note_record(
    *, author: User, inspection: Inspection, data: NoteInput, now: dt.datetime
) -> EvidenceNote:
    """Check a note against its inspection and write it with its first version. Only
    :func:`note_create` (after the access rules) and the demo, which lays down evidence
    recorded during fieldwork weeks it has walked past, call this."""
    resolved = _resolve(inspection, data, keep_criterion=None)
    note = EvidenceNote.objects.create(
        inspection=inspection,
        criterion=resolved.criterion,
        polarity=data.polarity,
        text=resolved.text,
        is_key=data.is_key,
        source_kind=data.source.kind if data.source else "",
        activity=resolved.activity,
        child=resolved.child,
        document=resolved.document,
        author=author,
        created_at=now,
        updated_by=author,
        updated_at=now,
    )
    note.agencies.set(resolved.agencies)
    EvidenceNoteVersion.objects.create(
        note=note,
        version=note.version,
        saved_by=author,
        saved_at=now,
        snapshot=_snapshot(note, resolved.agencies),
        changed=[],
    )
    _fill_search_vector(note)
    return note


@transaction.atomic
def note_create(
    *, actor: User, inspection: Inspection, data: NoteInput, now: dt.datetime | None = None
) -> EvidenceNote:
    """Record a note of evidence."""
    locked = _require_write(actor, inspection)
    return note_record(author=actor, inspection=locked, data=data, now=now or timezone.now())


@transaction.atomic
def note_update(
    *,
    actor: User,
    note: EvidenceNote,
    data: NoteInput,
    version: int,
    now: dt.datetime | None = None,
) -> EvidenceNote:
    """Change a note. ``version`` is the version the person opened: if anyone has saved
    since, nothing changes and :data:`STALE_NOTE` says why. A save that changes nothing
    adds no version."""
    locked_inspection = _require_write(actor, note.inspection)
    locked = (
        EvidenceNote.objects.select_for_update(of=("self",))
        .select_related("criterion", "activity", "child", "document__item")
        .get(pk=note.pk)
    )
    if version != locked.version:
        raise EvidenceError(STALE_NOTE, STALE)
    resolved = _resolve(locked_inspection, data, keep_criterion=locked.criterion_id)
    before = _snapshot(locked, list(locked.agencies.all()))
    locked.text = resolved.text
    locked.criterion = resolved.criterion
    locked.polarity = data.polarity
    locked.is_key = data.is_key
    locked.source_kind = data.source.kind if data.source else locked.source_kind
    locked.activity, locked.child, locked.document = (
        resolved.activity,
        resolved.child,
        resolved.document,
    )
    after = _snapshot(locked, resolved.agencies)
    changed = [label for key, label in SNAPSHOT_LABELS.items() if before.get(key) != after.get(key)]
    if not changed:
        return locked
    now = now or timezone.now()
    locked.version += 1
    locked.updated_by, locked.updated_at = actor, now
    locked.save()
    locked.agencies.set(resolved.agencies)
    EvidenceNoteVersion.objects.create(
        note=locked,
        version=locked.version,
        saved_by=actor,
        saved_at=now,
        snapshot=after,
        changed=changed,
    )
    _fill_search_vector(locked)
    return locked


# --- case tracking ------------------------------------------------------------------------


@dataclass(frozen=True)
class JudgementInput:
    quality: str
    note: str


@transaction.atomic
def tracking_save(
    *,
    actor: User,
    inspection: Inspection,
    selection: SelectedChild,
    experience: str,
    judgements: Mapping[int, JudgementInput],
    version: int,
    now: dt.datetime | None = None,
) -> TrackingRecord:
    """Save the inspectors' record of a tracked child: the child's experience and a
    judgement (quality and a short note) for each agency they judged. ``version`` is
    the version the person opened, 0 for a child with no record yet."""
    locked = _require_write(actor, inspection)
    if selection.inspection_id != locked.pk or selection.purpose not in TRACKED_PURPOSES:
        raise EvidenceError("This child is not tracked in this inspection.")
    record = TrackingRecord.objects.select_for_update().filter(selection=selection).first()
    current = record.version if record is not None else 0
    if version != current:
        raise EvidenceError(STALE_TRACKING, STALE)
    experience = _clean_text(experience)
    agencies = {a.pk: a for a in Agency.objects.filter(area_id=locked.area_id)}
    rows: list[tuple[Agency, str, str]] = []
    for agency_id, judgement in judgements.items():
        agency = agencies.get(agency_id)
        if agency is None:
            raise EvidenceError("Judge agencies of the area only.")
        quality, text = judgement.quality, _clean_text(judgement.note)
        if not quality and not text:
            continue  # an agency not judged
        if quality not in PracticeQuality.values:
            raise EvidenceError(
                f"Choose how effective {agency.name}'s practice was, or leave its note empty",
                f"quality_{agency_id}",
            )
        if not text:
            raise EvidenceError(
                f"Enter a short note on {agency.name}'s practice", f"note_{agency_id}"
            )
        if len(text) > 1000:
            raise EvidenceError(
                f"The note on {agency.name}'s practice must be 1,000 characters or fewer",
                f"note_{agency_id}",
            )
        rows.append((agency, quality, text))
    if not experience and not rows:
        raise EvidenceError(
            "Enter the child's experience, or a judgement of at least one agency's practice",
            "experience",
        )
    now = now or timezone.now()
    if record is None:
        record = TrackingRecord(inspection=locked, selection=selection, version=0)
    record.experience = experience
    record.version += 1
    record.updated_by, record.updated_at = actor, now
    record.save()
    AgencyJudgement.objects.filter(record=record).delete()
    AgencyJudgement.objects.bulk_create(
        AgencyJudgement(record=record, agency=agency, quality=quality, note=text)
        for agency, quality, text in rows
    )
    return record
