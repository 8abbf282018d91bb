"""Who may do what to a findings letter, beyond who may see the inspection (which the
selectors decide with the access policy). Each rule answers with the reason it refuses,
in plain English, so that pages can say why an action is not offered and services can
refuse with the same words."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from jtai.accounts.policy import is_local_area_user, signed_in
from jtai.accounts.roles import Role
from jtai.core.refusals import Refusal
from jtai.inspections.models import Status, TeamMember, TeamRole
from jtai.timelines.wording import long_date

from .models import CommentStatus

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection

    from .models import AccuracyComment, Letter


class LetterError(Refusal):
    """A refused change, with a message that says why in plain English; ``field`` names
    the form field it belongs to, if any."""


# The team may change the text until the letter is final: during quality assurance an
# edit withdraws the sign-off; during the factual accuracy check it answers a comment.
DRAFTING_STATUSES = frozenset({Status.DRAFTING, Status.QUALITY_ASSURANCE, Status.FACTUAL_ACCURACY})
DRAFTING_ROLES = frozenset({TeamRole.LEAD_INSPECTOR, TeamRole.INSPECTOR})


def team_role(user: AnyUser, inspection: Inspection) -> str | None:
    """``user``'s role on the inspection's team, from the prefetched team if present."""
    member = signed_in(user)
    if member is None or not member.is_inspectorate_staff:
        return None
    cache = getattr(inspection, "_prefetched_objects_cache", {})
    if "team_members" in cache:
        return next((m.team_role for m in cache["team_members"] if m.user_id == member.pk), None)
    return (
        TeamMember.objects.filter(inspection=inspection, user=member)
        .values_list("team_role", flat=True)
        .first()
    )


def _status(inspection: Inspection) -> str:
    return inspection.get_status_display().lower()


def start_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    if team_role(user, inspection) not in DRAFTING_ROLES:
        return "Only the lead inspector and inspectors on the team can start the letter."
    if inspection.status != Status.DRAFTING:
        return (
            f"This inspection is {_status(inspection)}: the letter is started once "
            "fieldwork closes."
        )
    return None


def draft_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    """Why ``user`` may not change the letter's text, or None."""
    if team_role(user, inspection) not in DRAFTING_ROLES:
        return "Only the lead inspector and inspectors on the team can change the letter."
    if inspection.status not in DRAFTING_STATUSES:
        return f"This inspection is {_status(inspection)}: the letter can no longer be changed."
    return None


def qa_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    """Why ``user`` may not comment on, sign off or return the draft, or None."""
    if team_role(user, inspection) != TeamRole.QA_MANAGER:
        return "Only the quality assurance manager on the team can do this."
    if inspection.status != Status.QUALITY_ASSURANCE:
        return f"This inspection is {_status(inspection)}: the draft is not with quality assurance."
    return None


def submit_refusal(user: AnyUser, inspection: Inspection) -> str | None:
    if team_role(user, inspection) != TeamRole.LEAD_INSPECTOR:
        return "Only the lead inspector can send the draft for quality assurance."
    if inspection.status != Status.DRAFTING:
        return (
            f"This inspection is {_status(inspection)}: only a draft being written can be "
            "sent for quality assurance."
        )
    return None


def _area_member(user: AnyUser, inspection: Inspection) -> bool:
    member = signed_in(user)
    return (
        member is not None
        and is_local_area_user(member)
        and member.area_id == inspection.area_id
        and inspection.notified_at is not None
    )


def is_coordinator(user: AnyUser, inspection: Inspection) -> bool:
    member = signed_in(user)
    return (
        _area_member(user, inspection)
        and member is not None
        and member.role == Role.PARTNERSHIP_COORDINATOR
    )


def accuracy_open_refusal(letter: Letter, today: dt.date) -> str | None:
    """Why the area's comments cannot change now: not sent, already submitted, or late."""
    inspection = letter.inspection
    if inspection.status != Status.FACTUAL_ACCURACY or letter.sent_at is None:
        return f"This inspection is {_status(inspection)}: the draft is not open for comments."
    if letter.accuracy_submitted_at is not None:
        return (
            "The area's comments have been submitted to the inspectors: they can no longer "
            "be changed."
        )
    deadline = letter.accuracy_deadline
    if deadline is not None and today > deadline:
        return (
            f"Comments were due by {long_date(deadline)}. Ask the lead inspector for more "
            "time if you still need to comment."
        )
    return None


def propose_refusal(user: AnyUser, letter: Letter, today: dt.date) -> str | None:
    if not _area_member(user, letter.inspection):
        return "Only the area's coordinator and agency contacts can comment on the draft."
    return accuracy_open_refusal(letter, today)


def comment_change_refusal(user: AnyUser, comment: AccuracyComment, today: dt.date) -> str | None:
    """The coordinator consolidates every comment; an agency contact may change only
    their own agency's, until the coordinator submits them."""
    member = signed_in(user)
    letter = comment.letter
    if member is None or not _area_member(member, letter.inspection):
        return "Only the area's coordinator and agency contacts can change comments."
    if member.role == Role.AGENCY_CONTACT and member.agency_id != comment.agency_id:
        return "You can only change your own agency's comments."
    if comment.status != CommentStatus.PROPOSED:
        return (
            f"This comment is {comment.get_status_display().lower()}: it can no longer be changed."
        )
    return accuracy_open_refusal(letter, today)


def submit_comments_refusal(user: AnyUser, letter: Letter, today: dt.date) -> str | None:
    if not is_coordinator(user, letter.inspection):
        return "Only the partnership coordinator can submit the area's comments."
    return accuracy_open_refusal(letter, today)


def respond_refusal(user: AnyUser, comment: AccuracyComment) -> str | None:
    inspection = comment.letter.inspection
    if team_role(user, inspection) not in DRAFTING_ROLES:
        return "Only the lead inspector and inspectors on the team can answer comments."
    if inspection.status != Status.FACTUAL_ACCURACY:
        return f"This inspection is {_status(inspection)}: comments can no longer be answered."
    if comment.status != CommentStatus.SUBMITTED:
        return (
            f"This comment is {comment.get_status_display().lower()}: there is nothing to answer."
        )
    return None


def extension_refusal(user: AnyUser, letter: Letter) -> str | None:
    inspection = letter.inspection
    if team_role(user, inspection) != TeamRole.LEAD_INSPECTOR:
        return "Only the lead inspector can give the area more time."
    if inspection.status != Status.FACTUAL_ACCURACY or letter.sent_at is None:
        return (
            f"This inspection is {_status(inspection)}: there is no factual accuracy check "
            "to extend."
        )
    if letter.accuracy_submitted_at is not None:
        return "The area has already submitted its comments."
    return None
