"""Helpers for the evidence tests: the demo inspections, note input for the services, and
URL arguments for the access table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.evidence import services
from jtai.evidence.models import EvaluationCriterion, EvidenceNote, Polarity, TrackingRecord
from jtai.evidence.selectors import criteria_for, tracked_children
from jtai.fieldwork.models import Activity, ActivityKind
from jtai.inspections.models import Inspection, Status


def leeds() -> Inspection:
    """Leeds, before fieldwork: evidence is open to the team."""
    return Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)


def cornwall() -> Inspection:
    """Cornwall, at quality assurance: fieldwork has closed."""
    return Inspection.objects.get(area__name="Cornwall", status=Status.QUALITY_ASSURANCE)


def criterion(inspection: Inspection, key: str = "assessment") -> EvaluationCriterion:
    return next(c for c in criteria_for(inspection) if c.key == key)


def agency(inspection: Inspection, kind: str = AgencyKind.POLICE) -> Agency:
    return Agency.objects.get(area_id=inspection.area_id, kind=kind)


def activity(inspection: Inspection, *, hour: int = 10) -> Activity:
    """An activity in the inspection's fieldwork week (laid down directly: these tests
    are about evidence, not about the timetable's rules)."""
    day = inspection.fieldwork_start
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return Activity.objects.create(
        inspection=inspection,
        kind=ActivityKind.PRACTITIONERS,
        title="Focus group with social workers",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )


def note_input(
    inspection: Inspection,
    *,
    text: str = "Strategy discussions reached clear decisions about risk.",
    key: str = "assessment",
    polarity: str = Polarity.STRENGTH,
    kinds: Sequence[str] = (AgencyKind.POLICE,),
    source: services.Source | None = None,
    is_key: bool = False,
) -> services.NoteInput:
    if source is None:
        child = tracked_children(inspection).first()
        assert child is not None
        source = services.Source("child", child.pk)
    return services.NoteInput(
        text=text,
        criterion_id=criterion(inspection, key).pk,
        polarity=polarity,
        agency_ids=[agency(inspection, kind).pk for kind in kinds],
        source=source,
        is_key=is_key,
    )


def form_data(data: services.NoteInput, **changes: Any) -> dict[str, Any]:
    """The evidence form's POST data for ``data``."""
    assert data.source is not None
    post: dict[str, Any] = {
        "text": data.text,
        "criterion": str(data.criterion_id),
        "polarity": data.polarity,
        "agencies": [str(pk) for pk in data.agency_ids],
        "source": f"{data.source.kind}:{data.source.pk}",
    }
    if data.is_key:
        post["is_key"] = "on"
    post.update(changes)
    return {k: v for k, v in post.items() if v is not None}


def leeds_note() -> EvidenceNote:
    note = EvidenceNote.objects.filter(inspection=leeds()).order_by("pk").first()
    assert note is not None
    return note


def user(local: str) -> User:
    return User.objects.get(email=f"{local}@demo.jtai.example")


def url_kwargs(name: str, inspection: Inspection) -> dict[str, Any]:
    """Arguments for the access table: the Leeds inspection, one of its notes and a
    tracked child with a record."""
    kwargs: dict[str, Any] = {"reference": inspection.reference}
    if name in {"evidence:detail", "evidence:edit", "evidence:history"}:
        kwargs["note_id"] = leeds_note().pk
    if name in {"tracking:detail", "tracking:edit"}:
        record = TrackingRecord.objects.filter(inspection=inspection).order_by("pk").first()
        assert record is not None
        kwargs["selection_id"] = record.selection_id
    return kwargs
