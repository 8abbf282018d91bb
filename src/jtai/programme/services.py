"""Every write to programme planning: planning and re-planning a year, pins, changed
inputs, publishing a plan and accepting it. Each checks that the acting user plans the
programme and refuses with a plain-English reason."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jtai import planning
from jtai.accounts.models import User
from jtai.accounts.policy import is_programme_wide
from jtai.areas.models import Area
from jtai.core.refusals import MultiRefusal
from jtai.inspections.models import Inspection
from jtai.inspections.services import InspectionError, inspection_create, team_member_add

from .models import (
    BlackoutPeriod,
    FrameworkVersion,
    InspectorProfile,
    PlanPin,
    PlanStatus,
    ProgrammePlan,
    ProgrammeYear,
    Theme,
    Unavailability,
)
from .planning_inputs import problem_for, user_pk_of
from .plans import slot_streams, week_label
from .teams import team_role_for

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_TIME_LIMIT_S = 20


class PlanningError(MultiRefusal):
    """A refused change; ``messages`` say why."""


def _require_planner(actor: User, action: str) -> None:
    if not is_programme_wide(actor):
        raise PlanningError(f"Only a programme manager can {action}.")


def _refuse_if_accepted(programme_year: ProgrammeYear) -> None:
    if ProgrammePlan.objects.filter(
        programme_year=programme_year, status=PlanStatus.ACCEPTED
    ).exists():
        raise PlanningError(
            f"The plan for {programme_year} has been accepted: its inspections are now"
            " managed from Inspections."
        )


def time_limit() -> float:
    return float(getattr(settings, "JTAI_PLAN_TIME_LIMIT_S", DEFAULT_TIME_LIMIT_S))


# --- planning -----------------------------------------------------------------------------


def plan_solve(
    *,
    actor: User,
    programme_year: ProgrammeYear,
    previous: ProgrammePlan | None = None,
    time_limit_s: float | None = None,
    now: dt.datetime | None = None,
) -> ProgrammePlan:
    """Plan the year from its inputs, or re-plan it changing ``previous`` as little as the
    inputs allow. An infeasible year is an answer (a stored plan with the reasons); inputs
    that cannot make a problem at all raise PlanningError with the package's messages.

    Not one transaction: seconds of solving must not hold the database (SQLite would
    block every other writer), so only storing the answer is atomic."""
    _require_planner(actor, "plan the programme")
    _refuse_if_accepted(programme_year)
    if previous is not None:
        if previous.programme_year_id != programme_year.pk:
            raise PlanningError("Re-plan from a plan of the same programme year.")
        if not previous.result.get("plan"):
            raise PlanningError("That plan has no inspections to keep: plan the year afresh.")
    now = now or timezone.now()
    try:
        problem = problem_for(programme_year, today=timezone.localdate(now), previous=previous)
    except planning.ProblemError as error:
        raise PlanningError(*error.messages) from error
    result = planning.solve(problem, time_limit_s=time_limit_s or time_limit())
    violations = planning.check(problem, result.plan) if result.plan is not None else []
    baseline = planning.greedy_plan(problem)
    return _plan_store(
        actor=actor,
        programme_year=programme_year,
        previous=previous,
        problem=problem,
        result=result,
        violations=violations,
        greedy_objective=baseline.objective.total if baseline.objective else None,
        now=now,
    )


@transaction.atomic
def _plan_store(
    *,
    actor: User,
    programme_year: ProgrammeYear,
    previous: ProgrammePlan | None,
    problem: planning.Problem,
    result: planning.PlanResult,
    violations: Sequence[planning.Violation],
    greedy_objective: int | None,
    now: dt.datetime,
) -> ProgrammePlan:
    return ProgrammePlan.objects.create(
        programme_year=programme_year,
        previous=previous,
        created_by=actor,
        created_at=now,
        solver_status=result.status,
        objective=result.objective,
        greedy_objective=greedy_objective,
        problem=json.loads(planning.problem_to_json(problem)),
        result=result.model_dump(mode="json"),
        violations=[v.model_dump(mode="json") for v in violations],
    )


@transaction.atomic
def plan_publish(*, actor: User, plan: ProgrammePlan, now: dt.datetime | None = None) -> None:
    """Make ``plan`` the year's plan; the one published before is superseded."""
    _require_planner(actor, "publish a plan")
    plan = ProgrammePlan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_accepted(plan.programme_year)
    if plan.status != PlanStatus.DRAFT:
        raise PlanningError(f"This plan is {plan.get_status_display().lower()}, not a draft.")
    if not plan.result.get("plan"):
        raise PlanningError("There is nothing to publish: the planner found no plan.")
    if plan.violations:
        raise PlanningError("This plan breaks a rule the checker found, so it cannot be used.")
    ProgrammePlan.objects.filter(
        programme_year=plan.programme_year, status=PlanStatus.PUBLISHED
    ).update(status=PlanStatus.SUPERSEDED)
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = now or timezone.now()
    plan.save(update_fields=["status", "published_at"])


