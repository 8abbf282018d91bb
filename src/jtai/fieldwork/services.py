"""Every write to the fieldwork timetable. Each checks the acting user, runs in one
transaction, records a timetable event and refuses with a plain-English reason."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jtai.accounts.models import User
from jtai.accounts.roles import LOCAL_AREA_ROLES, Role
from jtai.areas.models import Agency
from jtai.core.refusals import Refusal
from jtai.inspections.models import Inspection, TeamMember

from .access import edit_refusal, may_fill, respond_refusal
from .clashes import Booking, Clash, clashes_with, person_key
from .models import (
    INTERNAL_KINDS,
    Activity,
    ActivityKind,
    ActivityStatus,
    CalendarFeed,
    Participant,
    Subgroup,
    TimetableEvent,
    TimetableEventKind,
)

STALE = "stale"  # the field of a refused save made from an old version
OVERRIDE = "override"  # the field of a refused save that clashes
STALE_MESSAGE = (
    "Someone else changed this activity after you opened it. Their version is shown "
    "below; your changes are still in the form: check them and save again."
)


class TimetableError(Refusal):
    """A refused change; ``field`` names the form field it is about, if any."""


class ClashError(TimetableError):
    """The activity clashes and no reason to keep it anyway was given."""

    def __init__(self, clashes: Sequence[Clash]) -> None:
        self.clashes = list(clashes)
        super().__init__(
            "This activity clashes: " + "; ".join(str(c) for c in self.clashes) + ". Change "
            "it, or tick 'Keep it despite the clash' and say why.",
            OVERRIDE,
        )


@dataclass(frozen=True)
class ParticipantData:
    """An adult from one of the area's agencies."""

    name: str
    job_title: str
    agency_id: int
    user_id: int | None = None


@dataclass(frozen=True)
class ActivityData:
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = ""
    video_link: str = ""
    inspector_ids: frozenset[int] = frozenset()  # team member ids
    subgroup_id: int | None = None
    participants: tuple[ParticipantData, ...] = ()
    case_reference: str = ""
    notes: str = ""


# --- helpers -----------------------------------------------------------------------------


def fieldwork_days(inspection: Inspection) -> list[dt.date]:
    """The working days of the fieldwork week, Monday to Friday as planned."""
    start = inspection.planned("fieldwork_start") or inspection.fieldwork_start
    end = inspection.planned("fieldwork_end") or start + dt.timedelta(days=4)
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _event(
    inspection: Inspection,
    kind: str,
    actor: User | None,
    summary: str,
    *,
    activity: Activity | None = None,
    reason: str = "",
    now: dt.datetime,
) -> None:
    TimetableEvent.objects.create(
        inspection=inspection,
        activity=activity,
        kind=kind,
        actor=actor,
        occurred_at=now,
        summary=summary[:300],
        reason=reason,
    )


def _lock(inspection: Inspection) -> Inspection:
    """The inspection, locked, with its team: concurrent writers to one timetable queue
    here, so a clash check cannot miss an activity saved at the same moment."""
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("area")
        .prefetch_related("team_members__user")
        .get(pk=inspection.pk)
    )


def _require_editor(actor: User, inspection: Inspection) -> None:
    refusal = edit_refusal(actor, inspection)
    if refusal is not None:
        raise TimetableError(refusal)


def booking_of(activity: Activity) -> Booking:
    """The clash rule's view of a saved activity (uses prefetched people)."""
    people = {person_key(user_id=m.user_id): m.user.full_name for m in activity.inspectors.all()}
    for p in activity.participants.all():
        people[person_key(user_id=p.user_id, name=p.name, agency_id=p.agency_id)] = p.name
    return Booking(
        id=activity.pk,
        title=activity.title,
        start=timezone.localtime(activity.starts_at),
        end=timezone.localtime(activity.ends_at),
        people=people,
        place=activity.place,
    )


