"""Writing the typed event rows that make up an inspection's history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .models import EventKind, Inspection, InspectionEvent

if TYPE_CHECKING:
    from jtai.accounts.models import User


def record_event(
    *,
    inspection: Inspection,
    kind: EventKind,
    actor: User | None,
    summary: str,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
    occurred_at: dt.datetime | None = None,
) -> InspectionEvent:
    return InspectionEvent.objects.create(
        inspection=inspection,
        kind=kind,
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        from_status=from_status,
        to_status=to_status,
        summary=summary,
        reason=reason,
        data=data or {},
    )