@transaction.atomic
def plan_accept(
    *, actor: User, plan: ProgrammePlan, now: dt.datetime | None = None
) -> list[Inspection]:
    """Create the published plan's inspections and staff them, all or nothing: if any
    inspection or place on a team is refused, nothing is created and the reason says
    which."""
    _require_planner(actor, "accept a plan")
    plan = (
        ProgrammePlan.objects.select_for_update().select_related("programme_year").get(pk=plan.pk)
    )
    if plan.status == PlanStatus.ACCEPTED:
        raise PlanningError("This plan has already been accepted.")
    if plan.status != PlanStatus.PUBLISHED:
        raise PlanningError("Publish the plan before accepting it.")
    now = now or timezone.now()
    planned = planning.Plan.model_validate(plan.result["plan"]).inspections
    streams = slot_streams(plan.problem)
    themes = Theme.objects.in_bulk(field_name="key")
    areas = Area.objects.in_bulk([p.area for p in planned], field_name="ons_code")
    frameworks = FrameworkVersion.objects.in_bulk(field_name="key")
    pks = {user_pk_of(a.inspector) for p in planned for a in p.team}
    people = User.objects.in_bulk([pk for pk in pks if pk is not None])
    created = []
    for inspection in sorted(planned, key=lambda p: (p.week, p.slot)):
        stream = streams[inspection.slot]
        area = areas.get(inspection.area)
        place = area.name if area else inspection.area
        where = f"{inspection.slot} ({place}, {week_label(inspection.week)})"
        try:
            if area is None or stream.theme not in themes or stream.framework not in frameworks:
                raise InspectionError("its area, theme or framework no longer exists.")
            record = inspection_create(
                actor=actor,
                area=area,
                theme=themes[stream.theme],
                inspection_type=stream.inspection_type,
                framework=frameworks[stream.framework],
                fieldwork_start=inspection.week,
                programme_year=plan.programme_year,
                now=now,
            )
            for assignment in sorted(inspection.team, key=lambda a: a.role != "lead"):
                person = people.get(user_pk_of(assignment.inspector) or 0)
                if person is None:
                    raise InspectionError(f"inspector {assignment.inspector} no longer exists.")
                team_member_add(
                    actor=actor,
                    inspection=record,
                    user=person,
                    team_role=team_role_for(stream.roles.get(assignment.role, {})),
                    now=now,
                )
        except InspectionError as error:
            raise PlanningError(
                f"{where}: {error.message} Nothing was created: change the plan or the"
                " inspections in the way, then accept again."
            ) from error
        created.append(record)
    plan.status = PlanStatus.ACCEPTED
    plan.accepted_at = now
    plan.accepted_by = actor
    plan.created_references = {
        p.slot: r.reference
        for p, r in zip(sorted(planned, key=lambda p: (p.week, p.slot)), created, strict=True)
    }
    plan.save(update_fields=["status", "accepted_at", "accepted_by", "created_references"])
    return created


# --- pins and changed inputs --------------------------------------------------------------