def _clashes(
    inspection: Inspection, data: ActivityData, exclude: int | None, team: dict[int, TeamMember]
) -> list[Clash]:
    inspector_users = [team[i].user_id for i in data.inspector_ids]
    people = {
        person_key(user_id=team[i].user_id): team[i].user.full_name for i in data.inspector_ids
    }
    for p in data.participants:
        people[person_key(user_id=p.user_id, name=p.name, agency_id=p.agency_id)] = p.name
    candidate = Booking(
        id=exclude,
        title=data.title,
        start=timezone.localtime(data.starts_at),
        end=timezone.localtime(data.ends_at),
        people=people,
        place=data.place,
    )
    # Inspectors can be booked on another inspection too; the area's people and rooms
    # belong to this one.
    overlapping = (
        Activity.objects.filter(starts_at__lt=data.ends_at, ends_at__gt=data.starts_at)
        .filter(
            Q(inspection=inspection) | Q(inspectors__user_id__in=inspector_users),
        )
        .exclude(status=ActivityStatus.CANNOT_GO_AHEAD)
        .distinct()
        .prefetch_related("inspectors__user", "participants")
    )
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    others = []
    for other in overlapping:
        booking = booking_of(other)
        if other.inspection_id != inspection.pk:
            booking = Booking(
                id=other.pk,
                title=f"{other.title} (another inspection)",
                start=booking.start,
                end=booking.end,
                people={k: v for k, v in booking.people.items() if k.startswith("user:")},
            )
        others.append(booking)
    return clashes_with(candidate, others)


def _check(inspection: Inspection, data: ActivityData) -> dict[int, TeamMember]:
    """Refuse what cannot be right whatever else is on the timetable."""
    if data.kind not in ActivityKind.values:
        raise TimetableError("Choose what kind of activity this is", "kind")
    if not data.title.strip():
        raise TimetableError("Enter a title for the activity", "title")
    if data.ends_at <= data.starts_at:
        raise TimetableError("The end time must be after the start time", "ends_at")
    start, end = timezone.localtime(data.starts_at), timezone.localtime(data.ends_at)
    if start.date() != end.date():
        raise TimetableError("An activity must start and end on the same day", "ends_at")
    days = fieldwork_days(inspection)
    if start.date() not in days:
        raise TimetableError(
            f"The activity must be in the fieldwork week, {days[0].day} {days[0]:%B} to "
            f"{days[-1].day} {days[-1]:%B %Y}"
            if days
            else "The inspection has no fieldwork week",
            "day",
        )
    if data.kind == ActivityKind.FAMILY and not data.case_reference.strip():
        raise TimetableError(
            "Enter the case reference of the family: never a child's name", "case_reference"
        )
    if not data.place.strip() and not data.video_link.strip():
        raise TimetableError("Enter a room or place, or a video link", "place")
    team = {m.pk: m for m in inspection.team_members.all()}
    if not data.inspector_ids <= team.keys():
        raise TimetableError("Choose inspectors from this inspection's team", "inspectors")
    if (
        data.subgroup_id is not None
        and not Subgroup.objects.filter(pk=data.subgroup_id, inspection=inspection).exists()
    ):
        raise TimetableError("Choose one of this inspection's subgroups", "subgroup")
    if not data.inspector_ids and data.subgroup_id is None:
        raise TimetableError("Choose at least one inspector, or a subgroup", "inspectors")
    agencies = set(
        Agency.objects.filter(
            area_id=inspection.area_id, pk__in={p.agency_id for p in data.participants}
        ).values_list("pk", flat=True)
    )
    linked = {p.user_id for p in data.participants if p.user_id is not None}
    accounts = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=linked, area_id=inspection.area_id, role__in=sorted(LOCAL_AREA_ROLES)
        )
    }
    seen = set()
    for p in data.participants:
        if not p.name.strip():
            raise TimetableError("Enter the name of each person from the area", "participants")
        if p.agency_id not in agencies:
            raise TimetableError(
                f"Choose {p.name}'s agency from the area's agencies", "participants"
            )
        if p.user_id is not None:
            account = accounts.get(p.user_id)
            if account is None:
                raise TimetableError(
                    f"{p.name}'s account must be one of the area's", "participants"
                )
            if account.role == Role.AGENCY_CONTACT and account.agency_id != p.agency_id:
                raise TimetableError(
                    f"{p.name}'s account belongs to another agency", "participants"
                )
        key = person_key(user_id=p.user_id, name=p.name, agency_id=p.agency_id)
        if key in seen:
            raise TimetableError(f"{p.name} is listed twice", "participants")
        seen.add(key)
    return team


