"""Who may change an information request, beyond who may see it (which the selectors
decide with the access policy). Each rule answers with the reason it refuses, in plain
English, so pages can say why an action is not offered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jtai.accounts.policy import is_inspectorate_staff, signed_in
from jtai.accounts.roles import Role
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Status
from jtai.inspections.services import may_make

from .models import ItemStatus

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection

    from .models import InformationItem

SEND_STEP = TRANSITIONS["request_information"]
# The area answers the request between notification and the start of fieldwork.
UPLOAD_OPEN_STATUSES = frozenset({Status.NOTIFIED, Status.INFORMATION_GATHERING})


def may_send(user: AnyUser, inspection: Inspection) -> bool:
    member = signed_in(user)
    return member is not None and may_make(member, inspection, SEND_STEP)


def upload_refusal(user: AnyUser, item: InformationItem) -> str | None:
    """Why ``user`` may not upload to ``item`` now, or None. Only the owning agency's
    contacts and the area's partnership coordinator upload, and only until fieldwork."""
    member = signed_in(user)
    inspection = item.inspection
    if member is None or member.area_id != inspection.area_id or inspection.notified_at is None:
        return "Only the area's partnership coordinator and the agency asked can upload here."
    if member.role == Role.AGENCY_CONTACT and member.agency_id != item.agency_id:
        return f"Only {item.agency.name} and the partnership coordinator can upload here."
    if member.role not in {Role.AGENCY_CONTACT, Role.PARTNERSHIP_COORDINATOR}:
        return "Only the area's partnership coordinator and the agency asked can upload here."
    if inspection.status not in UPLOAD_OPEN_STATUSES:
        return (
            f"The inspection is now at {inspection.get_status_display().lower()}: information "
            "can only be uploaded before fieldwork starts. Contact the lead inspector if you "
            "need to send more."
        )
    return None


def review_refusal(user: AnyUser, item: InformationItem) -> str | None:
    """Why ``user`` may not accept or return ``item`` now, or None. Inspectorate staff
    who can see the inspection review what arrived."""
    if not is_inspectorate_staff(user):
        return "Only the inspectors can accept or return information."
    if item.status != ItemStatus.SUBMITTED:
        return "Only information that has arrived and is waiting to be looked at can be reviewed."
    return None
