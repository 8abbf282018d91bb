"""Who may change the timetable, beyond who may see it (which the selectors decide with
the access policy). Rules answer with the reason they refuse, in plain English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jtai.accounts.policy import is_programme_wide, signed_in
from jtai.accounts.roles import Role
from jtai.inspections.models import Status, TeamRole

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection

    from .models import Activity

# The timetable is drawn up once the area knows, agreed in week 2 and kept up to date
# during fieldwork; after that it is a record.
EDITABLE_STATUSES = frozenset({Status.NOTIFIED, Status.INFORMATION_GATHERING, Status.FIELDWORK})
EDITING_TEAM_ROLES = frozenset({TeamRole.LEAD_INSPECTOR, TeamRole.INSPECTOR})


def team_role_of(user: AnyUser, inspection: Inspection) -> str | None:
    """The user's role on the inspection's team (uses prefetched team members)."""
    member = signed_in(user)
    if member is None:
        return None
    for team_member in inspection.team_members.all():
        if team_member.user_id == member.pk:
            return str(team_member.team_role)
    return None


def edit_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    """Why ``user`` may not change ``inspection``'s timetable now, or None."""
    if not (is_programme_wide(user) or team_role_of(user, inspection) in EDITING_TEAM_ROLES):
        return (
            "Only the lead inspector, inspectors on the team and programme managers can "
            "change the timetable."
        )
    if inspection.status not in EDITABLE_STATUSES:
        return (
            f"This inspection is {inspection.get_status_display().lower()}: its timetable "
            "can no longer be changed."
        )
    return None


def may_edit(user: AnyUser, inspection: Inspection) -> bool:
    return edit_refusal(user, inspection) is None


def may_fill(user: AnyUser, inspection: Inspection) -> bool:
    """Filling the timetable rearranges the team's week: the lead inspector's call."""
    return may_edit(user, inspection) and (
        is_programme_wide(user) or team_role_of(user, inspection) == TeamRole.LEAD_INSPECTOR
    )


def respond_refusal(user: AnyUser, activity: Activity) -> str | None:
    """Why ``user`` may not confirm ``activity`` for the area (or say it cannot go
    ahead), or None. Only the area's partnership coordinator answers."""
    member = signed_in(user)
    inspection = activity.inspection
    if (
        member is None
        or member.role != Role.PARTNERSHIP_COORDINATOR
        or member.area_id != inspection.area_id
    ):
        return "Only the area's partnership coordinator can confirm activities."
    if inspection.status not in EDITABLE_STATUSES:
        return (
            f"This inspection is {inspection.get_status_display().lower()}: its timetable "
            "can no longer be changed."
        )
    return None