def _with_subgroup(inspection: Inspection, data: ActivityData) -> ActivityData:
    """A subgroup's activity involves its members, unless inspectors were chosen."""
    if data.inspector_ids or data.subgroup_id is None:
        return data
    members = frozenset(
        Subgroup.members.through.objects.filter(subgroup_id=data.subgroup_id).values_list(
            "teammember_id", flat=True
        )
    )
    return ActivityData(**{**data.__dict__, "inspector_ids": members})


def _write(activity: Activity, data: ActivityData, *, new: bool) -> Activity:
    activity.kind = data.kind
    activity.title = data.title.strip()
    activity.case_reference = data.case_reference.strip()
    activity.starts_at, activity.ends_at = data.starts_at, data.ends_at
    activity.place = data.place.strip()
    activity.video_link = data.video_link.strip()
    activity.subgroup_id = data.subgroup_id
    activity.notes = data.notes.strip()
    activity.save()
    activity.inspectors.set(sorted(data.inspector_ids))
    if not new:
        activity.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(
            activity=activity,
            name=p.name.strip(),
            job_title=p.job_title.strip(),
            agency_id=p.agency_id,
            user_id=p.user_id,
        )
        for p in data.participants
    )
    return activity


def _resolve_clashes(
    inspection: Inspection,
    data: ActivityData,
    team: dict[int, TeamMember],
    override_reason: str,
    exclude: int | None = None,
) -> tuple[list[Clash], str]:
    clashes = _clashes(inspection, data, exclude, team)
    if not clashes:
        return [], ""
    if not override_reason.strip():
        raise ClashError(clashes)
    return clashes, override_reason.strip()


# --- activities --------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    actor: User,
    inspection: Inspection,
    data: ActivityData,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> Activity:
    """Add an activity, refused if it clashes unless ``override_reason`` says why it
    must stay (it is then saved, and still flagged). Internal activities need no
    confirmation from the area; the rest are proposed to it."""
    now = now or timezone.now()
    inspection = _lock(inspection)
    _require_editor(actor, inspection)
    data = _with_subgroup(inspection, data)
    team = _check(inspection, data)
    _, reason = _resolve_clashes(inspection, data, team, override_reason)
    activity = Activity(inspection=inspection, created_by=actor, clash_override_reason=reason)
    _write(activity, data, new=True)
    _event(
        inspection,
        TimetableEventKind.ADDED,
        actor,
        f"Added {activity.title}",
        activity=activity,
        reason=reason,
        now=now,
    )
    return activity


# What, when changed, needs the area to confirm again.
_AREA_FIELDS = ("starts_at", "ends_at", "place", "video_link")


