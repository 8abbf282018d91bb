"""Demonstration data: the fieldwork timetables of Leeds (fieldwork next week, being
agreed with the area: some activities confirmed, some proposed, one kept despite a clash)
and Cornwall (fieldwork past, every activity confirmed). Leeds goes through the same
services as users; Cornwall's week is over, so its record is laid down directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency
from jtai.inspections.models import Inspection, Status, TeamMember

from . import services
from .models import Activity, ActivityKind, ActivityStatus, Participant, Subgroup
from .services import ActivityData, ParticipantData

if TYPE_CHECKING:
    from collections.abc import Sequence

BASE_ROOM = "Inspectors' base room, Merrion House"


@dataclass(frozen=True)
class Planned:
    day: int  # 0 is the fieldwork Monday
    start: str
    end: str
    kind: str
    title: str
    who: tuple[str, ...]  # demo accounts of the inspectors
    place: str = ""
    case: str = ""
    video: str = ""
    group: str = ""
    # (name, job title, agency kind, the local part of their demo account's e-mail)
    people: tuple[tuple[str, str, str, str], ...] = ()
    confirmed: bool = False
    kept: str = ""  # why it stays despite a clash


_DCS = ("Sarah Whitaker", "Director of children's services", "local_authority", "leeds.coordinator")
_POLICE = ("James Booth", "Detective superintendent, safeguarding", "police", "leeds.police")
_NURSE = ("Fatima Begum", "Designated nurse for safeguarding", "health", "leeds.health")
_MASH_POLICE = ("Detective sergeant Mark Reid", "MASH police lead", "police", "")
_SOCIAL_WORKER = ("Paul Ndlovu", "Social worker", "local_authority", "")
_EVERYONE = ("lead", "inspector", "cqc", "police", "probation")

LEEDS: tuple[Planned, ...] = (
    Planned(
        0, "09:30", "10:30", ActivityKind.LEADERS,
        "Introductory meeting with the partnership's leaders", _EVERYONE,
        place="Civic Hall, committee room 2", people=(_DCS, _POLICE, _NURSE), confirmed=True,
    ),
    Planned(
        0, "11:00", "12:30", ActivityKind.FRONT_DOOR, "Visit to the front door and MASH",
        ("lead", "cqc", "police"), place="Leeds MASH, Stratford Court", group="A",
        people=(("Karen Holt", "MASH team manager", "local_authority", ""), _MASH_POLICE),
        confirmed=True,
    ),
    Planned(
        0, "14:00", "15:30", ActivityKind.CASE_TRACKING, "Case discussion",
        ("inspector", "probation"), place="Merrion House, meeting room 4", case="LDS-DA-0192",
        group="B", people=(_SOCIAL_WORKER, ("DC Lucy Firth", "Officer in the case", "police", "")),
        confirmed=True,
    ),
    Planned(
        1, "10:00", "11:00", ActivityKind.STRATEGY_MEETING, "Observation of a strategy meeting",
        ("inspector", "police"), place="Merrion House, meeting room 2", case="LDS-DA-0233",
        group="B",
        people=(_MASH_POLICE, ("Rachel Osei", "Duty team manager", "local_authority", "")),
    ),
    Planned(
        1, "13:00", "14:00", ActivityKind.PRACTITIONERS,
        "Interview with health visitors and school nurses", ("cqc",),
        place="St James's Hospital, seminar room 1", group="A",
        people=(
            ("Joanne Pickering", "Health visitor", "health", ""),
            ("Imran Hussain", "School nurse", "health", ""),
        ),
    ),
    Planned(
        2, "10:00", "11:30", ActivityKind.CP_CONFERENCE,
        "Observation of an initial child protection conference", ("lead", "cqc"),
        place="Merrion House, conference suite", case="LDS-DA-0301", group="A",
        people=(("Helen Marsh", "Child protection chair", "local_authority", ""),),
    ),
    Planned(
        2, "14:00", "15:00", ActivityKind.FAMILY, "Conversation with a family", ("inspector",),
        video="https://meet.example.gov.uk/jtai-leeds-family", case="LDS-DA-0417", group="B",
        people=(_SOCIAL_WORKER,),
    ),
    Planned(
        3, "10:00", "11:30", ActivityKind.PANEL, "Observation of the MARAC", ("police", "cqc"),
        place="Elland Road police station, briefing room", group="A",
        people=(_POLICE, _NURSE), confirmed=True,
    ),
    Planned(
        3, "11:00", "12:00", ActivityKind.MANAGERS, "Interview with the designated nurse",
        ("cqc",), place="St James's Hospital, seminar room 1", people=(_NURSE,),
        kept="Grace and Fatima leave the MARAC at 11:00; its health discussion comes first.",
    ),
    Planned(
        3, "14:00", "15:30", ActivityKind.MANAGERS,
        "Interview with probation and youth justice managers", ("probation", "inspector"),
        place="Merrion House, meeting room 4", group="B",
        people=(
            ("Claire Whitfield", "Head of probation delivery unit", "probation", ""),
            ("Nathan Brooke", "Youth justice service manager", "youth_justice", ""),
        ),
    ),
    Planned(
        4, "09:30", "11:00", ActivityKind.OTHER, "Inspectors' evidence review",
        (*_EVERYONE, "qa"), place=BASE_ROOM,
    ),
    Planned(
        4, "14:00", "15:00", ActivityKind.LEADERS, "Feedback to the partnership", _EVERYONE,
        place="Civic Hall, committee room 2", people=(_DCS, _POLICE, _NURSE), confirmed=True,
    ),
)  # fmt: skip

CORNWALL: tuple[tuple[int, str, str, str, str, str, str], ...] = (
    (0, "09:30", "10:30", ActivityKind.LEADERS, "Introductory meeting with leaders", "",
     "New County Hall, Truro"),
    (1, "10:00", "11:30", ActivityKind.CASE_TRACKING, "Case discussion", "CWL-CSA-0057",
     "New County Hall, room 3"),
    (2, "13:30", "14:30", ActivityKind.STRATEGY_MEETING, "Observation of a strategy meeting",
     "CWL-CSA-0112", "Camborne police station"),
    (4, "14:00", "15:00", ActivityKind.LEADERS, "Feedback to the partnership", "",
     "New County Hall, Truro"),
)  # fmt: skip


def _at(day: dt.date, clock: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(clock)))


def _people(
    inspection: Inspection, rows: Sequence[tuple[str, str, str, str]]
) -> tuple[ParticipantData, ...]:
    agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    accounts = {u.email.split("@")[0]: u for u in User.objects.filter(area_id=inspection.area_id)}
    return tuple(
        ParticipantData(
            name=name,
            job_title=title,
            agency_id=agencies[kind].pk,
            user_id=accounts[account].pk if account else None,
        )
        for name, title, kind, account in rows
    )


def _leeds(inspection: Inspection, users: dict[str, User]) -> None:
    lead = users["lead"]
    members = {m.user_id: m for m in inspection.team_members.all()}
    member_of = {key: members[u.pk].pk for key, u in users.items() if u.pk in members}
    notified = inspection.planned("notification") or inspection.fieldwork_start
    now = _at(notified + dt.timedelta(days=7), "10:00")
    groups = {
        "A": services.subgroup_save(
            actor=lead,
            inspection=inspection,
            name="Subgroup A: front door and early decisions",
            member_ids=frozenset({member_of["lead"], member_of["cqc"], member_of["police"]}),
            now=now,
        ),
        "B": services.subgroup_save(
            actor=lead,
            inspection=inspection,
            name="Subgroup B: help, protection and risk",
            member_ids=frozenset({member_of["inspector"], member_of["probation"]}),
            now=now,
        ),
    }
    services.team_meetings_add(
        actor=lead,
        inspection=inspection,
        starts=dt.time(8, 30),
        ends=dt.time(9, 15),
        place=BASE_ROOM,
        now=now,
    )
    days = services.fieldwork_days(inspection)
    coordinator = users["leeds.coordinator"]
    for row in LEEDS:
        activity = services.activity_create(
            actor=users["inspector"] if row.group == "B" else lead,
            inspection=inspection,
            data=ActivityData(
                kind=row.kind,
                title=row.title,
                starts_at=_at(days[row.day], row.start),
                ends_at=_at(days[row.day], row.end),
                place=row.place,
                video_link=row.video,
                inspector_ids=frozenset(member_of[k] for k in row.who),
                subgroup_id=groups[row.group].pk if row.group else None,
                participants=_people(inspection, row.people),
                case_reference=row.case,
            ),
            override_reason=row.kept,
            now=now,
        )
        if row.confirmed:
            services.activity_respond(
                actor=coordinator,
                activity=activity,
                confirm=True,
                now=now + dt.timedelta(days=1),
            )


def _cornwall(inspection: Inspection, users: dict[str, User]) -> None:
    """Fieldwork is over and the inspection has moved on, so the services (rightly)
    refuse changes; the demo records the week as it happened."""
    team = list(TeamMember.objects.filter(inspection=inspection))
    days = services.fieldwork_days(inspection)
    group = Subgroup.objects.create(inspection=inspection, name="Whole team")
    group.members.set(team)
    agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    for day in days:
        meeting = Activity.objects.create(
            inspection=inspection,
            kind=ActivityKind.TEAM_MEETING,
            title="Daily team meeting",
            starts_at=_at(day, "08:30"),
            ends_at=_at(day, "09:15"),
            place="Inspectors' base room, New County Hall",
            status=ActivityStatus.CONFIRMED,
            created_by=users["lead"],
        )
        meeting.inspectors.set(team)
    people: dict[str, list[tuple[str, str]]] = {
        ActivityKind.LEADERS: [("Director of children's services", "local_authority")],
        ActivityKind.CASE_TRACKING: [
            ("Social worker", "local_authority"), ("Officer in the case", "police")
        ],
        ActivityKind.STRATEGY_MEETING: [("Detective sergeant", "police")],
    }  # fmt: skip
    names = iter(("Jenny Trewin", "Mark Pascoe", "Tamsin Rowe", "Kerenza Hocking", "Ben Nance"))
    for index, start, end, kind, title, case, place in CORNWALL:
        activity = Activity.objects.create(
            inspection=inspection,
            kind=kind,
            title=title,
            case_reference=case,
            starts_at=_at(days[index], start),
            ends_at=_at(days[index], end),
            place=place,
            subgroup=group,
            status=ActivityStatus.CONFIRMED,
            created_by=users["lead"],
        )
        activity.inspectors.set(team)
        Participant.objects.bulk_create(
            Participant(activity=activity, name=next(names), job_title=job, agency=agencies[k])
            for job, k in people[kind]
        )


def load_demo(*, users: dict[str, User]) -> None:
    local = {u.email.split("@")[0]: u for u in User.objects.filter(area__isnull=False)}
    users = {**users, **local}
    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    _leeds(leeds, users)
    cornwall = Inspection.objects.get(area__name="Cornwall", status=Status.QUALITY_ASSURANCE)
    _cornwall(cornwall, users)
