"""Who may do what with an inspection's children's cases, on top of the access policy
(jtai.accounts.policy), which decides who may see the inspection at all.

- The area uploads its lists: the partnership coordinator and agency contacts of the
  inspected area, once notified, while information is being gathered.
- Inspectors on the team (and the lead inspector) choose the children. Programme
  managers, administrators and the QA manager can look, not choose.
- The coordinator sees every audit section and submits audits; an agency contact sees and
  completes only their own agency's sections. The coordinator may complete any section,
  for an agency with no contact on the service.
- Child-level rows: inspectorate staff on the team see every list; the coordinator sees
  every list of their area; an agency contact sees only the lists their own agency
  uploaded (they need no other agency's records to do their part).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from jtai.accounts.policy import agency_item_q, has_role, is_local_area_user, signed_in
from jtai.accounts.roles import Role
from jtai.core.refusals import Refusal
from jtai.inspections.models import Inspection, Status, TeamMember, TeamRole

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser

    from .models import Audit, AuditSection

UPLOAD_STATUSES = frozenset({Status.NOTIFIED, Status.INFORMATION_GATHERING})
# Children are chosen, and audits completed, before fieldwork; case tracking and sampling
# can still change once the inspectors are on site.
SELECTION_STATUSES = frozenset({Status.NOTIFIED, Status.INFORMATION_GATHERING, Status.FIELDWORK})
AUDIT_STATUSES = SELECTION_STATUSES
SELECTING_TEAM_ROLES = frozenset({TeamRole.LEAD_INSPECTOR, TeamRole.INSPECTOR})


class CaseError(Refusal):
    """A refused change, with a message that says why in plain English."""


def is_of_the_area(user: AnyUser, inspection: Inspection) -> bool:
    """A local-area user of the inspected area, after notification."""
    member = signed_in(user)
    return (
        member is not None
        and is_local_area_user(member)
        and member.area_id == inspection.area_id
        and inspection.notified_at is not None
    )


def is_coordinator_of(user: AnyUser, inspection: Inspection) -> bool:
    return is_of_the_area(user, inspection) and has_role(user, Role.PARTNERSHIP_COORDINATOR)


def may_upload(user: AnyUser, inspection: Inspection) -> bool:
    return is_of_the_area(user, inspection) and inspection.status in UPLOAD_STATUSES


def may_select(user: AnyUser, inspection: Inspection) -> bool:
    member = signed_in(user)
    return (
        member is not None
        and inspection.status in SELECTION_STATUSES
        and TeamMember.objects.filter(
            inspection=inspection, user=member, team_role__in=SELECTING_TEAM_ROLES
        ).exists()
    )


def may_edit_section(user: AnyUser, section: AuditSection) -> bool:
    audit = section.audit
    member = signed_in(user)
    if member is None or not is_of_the_area(member, audit.inspection):
        return False
    return member.role == Role.PARTNERSHIP_COORDINATOR or member.agency_id == section.agency_id


def may_submit(user: AnyUser, audit: Audit) -> bool:
    return is_coordinator_of(user, audit.inspection)


def case_list_q(user: AnyUser) -> Q:
    """Among an inspection's lists (the inspection already checked), those ``user`` may
    see row by row."""
    return agency_item_q(user, "agency")


def section_q(user: AnyUser) -> Q:
    """Among an audit's sections, those ``user`` may see: an agency contact, their own."""
    return agency_item_q(user, "agency")