@transaction.atomic
def activity_update(
    *,
    actor: User,
    activity: Activity,
    data: ActivityData,
    version: int,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> Activity:
    """Change an activity. ``version`` is the version the person opened: if someone saved
    since, nothing changes. A change of time, place or people the area confirmed goes
    back to the area as proposed."""
    now = now or timezone.now()
    inspection = _lock(activity.inspection)
    _require_editor(actor, inspection)
    try:
        current = Activity.objects.select_for_update().get(pk=activity.pk, inspection=inspection)
    except Activity.DoesNotExist as error:
        raise TimetableError("This activity has been removed from the timetable.") from error
    if current.version != version:
        raise TimetableError(STALE_MESSAGE, STALE)
    data = _with_subgroup(inspection, data)
    team = _check(inspection, data)
    _, reason = _resolve_clashes(inspection, data, team, override_reason, exclude=current.pk)
    before = (
        tuple(getattr(current, f) for f in _AREA_FIELDS),
        sorted((p.name, p.agency_id, p.user_id) for p in current.participants.all()),
    )
    after = (
        (data.starts_at, data.ends_at, data.place.strip(), data.video_link.strip()),
        sorted((p.name.strip(), p.agency_id, p.user_id) for p in data.participants),
    )
    if before != after and current.status != ActivityStatus.PROPOSED:
        current.status = ActivityStatus.PROPOSED
        current.area_response = ""
        current.responded_by, current.responded_at = None, None
    current.clash_override_reason = reason
    current.version += 1
    _write(current, data, new=False)
    _event(
        inspection,
        TimetableEventKind.CHANGED,
        actor,
        f"Changed {current.title}",
        activity=current,
        reason=reason,
        now=now,
    )
    return current


@transaction.atomic
def activity_remove(
    *, actor: User, activity: Activity, version: int, now: dt.datetime | None = None
) -> None:
    now = now or timezone.now()
    inspection = _lock(activity.inspection)
    _require_editor(actor, inspection)
    current = Activity.objects.select_for_update().filter(pk=activity.pk).first()
    if current is None:
        return  # already removed: a double-submitted form
    if current.version != version:
        raise TimetableError(STALE_MESSAGE, STALE)
    _event(inspection, TimetableEventKind.REMOVED, actor, f"Removed {current.title}", now=now)
    current.delete()


@transaction.atomic
def activity_respond(
    *,
    actor: User,
    activity: Activity,
    confirm: bool,
    reason: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Activity:
    """The area's partnership coordinator confirms an activity, or says it cannot go
    ahead and why."""
    now = now or timezone.now()
    current = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspection__area")
        .get(pk=activity.pk)
    )
    refusal = respond_refusal(actor, current)
    if refusal is not None:
        raise TimetableError(refusal)
    if current.kind in INTERNAL_KINDS or not current.participants.exists():
        raise TimetableError("This activity involves nobody from the area.")
    if version is not None and version != current.version:
        raise TimetableError(
            "The inspectors changed this activity after you opened it: check it again "
            "before answering.",
            STALE,
        )
    if not confirm and not reason.strip():
        raise TimetableError("Say why the activity cannot go ahead", "reason")
    current.status = ActivityStatus.CONFIRMED if confirm else ActivityStatus.CANNOT_GO_AHEAD
    current.area_response = "" if confirm else reason.strip()
    current.responded_by, current.responded_at = actor, now
    current.save(
        update_fields=["status", "area_response", "responded_by", "responded_at", "updated_at"]
    )
    _event(
        current.inspection,
        TimetableEventKind.CONFIRMED if confirm else TimetableEventKind.CANNOT_GO_AHEAD,
        actor,
        f"{'Confirmed' if confirm else 'Cannot go ahead'}: {current.title}",
        activity=current,
        reason=current.area_response,
        now=now,
    )
    return current


# --- the daily team meetings -------------------------------------------------------------


@transaction.atomic
def team_meetings_add(
    *,
    actor: User,
    inspection: Inspection,
    starts: dt.time,
    ends: dt.time,
    place: str,
    now: dt.datetime | None = None,
) -> list[Activity]:
    """A team meeting each morning of the fieldwork week, with the whole team, on the
    days that have none yet (so doing it twice adds nothing)."""
    now = now or timezone.now()
    inspection = _lock(inspection)
    _require_editor(actor, inspection)
    if ends <= starts:
        raise TimetableError("The end time must be after the start time", "ends")
    if not place.strip():
        raise TimetableError("Enter where the team meets", "place")
    team = frozenset(m.pk for m in inspection.team_members.all())
    existing = {
        timezone.localtime(a.starts_at).date()
        for a in Activity.objects.filter(inspection=inspection, kind=ActivityKind.TEAM_MEETING)
    }
    created = []
    for day in fieldwork_days(inspection):
        if day in existing:
            continue
        data = ActivityData(
            kind=ActivityKind.TEAM_MEETING,
            title="Daily team meeting",
            starts_at=timezone.make_aware(dt.datetime.combine(day, starts)),
            ends_at=timezone.make_aware(dt.datetime.combine(day, ends)),
            place=place,
            inspector_ids=team,
        )
        activity = Activity(inspection=inspection, created_by=actor)
        created.append(_write(activity, data, new=True))
    if created:
        _event(
            inspection,
            TimetableEventKind.ADDED,
            actor,
            f"Added {len(created)} daily team meeting{'s' if len(created) != 1 else ''}",
            now=now,
        )
    return created


# --- subgroups ---------------------------------------------------------------------------


@transaction.atomic
def subgroup_save(
    *,
    actor: User,
    inspection: Inspection,
    name: str,
    member_ids: frozenset[int],
    subgroup: Subgroup | None = None,
    now: dt.datetime | None = None,
) -> Subgroup:
    """Create a subgroup, or rename it and change its members."""
    now = now or timezone.now()
    inspection = _lock(inspection)
    _require_editor(actor, inspection)
    name = " ".join(name.split())
    if not name:
        raise TimetableError("Enter a name for the subgroup", "name")
    clash = Subgroup.objects.filter(inspection=inspection, name__iexact=name)
    if subgroup is not None:
        clash = clash.exclude(pk=subgroup.pk)
    if clash.exists():
        raise TimetableError(f"There is already a subgroup called {name}", "name")
    team = {m.pk for m in inspection.team_members.all()}
    if not member_ids <= team:
        raise TimetableError("Choose members from this inspection's team", "members")
    if subgroup is None:
        subgroup = Subgroup.objects.create(inspection=inspection, name=name)
    else:
        subgroup = Subgroup.objects.select_for_update().get(pk=subgroup.pk, inspection=inspection)
        subgroup.name = name
        subgroup.save(update_fields=["name"])
    subgroup.members.set(sorted(member_ids))
    _event(
        inspection, TimetableEventKind.SUBGROUPS_CHANGED, actor, f"Subgroup {name} saved", now=now
    )
    return subgroup


@transaction.atomic
def subgroup_remove(*, actor: User, subgroup: Subgroup, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    inspection = _lock(subgroup.inspection)
    _require_editor(actor, inspection)
    _event(
        inspection,
        TimetableEventKind.SUBGROUPS_CHANGED,
        actor,
        f"Subgroup {subgroup.name} removed",
        now=now,
    )
    Subgroup.objects.filter(pk=subgroup.pk).delete()


# --- calendar feeds ----------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits: not guessable, fits the column


def calendar_feed_get(*, user: User, now: dt.datetime | None = None) -> CalendarFeed:
    """The user's calendar feed, created on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": _new_token(), "created_at": now or timezone.now()}
    )
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: User, now: dt.datetime | None = None) -> CalendarFeed:
    """A new secret address: the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return calendar_feed_get(user=user, now=now)
    feed.token = _new_token()
    feed.created_at = now or timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


# --- filling the timetable ---------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRequest:
    """An activity to be placed by :func:`timetable_fill`."""

    kind: str
    title: str
    duration: dt.timedelta
    place: str
    inspector_ids: frozenset[int] = frozenset()
    subgroup_id: int | None = None
    participants: tuple[ParticipantData, ...] = ()
    preferred_day: dt.date | None = None
    case_reference: str = ""


@dataclass
class FillResult:
    placed: list[Activity] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # title, reason


DAY_START = dt.time(9, 0)
DAY_END = dt.time(17, 30)


@transaction.atomic
def timetable_fill(
    *,
    actor: User,
    inspection: Inspection,
    requests: Sequence[ActivityRequest],
    day_start: dt.time = DAY_START,
    day_end: dt.time = DAY_END,
    time_limit_s: float = 5.0,
    now: dt.datetime | None = None,
) -> FillResult:
    """Place the requested activities in the week's free working hours (CP-SAT), around
    everything already on the timetable and each other; each placed one is saved as a
    proposed activity, and the rest come back with the reason they could not be placed."""
    from jtai.planning.timetable import Busy, Request, TimetableProblem, fill_timetable

    now = now or timezone.now()
    inspection = _lock(inspection)
    if not may_fill(actor, inspection):
        raise TimetableError(
            edit_refusal(actor, inspection)
            or "Only the lead inspector or a programme manager can fill the timetable."
        )
    days = fieldwork_days(inspection)
    team = {m.pk: m for m in inspection.team_members.all()}
    names = {person_key(user_id=m.user_id): m.user.full_name for m in team.values()}
    busy: list[Busy] = []
    fixed = (
        Activity.objects.filter(inspection=inspection)
        .exclude(status=ActivityStatus.CANNOT_GO_AHEAD)
        .prefetch_related("inspectors__user", "participants")
    )
    for activity in fixed:
        booking = booking_of(activity)
        start, end = booking.start.replace(tzinfo=None), booking.end.replace(tzinfo=None)
        busy.extend(Busy(key, start, end) for key in booking.people)
        if activity.place:
            busy.append(Busy(f"room:{activity.place.casefold()}", start, end))
    solver_requests = []
    complete: list[ActivityRequest] = []
    for n, request in enumerate(requests):
        data = _with_subgroup(
            inspection,
            ActivityData(
                kind=request.kind,
                title=request.title,
                starts_at=timezone.make_aware(dt.datetime.combine(days[0], day_start)),
                ends_at=timezone.make_aware(dt.datetime.combine(days[0], day_start))
                + request.duration,
                place=request.place,
                inspector_ids=request.inspector_ids,
                subgroup_id=request.subgroup_id,
                participants=request.participants,
                case_reference=request.case_reference,
            ),
        )
        resources = {person_key(user_id=team[i].user_id) for i in data.inspector_ids if i in team}
        for p in data.participants:
            key = person_key(user_id=p.user_id, name=p.name, agency_id=p.agency_id)
            resources.add(key)
            names[key] = p.name
        if request.place:
            resources.add(f"room:{request.place.casefold()}")
            names[f"room:{request.place.casefold()}"] = f"the room {request.place}"
        solver_requests.append(
            Request(
                key=str(n),
                title=request.title,
                duration=request.duration,
                resources=frozenset(resources),
                preferred_day=request.preferred_day,
            )
        )
        complete.append(
            ActivityRequest(**{**request.__dict__, "inspector_ids": data.inspector_ids})
        )
    result = fill_timetable(
        TimetableProblem(
            days=days,
            day_start=day_start,
            day_end=day_end,
            requests=solver_requests,
            busy=busy,
            names=names,
        ),
        time_limit_s=time_limit_s,
    )
    outcome = FillResult(unplaced=[(u.title, u.reason) for u in result.unplaced])
    for placement in result.placements:
        request = complete[int(placement.key)]
        data = ActivityData(
            kind=request.kind,
            title=request.title,
            starts_at=timezone.make_aware(placement.start),
            ends_at=timezone.make_aware(placement.end),
            place=request.place,
            inspector_ids=request.inspector_ids,
            subgroup_id=request.subgroup_id,
            participants=request.participants,
            case_reference=request.case_reference,
        )
        try:
            _check(inspection, data)
        except TimetableError as error:
            outcome.unplaced.append((request.title, error.message))
            continue
        activity = Activity(inspection=inspection, created_by=actor)
        outcome.placed.append(_write(activity, data, new=True))
    if outcome.placed:
        _event(
            inspection,
            TimetableEventKind.FILLED,
            actor,
            f"Placed {len(outcome.placed)} requested "
            f"activit{'ies' if len(outcome.placed) != 1 else 'y'}",
            now=now,
        )
    return outcome
