"""Who may record and change evidence, beyond who may see it (which the selectors decide
with the access policy: inspectorate staff who can see the inspection; never the area).

- Inspectors on the team (the lead inspector included) and programme managers record
  evidence and case tracking from notification until fieldwork closes; the QA manager
  and administrators read.
- Once fieldwork has closed the evidence is a record: only the lead inspector may still
  correct it, while the findings are written up.

Each rule answers with the reason it refuses, in plain English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from jtai.accounts.policy import NOTHING, has_role, inspection_q, is_inspectorate_staff
from jtai.accounts.roles import Role
from jtai.core.refusals import Refusal
from jtai.inspections.models import STATUS_ORDER, Status, TeamRole

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection

OPEN_STATUSES = frozenset({Status.NOTIFIED, Status.INFORMATION_GATHERING, Status.FIELDWORK})
# After fieldwork, on the main line of the lifecycle: the lead inspector may still correct.
AFTER_FIELDWORK = frozenset(STATUS_ORDER[STATUS_ORDER.index(Status.FIELDWORK) + 1 :])
RECORDING_TEAM_ROLES = frozenset({TeamRole.LEAD_INSPECTOR, TeamRole.INSPECTOR})


class EvidenceError(Refusal):
    """A refused change; ``field`` names the form field it is about, if any."""


def evidence_q(user: AnyUser, prefix: str = "") -> Q:
    """Inspections whose evidence ``user`` may read: inspectorate staff only, and only
    those they may see at all. Local-area users never read the inspectors' evidence."""
    if not is_inspectorate_staff(user):
        return NOTHING
    return inspection_q(user, prefix)


def team_role_of(user: AnyUser, inspection: Inspection) -> str | None:
    """The user's role on the inspection's team, from its prefetched team members."""
    if not user.is_authenticated:
        return None
    for member in inspection.team_members.all():
        if member.user_id == user.pk:
            return str(member.team_role)
    return None


def write_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    """Why ``user`` may not record or change evidence on ``inspection`` now, or None."""
    team_role = team_role_of(user, inspection)
    if not (team_role in RECORDING_TEAM_ROLES or has_role(user, Role.PROGRAMME_MANAGER)):
        return (
            "Only inspectors on the team and programme managers can record evidence; the "
            "quality assurance manager can read it."
        )
    status = inspection.status
    if status in OPEN_STATUSES:
        return None
    if status in AFTER_FIELDWORK and team_role == TeamRole.LEAD_INSPECTOR:
        return None
    if status in AFTER_FIELDWORK:
        return (
            "Fieldwork has closed: the evidence is now a record, and only the lead inspector "
            "can correct it."
        )
    return (
        f"This inspection is {inspection.get_status_display().lower()}: evidence can be "
        "recorded from notification until fieldwork closes."
    )


def may_write(user: AnyUser, inspection: Inspection) -> bool:
    return write_refusal(user, inspection) is None
