"""Every change to an inspection: each checks the acting user against the policy,
runs in one transaction and writes an event."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from jtai.accounts.models import Inspectorate
from jtai.accounts.policy import is_programme_wide
from jtai.accounts.roles import Role
from jtai.core.refusals import Refusal
from jtai.programme.models import FrameworkVersion, InspectionType, ProgrammeYear, Theme
from jtai.programme.selectors import working_calendar
from jtai.timelines import compute_timeline, earliest_fieldwork_start
from jtai.timelines.wording import long_date

from .events import record_event
from .lifecycle import TRANSITIONS, Transition
from .models import EventKind, Inspection, Status, TeamMember, TeamRole
from .tasks import send_notification_task

if TYPE_CHECKING:
    from jtai.accounts.models import User
    from jtai.areas.models import Area


class InspectionError(Refusal):
    """A refused change, with a message that says why in plain English."""


def _require_programme_wide(actor: User, action: str) -> None:
    if not is_programme_wide(actor):
        raise InspectionError(f"Only a programme manager can {action}.")


def _planned_timeline(
    framework: FrameworkVersion, fieldwork_start: dt.date, published: dt.date | None = None
) -> tuple[dict[str, str], list[str]]:
    timeline = compute_timeline(
        framework.compiled_rules(), fieldwork_start, working_calendar(), published=published
    )
    return {name: day.isoformat() for name, day in timeline.dates.items()}, list(timeline.warnings)


@transaction.atomic
def inspection_create(
    *,
    actor: User,
    area: Area,
    theme: Theme,
    inspection_type: str,
    framework: FrameworkVersion,
    fieldwork_start: dt.date,
    programme_year: ProgrammeYear | None = None,
    now: dt.datetime | None = None,
) -> Inspection:
    _require_programme_wide(actor, "plan an inspection")
    now = now or timezone.now()
    today = timezone.localdate(now)
    if inspection_type not in InspectionType.values:
        raise InspectionError("Choose the type of inspection.", "inspection_type")
    if (inspection_type == InspectionType.FRONT_DOOR) != theme.is_front_door:
        raise InspectionError(
            "A front door inspection must use the front door theme, and only it.", "theme"
        )
    if not theme.is_active:
        raise InspectionError(f"{theme.name} is no longer offered for new inspections.", "theme")
    rules = framework.compiled_rules()
    earliest = earliest_fieldwork_start(today, rules, working_calendar())
    if fieldwork_start < earliest:
        raise InspectionError(
            f"Fieldwork cannot start before {long_date(earliest)}: the area must be "
            "notified first, and notification cannot be in the past.",
            "fieldwork_start",
        )
    planned, warnings = _planned_timeline(framework, fieldwork_start)
    inspection = Inspection(
        reference=f"JTAI-{fieldwork_start:%Y%m%d}-{area.ons_code}",
        area=area,
        inspection_type=inspection_type,
        theme=theme,
        framework=framework,
        programme_year=programme_year,
        fieldwork_start=fieldwork_start,
        planned_dates=planned,
        timeline_warnings=warnings,
    )
    try:
        with transaction.atomic():
            inspection.save()
    except IntegrityError as error:
        raise InspectionError(
            f"{area.name} already has an inspection with fieldwork starting that day.",
            "fieldwork_start",
        ) from error
    inspection.inspectorates.set(
        Inspectorate.objects.filter(code__in=framework.inspectorate_codes(inspection_type))
    )
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.CREATED,
        actor=actor,
        summary=f"Planned with fieldwork from {long_date(fieldwork_start)}",
        to_status=Status.PLANNED,
        data={"fieldwork_start": fieldwork_start.isoformat(), "warnings": warnings},
    )
    return inspection


@transaction.atomic
def inspection_reschedule(
    *,
    actor: User,
    inspection: Inspection,
    fieldwork_start: dt.date,
    reason: str,
    now: dt.datetime | None = None,
) -> Inspection:
    _require_programme_wide(actor, "reschedule an inspection")
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status != Status.PLANNED:
        raise InspectionError("Only an inspection that is still planned can be rescheduled.")
    if not reason.strip():
        raise InspectionError("Enter the reason for rescheduling.", "reason")
    now = now or timezone.now()
    earliest = earliest_fieldwork_start(
        timezone.localdate(now), inspection.framework.compiled_rules(), working_calendar()
    )
    if fieldwork_start < earliest:
        raise InspectionError(
            f"Fieldwork cannot start before {long_date(earliest)}.", "fieldwork_start"
        )
    previous = inspection.fieldwork_start
    inspection.fieldwork_start = fieldwork_start
    inspection.planned_dates, inspection.timeline_warnings = _planned_timeline(
        inspection.framework, fieldwork_start
    )
    inspection.save()
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.RESCHEDULED,
        actor=actor,
        summary=f"Fieldwork moved from {long_date(previous)} to {long_date(fieldwork_start)}",
        reason=reason.strip(),
        data={"from": previous.isoformat(), "to": fieldwork_start.isoformat()},
    )
    return inspection


def _team_role_of(actor: User, inspection: Inspection) -> str | None:
    member = TeamMember.objects.filter(inspection=inspection, user=actor).first()
    return member.team_role if member else None


def may_make(actor: User, inspection: Inspection, transition: Transition) -> bool:
    """Whether ``actor`` may make ``transition`` on ``inspection`` (ignoring dates)."""
    if not actor.is_active:
        return False
    if actor.role in transition.roles:
        if actor.role == Role.PARTNERSHIP_COORDINATOR:
            return inspection.area_id == actor.area_id and inspection.notified_at is not None
        return True
    return _team_role_of(actor, inspection) in transition.team_roles


@transaction.atomic
def inspection_transition(
    *,
    actor: User,
    inspection: Inspection,
    transition: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Inspection:
    step = TRANSITIONS.get(transition)
    if step is None:
        raise InspectionError(f"There is no step called {transition!r}.")
    # Lock the row: a double-submitted form finds the status already moved on.
    inspection = (
        Inspection.objects.select_for_update().select_related("framework").get(pk=inspection.pk)
    )
    if inspection.status not in step.sources:
        raise InspectionError(
            f"This inspection is {inspection.get_status_display().lower()}, "
            f"so you cannot {step.label[0].lower()}{step.label[1:]} now."
        )
    if not may_make(actor, inspection, step):
        raise InspectionError(f"Your role cannot {step.label[0].lower()}{step.label[1:]}.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    if step.not_before:
        earliest = inspection.planned(step.not_before)
        if earliest and today < earliest:
            raise InspectionError(
                f"This step is planned for {long_date(earliest)} and cannot happen earlier."
            )
    if step.needs_reason and not reason.strip():
        raise InspectionError("Enter a reason", "reason")
    previous = inspection.status
    inspection.status = step.target
    for name in step.records:
        inspection.actual_dates[name] = today.isoformat()
    if step.target == Status.NOTIFIED:
        inspection.notified_at = now
    if step.target == Status.PUBLISHED:
        inspection.published_at = now
        # Dates after publication count from the day it actually happened.
        inspection.planned_dates, inspection.timeline_warnings = _planned_timeline(
            inspection.framework, inspection.fieldwork_start, published=today
        )
    inspection.save()
    if step.target == Status.NOTIFIED:
        # Email only once the notification is committed: a rolled-back step tells no one.
        transaction.on_commit(partial(send_notification_task.enqueue, inspection.pk))
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.TRANSITION,
        actor=actor,
        summary=step.label,
        from_status=previous,
        to_status=step.target,
        reason=reason.strip(),
        data={"transition": step.name},
    )
    return inspection


@transaction.atomic
def team_member_add(
    *,
    actor: User,
    inspection: Inspection,
    user: User,
    team_role: str,
    subgroup: str = "",
    now: dt.datetime | None = None,
) -> TeamMember:
    _require_programme_wide(actor, "change an inspection team")
    if not user.is_inspectorate_staff or not user.is_active:
        raise InspectionError("Only active inspectorate staff can join an inspection team.", "user")
    if team_role == TeamRole.LEAD_INSPECTOR and user.role != Role.LEAD_INSPECTOR:
        raise InspectionError(f"{user} is not accredited to lead inspections.", "team_role")
    if team_role == TeamRole.QA_MANAGER and user.role != Role.QA_MANAGER:
        raise InspectionError(f"{user} is not a quality assurance manager.", "team_role")
    if TeamMember.objects.filter(inspection=inspection, user=user).exists():
        raise InspectionError(f"{user} is already on this team.", "user")
    if (
        team_role == TeamRole.LEAD_INSPECTOR
        and TeamMember.objects.filter(inspection=inspection, team_role=team_role).exists()
    ):
        raise InspectionError("This inspection already has a lead inspector.", "team_role")
    member = TeamMember.objects.create(
        inspection=inspection, user=user, team_role=team_role, subgroup=subgroup
    )
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.TEAM_CHANGED,
        actor=actor,
        summary=f"{user} joined the team as {member.get_team_role_display().lower()}",
        data={"user": user.pk, "team_role": team_role},
    )
    return member


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    _require_programme_wide(actor, "change an inspection team")
    record_event(
        inspection=member.inspection,
        kind=EventKind.TEAM_CHANGED,
        actor=actor,
        summary=f"{member.user} left the team",
        data={"user": member.user_id, "team_role": member.team_role},
    )
    member.delete()