@transaction.atomic
def pin_add(
    *,
    actor: User,
    programme_year: ProgrammeYear,
    slot: str,
    area: Area | None = None,
    week: dt.date | None = None,
    inspector: InspectorProfile | None = None,
    role: str = "",
    now: dt.datetime | None = None,
) -> PlanPin:
    """Fix a slot's area, week or an inspector on it for the next plan. A new pin of the
    same kind on the same slot replaces the old one."""
    _require_planner(actor, "pin part of a plan")
    _refuse_if_accepted(programme_year)
    if not slot.strip():
        raise PlanningError("Choose the inspection to pin.", field="slot")
    if area is None and week is None and inspector is None:
        raise PlanningError("Choose an area, a week or an inspector to pin.")
    if week is not None and week.weekday() != 0:
        raise PlanningError("Pin a week by its Monday.", field="week")
    if role and inspector is None:
        raise PlanningError("Choose the inspector to pin in that role.", field="inspector")
    pins = PlanPin.objects.filter(programme_year=programme_year, slot=slot)
    if area is not None:
        pins.filter(area__isnull=False).delete()
    if week is not None:
        pins.filter(week__isnull=False).delete()
    if inspector is not None:
        pins.filter(inspector=inspector).delete()
    return PlanPin.objects.create(
        programme_year=programme_year,
        slot=slot,
        area=area,
        week=week,
        inspector=inspector,
        role=role,
        created_by=actor,
        created_at=now or timezone.now(),
    )


def pin_from_plan(
    *, actor: User, plan: ProgrammePlan, slot: str, what: str, inspector: str = ""
) -> PlanPin:
    """Pin what ``plan`` gives a slot: its area, its week, or one person in their role."""
    planned = planning.Plan.model_validate(plan.result.get("plan") or {"inspections": []})
    inspection = planned.by_slot().get(slot)
    if inspection is None:
        raise PlanningError(f"This plan has no inspection {slot}.")
    if what == "area":
        area = Area.objects.filter(ons_code=inspection.area).first()
        return pin_add(actor=actor, programme_year=plan.programme_year, slot=slot, area=area)
    if what == "week":
        return pin_add(
            actor=actor, programme_year=plan.programme_year, slot=slot, week=inspection.week
        )
    assignment = next((a for a in inspection.team if a.inspector == inspector), None)
    profile = InspectorProfile.objects.filter(user_id=user_pk_of(inspector) or 0).first()
    if what != "inspector" or assignment is None or profile is None:
        raise PlanningError("Choose an area, a week or someone on the team to pin.")
    return pin_add(
        actor=actor,
        programme_year=plan.programme_year,
        slot=slot,
        inspector=profile,
        role=assignment.role,
    )


@transaction.atomic
def pin_remove(*, actor: User, pin: PlanPin) -> None:
    _require_planner(actor, "remove a pin")
    pin.delete()


@transaction.atomic
def unavailability_add(
    *,
    actor: User,
    profile: InspectorProfile,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    note: str = "",
) -> Unavailability:
    """Record leave or another commitment: an input the next re-plan takes into account."""
    _require_planner(actor, "record an inspector's leave")
    if ends_on < starts_on:
        raise PlanningError("The last day must be on or after the first day.", field="ends_on")
    return Unavailability.objects.create(
        profile=profile, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note.strip()
    )


@transaction.atomic
def blackouts_set_default(*, actor: User, programme_year: ProgrammeYear) -> list[BlackoutPeriod]:
    """Store the default blackouts (August, Christmas and New Year) that touch the year, so
    an administrator can change them."""
    _require_planner(actor, "change the blackout periods")
    years = range(programme_year.starts_on.year, programme_year.ends_on.year + 1)
    defaults: list[Any] = [b for y in years for b in planning.default_blackouts(y)]
    return [
        BlackoutPeriod.objects.get_or_create(
            programme_year=programme_year,
            starts_on=b.start,
            ends_on=b.end,
            defaults={"reason": b.reason},
        )[0]
        for b in defaults
        if b.start <= programme_year.ends_on and b.end >= programme_year.starts_on
    ]
