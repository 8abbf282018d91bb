"""Every read of the fieldwork timetable, narrowed by the access policy.

Inspectorate staff who may see the inspection see its whole timetable. The area sees
only activities involving its own people, never the inspectors' internal ones (team
meetings, activities with nobody from the area), and only once notified; an agency
contact sees only confirmed activities involving their own agency's people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from jtai.accounts.policy import agency_item_q, inspection_q, is_local_area_user, signed_in
from jtai.accounts.roles import Role
from jtai.inspections.models import TeamMember

from .clashes import Clash, all_clashes
from .models import (
    INTERNAL_KINDS,
    Activity,
    ActivityStatus,
    Participant,
    Subgroup,
    TimetableEvent,
)
from .services import booking_of, fieldwork_days

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection


def activities_for(user: AnyUser) -> QuerySet[Activity]:
    activities = Activity.objects.filter(inspection_q(user, "inspection__"))
    member = signed_in(user)
    if member is None or not is_local_area_user(member):
        return activities
    area_people = Participant.objects.filter(
        agency_item_q(member, "agency"), activity=OuterRef("pk")
    )
    activities = activities.exclude(kind__in=sorted(INTERNAL_KINDS)).filter(Exists(area_people))
    if member.role == Role.AGENCY_CONTACT:
        activities = activities.filter(status=ActivityStatus.CONFIRMED)
    return activities


def with_people(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related("subgroup", "inspection", "inspection__area").prefetch_related(
        Prefetch(
            "inspectors",
            queryset=TeamMember.objects.select_related("user", "user__inspectorate").order_by(
                "user__full_name"
            ),
        ),
        Prefetch("participants", queryset=Participant.objects.select_related("agency", "user")),
    )


def activity_get(*, user: AnyUser, inspection: Inspection, activity_id: int) -> Activity:
    try:
        return with_people(activities_for(user).filter(inspection=inspection)).get(pk=activity_id)
    except Activity.DoesNotExist as error:
        raise Http404("No such activity.") from error


def activity_history(*, user: AnyUser, activity: Activity) -> list[TimetableEvent]:
    """What happened to an activity, oldest first: for inspectorate staff only (the
    area's answers are on the activity itself)."""
    if is_local_area_user(user) or signed_in(user) is None:
        return []
    return list(TimetableEvent.objects.filter(activity=activity).select_related("actor"))


def subgroups_of(inspection: Inspection) -> list[Subgroup]:
    return list(
        Subgroup.objects.filter(inspection=inspection).prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user", "user__inspectorate").order_by(
                    "user__full_name"
                ),
            )
        )
    )


def subgroup_get(*, inspection: Inspection, subgroup_id: int) -> Subgroup:
    try:
        return Subgroup.objects.prefetch_related("members").get(
            pk=subgroup_id, inspection=inspection
        )
    except Subgroup.DoesNotExist as error:
        raise Http404("No such subgroup.") from error


@dataclass
class Entry:
    """One row of the timetable, its text worked out once here: a week of hundreds of
    activities renders in a fraction of the time the template would take to look each
    part up."""

    activity: Activity
    clashes: list[Clash] = field(default_factory=list)
    when: str = ""
    about: str = ""
    inspectors: str = ""
    people: list[str] = field(default_factory=list)
    is_internal: bool = False

    @classmethod
    def of(cls, activity: Activity, clashes: list[Clash]) -> Entry:
        start = timezone.localtime(activity.starts_at)
        end = timezone.localtime(activity.ends_at)
        about = [activity.get_kind_display()]
        if activity.case_reference:
            about.append(f"case {activity.case_reference}")
        if activity.subgroup is not None:
            about.append(activity.subgroup.name)
        participants = activity.participants.all()
        return cls(
            activity=activity,
            clashes=clashes,
            when=f"{start:%H:%M} to {end:%H:%M}",
            about=", ".join(about),
            inspectors=", ".join(m.user.full_name for m in activity.inspectors.all()) or "None",
            people=[
                f"{p.name}{', ' + p.job_title if p.job_title else ''} ({p.agency.name})"
                for p in participants
            ],
            is_internal=activity.kind in INTERNAL_KINDS or not participants,
        )


@dataclass
class Day:
    day: dt.date
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Timetable:
    days: list[Day]
    subgroups: list[Subgroup]
    team: list[TeamMember]
    outside_week: list[Entry]
    total: int
    shown: int
    clash_count: int
    awaiting_area: int


def timetable(
    *,
    user: AnyUser,
    inspection: Inspection,
    inspector_id: int | None = None,
    subgroup_id: int | None = None,
) -> Timetable:
    """The inspection's week as ``user`` may see it, day by day, optionally only one
    inspector's or one subgroup's activities. Clashes are flagged for inspectorate staff;
    the area is not told about the inspectors' own clashes."""
    activities = list(with_people(activities_for(user).filter(inspection=inspection)))
    subgroups = subgroups_of(inspection)
    team = sorted(inspection.team_members.all(), key=lambda m: m.user.full_name)
    clashes: dict[int | None, list[Clash]] = {}
    if not is_local_area_user(user):
        clashes = all_clashes(
            [booking_of(a) for a in activities if a.status != ActivityStatus.CANNOT_GO_AHEAD]
        )
    shown = activities
    if inspector_id is not None:
        shown = [a for a in shown if any(m.pk == inspector_id for m in a.inspectors.all())]
    if subgroup_id is not None:
        members = {m.pk for s in subgroups if s.pk == subgroup_id for m in s.members.all()}
        shown = [
            a
            for a in shown
            if a.subgroup_id == subgroup_id or any(m.pk in members for m in a.inspectors.all())
        ]
    days = {day: Day(day) for day in fieldwork_days(inspection)}
    outside: list[Entry] = []
    for activity in shown:
        entry = Entry.of(activity, clashes.get(activity.pk, []))
        local_day = timezone.localtime(activity.starts_at).date()
        if local_day in days:
            days[local_day].entries.append(entry)
        else:
            outside.append(entry)  # the fieldwork week moved after it was planned
    return Timetable(
        days=list(days.values()),
        subgroups=subgroups,
        team=team,
        outside_week=outside,
        total=len(activities),
        shown=len(shown),
        clash_count=sum(1 for a in activities if clashes.get(a.pk)),
        awaiting_area=sum(
            1 for a in activities if a.status == ActivityStatus.PROPOSED and not a.is_internal
        ),
    )


def feed_activities(*, user: AnyUser) -> list[Activity]:
    """The activities a person is part of and may see, for their calendar: inspectors
    see theirs on every inspection they may see; the area's people see confirmed ones."""
    member = signed_in(user)
    if member is None:
        return []
    activities = activities_for(member).exclude(status=ActivityStatus.CANNOT_GO_AHEAD)
    if is_local_area_user(member):
        mine = Participant.objects.filter(activity=OuterRef("pk"), user=member)
        activities = activities.filter(Exists(mine), status=ActivityStatus.CONFIRMED)
    else:
        mine_inspecting = TeamMember.objects.filter(activities=OuterRef("pk"), user=member)
        activities = activities.filter(Exists(mine_inspecting))
    return list(with_people(activities).order_by("starts_at", "pk"))
