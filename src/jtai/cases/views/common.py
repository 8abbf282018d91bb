from __future__ import annotations

from typing import TYPE_CHECKING

from jtai.audit.models import AccessAction, AccessKind
from jtai.audit.services import record_access

if TYPE_CHECKING:
    from django.db.models import Model

    from jtai.core.http import AuthenticatedRequest
    from jtai.inspections.models import Inspection


def log_child_data(
    request: AuthenticatedRequest,
    inspection: Inspection,
    description: str,
    *,
    obj: Model | None = None,
    action: str = AccessAction.VIEW,
    detail: str = "",
) -> None:
    """Record in the access log that the user is about to see child-level data."""
    record_access(
        request,
        user=request.user,
        kind=AccessKind.CHILD_DATA,
        description=description,
        inspection=inspection,
        action=action,
        obj=obj,
        detail=detail,
    )
