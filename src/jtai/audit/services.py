"""Record who saw sensitive data. Call :func:`record_access` from every view that shows
or sends child-level data, an uploaded document or an embargoed report, once the user
has been found allowed to see it (a refused or missing object is not logged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from jtai.core.addresses import client_address
from jtai.core.request_id import current_request_id

from .models import AccessEvent, AccessKind

if TYPE_CHECKING:
    from django.db.models import Model
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
    obj: Model | None = None,
    detail: str = "",
) -> AccessEvent:
    """Log one view or download. ``obj``, when given, names the record that was seen
    (kept as a label and id, so the log outlives the record); ``detail`` lists what a
    page of several records showed."""
    return AccessEvent.objects.create(
        occurred_at=timezone.now(),
        user=user,
        kind=kind,
        action=action,
        description=description[:300],
        inspection=inspection,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        detail=detail,
        path=request.path[:500],
        ip_address=client_address(request),
        request_id=current_request_id(),
    )
