"""Record who saw sensitive data. Call :func:`record_access` from every view that shows
or sends child-level data, an uploaded document or an embargoed report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from jtai.core.request_id import current_request_id

from .models import AccessEvent, AccessKind

if TYPE_CHECKING:
    from django.http import HttpRequest

    from jtai.accounts.models import User
    from jtai.inspections.models import Inspection


def record_access(
    request: HttpRequest,
    *,
    user: User,
    kind: AccessKind,
    description: str,
    inspection: Inspection | None = None,
    action: str = "view",
) -> AccessEvent:
    return AccessEvent.objects.create(
        occurred_at=timezone.now(),
        user=user,
        kind=kind,
        action=action,
        description=description[:300],
        inspection=inspection,
        path=request.path[:500],
        ip_address=request.META.get("REMOTE_ADDR") or None,
        request_id=current_request_id(),
    )
