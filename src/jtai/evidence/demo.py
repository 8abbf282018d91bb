"""Demonstration data: the evidence the inspectors recorded during the demo inspections
whose fieldwork has happened (Cornwall, Manchester, Birmingham and Kent's front door),
and a start on case tracking and pre-inspection evidence for Leeds, whose children have
been chosen.

Each past inspection gets a cross-inspectorate team from the inspector pool, and, when the
timetable holds nothing for it, the activities its fieldwork week had. Notes are dated
within the fieldwork week and written by several inspectors, across every criterion,
agency and polarity, through the same checks as the evidence form. Nothing here names a
child or a real person."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.fieldwork.models import Activity, ActivityKind, ActivityStatus
from jtai.information.models import Document
from jtai.inspections import services as inspection_services
from jtai.inspections.models import Inspection, Status, TeamMember, TeamRole

from . import services
from .models import Polarity, PracticeQuality, SourceKind
from .selectors import criteria_for, tracked_children

if TYPE_CHECKING:
    from collections.abc import Sequence

LA, POLICE, HEALTH = AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.HEALTH
PROBATION, YJS, EDUCATION = AgencyKind.PROBATION, AgencyKind.YOUTH_JUSTICE, AgencyKind.EDUCATION
S, AFI, C = Polarity.STRENGTH, Polarity.AREA_FOR_IMPROVEMENT, Polarity.CONTEXT

# (criterion position, agencies, polarity, text). Positions 1-5 follow the seeded order.
THEMATIC: tuple[tuple[int, tuple[str, ...], str, str], ...] = (
    (
        1,
        (POLICE,),
        S,
        "Officers attending incidents of {concern} consistently record the "
        "children present and speak to them directly; notifications reach children's social care "
        "within 24 hours.",
    ),
    (
        1,
        (HEALTH,),
        S,
        "Midwives ask every pregnant woman about abuse at home at booking and "
        "again later in pregnancy, and routine enquiry is audited monthly.",
    ),
    (
        1,
        (EDUCATION, LA),
        S,
        "Schools receive police notifications of incidents at home before the start "
        "of the next school day, and designated leads can say what they did with each one.",
    ),
    (
        1,
        (HEALTH,),
        AFI,
        "GP practices do not consistently flag children in households where "
        "{concern} is known, so information is not always shared at the point of referral.",
    ),
    (
        1,
        (POLICE, LA),
        AFI,
        "Police notifications to the front door often describe the incident "
        "but not the child's experience or the cumulative history, which slows screening.",
    ),
    (
        1,
        (PROBATION,),
        C,
        "Probation practitioners complete safeguarding enquiries on all new "
        "cases; the checks are returned within the target time in 8 of 10 cases sampled.",
    ),
    (
        2,
        (LA,),
        S,
        "Assessments reviewed were timely and captured the voice of the child, "
        "including younger children, through direct work and observation.",
    ),
    (
        2,
        (LA, POLICE, HEALTH),
        S,
        "Strategy discussions include police, health and children's "
        "social care and reach a clear, recorded decision about risk and next steps.",
    ),
    (
        2,
        (LA,),
        AFI,
        "Some assessments focus on the adults' accounts and do not analyse "
        "the impact of the abuse on each child in the household.",
    ),
    (
        2,
        (HEALTH, LA),
        AFI,
        "Health professionals are rarely invited to strategy discussions that "
        "follow a notification out of hours, so health history is missing from early decisions.",
    ),
    (
        2,
        (YJS,),
        C,
        "The youth justice service screens every new case for {concern} at "
        "home; few of the children tracked had youth justice involvement.",
    ),
    (
        2,
        (PROBATION, LA),
        AFI,
        "Probation risk assessments of adults who pose a risk are not routinely shared "
        "with children's social care when plans for the children are made.",
    ),
    (
        3,
        (LA, HEALTH),
        S,
        "Child protection plans reviewed were specific and measurable, and "
        "health visitors contributed to every core group meeting observed.",
    ),
    (
        3,
        (EDUCATION,),
        S,
        "School staff know the children well and provide daily support; "
        "children described a trusted adult they could go to.",
    ),
    (
        3,
        (LA,),
        AFI,
        "Too many children experience changes of social worker, and visits are not "
        "always as frequent as their plan says.",
    ),
    (
        3,
        (POLICE,),
        S,
        "Police use protective orders and bail conditions well to keep adults who "
        "pose a risk away from the family home while plans are made.",
    ),
    (
        3,
        (HEALTH,),
        AFI,
        "Waiting times for therapeutic support for children affected by {concern} "
        "exceed six months for most children referred.",
    ),
    (
        3,
        (LA, PROBATION),
        C,
        "The area commissions a specialist service for children who have "
        "been affected by {concern}; demand exceeds its capacity this year.",
    ),
    (
        4,
        (LA, EDUCATION),
        S,
        "Healthy relationships work in primary and secondary schools is "
        "well established and was described positively by the young people spoken to.",
    ),
    (
        4,
        (PROBATION,),
        S,
        "Programmes for adults who harm are available across the area and probation "
        "checks the outcome for children when a programme ends.",
    ),
    (
        4,
        (POLICE, LA),
        AFI,
        "Repeat incidents are not consistently recognised as a pattern, so "
        "families are not offered early help until risk escalates.",
    ),
    (
        4,
        (HEALTH,),
        C,
        "Public health has mapped prevalence by ward, and the partnership uses it "
        "to target its prevention work.",
    ),
    (
        5,
        (LA, POLICE, HEALTH),
        S,
        "Leaders have a shared understanding of the strengths and "
        "weaknesses of the response to children affected by {concern}, informed by audit.",
    ),
    (
        5,
        (LA, POLICE, HEALTH),
        AFI,
        "The partnership's multi-agency audit programme has not yet "
        "tested whether learning from reviews has changed practice for children.",
    ),
    (
        5,
        (LA,),
        C,
        "The safeguarding partnership published a {concern} strategy last year "
        "with an action plan that runs to the end of the financial year.",
    ),
    (
        5,
        (POLICE, HEALTH),
        S,
        "Statutory partners fund the partnership jointly and share "
        "performance data monthly, including data on children's outcomes.",
    ),
    (
        5,
        (PROBATION, YJS),
        AFI,
        "Probation and youth justice are not represented on the "
        "partnership's {concern} subgroup, so their data is missing from its reports.",
    ),
)

FRONT_DOOR: tuple[tuple[int, tuple[str, ...], str, str], ...] = (
    (
        1,
        (POLICE,),
        S,
        "Police public protection notices are reviewed by a supervisor within "
        "24 hours and sent to the front door with a clear description of risk.",
    ),
    (
        1,
        (HEALTH,),
        AFI,
        "Referrals from emergency departments do not always say who has parental "
        "responsibility or what the child said.",
    ),
    (
        1,
        (EDUCATION,),
        S,
        "Schools use the consultation line well and understand the threshold "
        "document; most of their contacts lead to the right response.",
    ),
    (
        1,
        (LA,),
        C,
        "Contacts to the front door rose by a fifth in the last year, most of them "
        "from police and schools.",
    ),
    (
        2,
        (LA, POLICE, HEALTH),
        S,
        "Co-located police, health and social care staff in the MASH "
        "share information quickly and record it in one place.",
    ),
    (
        2,
        (HEALTH,),
        AFI,
        "Health information in the MASH depends on one practitioner; when they "
        "are away, checks are delayed by up to three days.",
    ),
    (
        2,
        (LA,),
        S,
        "Managers' rationale for screening decisions is clear and recorded, and "
        "parental consent is sought appropriately or overridden with a recorded reason.",
    ),
    (
        2,
        (POLICE,),
        AFI,
        "Police research for the MASH is sometimes limited to the household "
        "address, missing relevant history of adults who visit the home.",
    ),
    (
        3,
        (LA, POLICE),
        S,
        "Strategy discussions are convened promptly when risk is identified "
        "and are well attended; decisions about section 47 enquiries are appropriate.",
    ),
    (
        3,
        (LA,),
        AFI,
        "Step-down to early help is not always explained to families, and some wait "
        "several weeks for the first contact from the early help service.",
    ),
    (
        3,
        (EDUCATION, LA),
        S,
        "Early help assessments led by schools are of good quality and are "
        "reviewed by the locality team.",
    ),
    (
        3,
        (HEALTH, LA),
        AFI,
        "Health professionals are not always told the outcome of their "
        "referrals, so they cannot adjust their own support.",
    ),
    (
        4,
        (LA,),
        S,
        "Nearly all contacts are screened within one working day, and urgent "
        "contacts within hours.",
    ),
    (
        4,
        (POLICE,),
        AFI,
        "A backlog of non-urgent police notifications built up in the month "
        "before the inspection, delaying decisions for some children.",
    ),
    (
        4,
        (LA, HEALTH),
        C,
        "The front door's performance report shows timeliness by source of "
        "contact; it is reviewed weekly by the head of service.",
    ),
    (
        5,
        (LA, POLICE, HEALTH),
        S,
        "Leaders know the front door well and have acted on the "
        "findings of their own audits, for example by adding a health navigator.",
    ),
    (
        5,
        (LA, POLICE, HEALTH),
        AFI,
        "Multi-agency audits of the front door do not yet include "
        "feedback from families or from the professionals who referred.",
    ),
    (
        5,
        (PROBATION,),
        C,
        "Probation staff are not part of the MASH but have a named link "
        "officer who attends the daily risk meeting.",
    ),
)

ACTIVITIES: tuple[tuple[str, str, int, int], ...] = (
    # (kind, title, day of the week 0-4, hour)
    (ActivityKind.FRONT_DOOR, "Visit to the multi-agency safeguarding hub", 0, 10),
    (ActivityKind.LEADERS, "Meeting with the safeguarding partnership's leaders", 0, 14),
    (ActivityKind.PRACTITIONERS, "Focus group with health visitors and school nurses", 1, 9),
    (ActivityKind.STRATEGY_MEETING, "Observation of a strategy meeting", 1, 13),
    (ActivityKind.MANAGERS, "Interview with police public protection managers", 1, 15),
    (ActivityKind.CASE_TRACKING, "Case-tracking discussion with the allocated workers", 2, 10),
    (ActivityKind.CP_CONFERENCE, "Observation of an initial child protection conference", 2, 14),
    (ActivityKind.PRACTITIONERS, "Focus group with designated safeguarding leads", 3, 10),
    (ActivityKind.PANEL, "Observation of the MARAC", 3, 13),
    (ActivityKind.MANAGERS, "Interview with probation and youth justice managers", 3, 15),
)

NOTES_PER_INSPECTION = 45
# What the thematic notes are about ("{concern}" in their text), by theme.
CONCERNS = {
    "domestic-abuse": "domestic abuse",
    "csa-family": "child sexual abuse in the family",
    "neglect": "neglect",
    "criminal-exploitation": "criminal exploitation",
    "child-exploitation": "exploitation",
    "serious-youth-violence": "serious youth violence",
}
AGAIN = (
    "A second example was seen in another child's case.",
    "Practitioners interviewed later in the week gave the same account.",
    "The records sampled showed the same pattern.",
    "Managers confirmed this when asked.",
)
POOL_TEAM = (("ofsted", 2), ("cqc", 2), ("hmicfrs", 2), ("hmip", 1))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _staff(inspection: Inspection, users: dict[str, User], taken: set[int]) -> list[User]:
    """A cross-inspectorate team from the pool (people on no other demo team), added by
    the programme manager; returns everyone who may write evidence."""
    for code, count in POOL_TEAM:
        chosen = (
            User.objects.filter(role="inspector", inspectorate__code=code, team_memberships=None)
            .exclude(pk__in=taken)
            .order_by("email")[:count]
        )
        for user in chosen:
            taken.add(user.pk)
            inspection_services.team_member_add(
                actor=users["programme"],
                inspection=inspection,
                user=user,
                team_role=TeamRole.INSPECTOR,
                subgroup="",
                now=_at(inspection.fieldwork_start - dt.timedelta(weeks=6), 10),
            )
    return [
        m.user
        for m in TeamMember.objects.filter(
            inspection=inspection, team_role__in=(TeamRole.LEAD_INSPECTOR, TeamRole.INSPECTOR)
        ).select_related("user")
    ]


def _activities(inspection: Inspection, lead: User) -> list[Activity]:
    """The fieldwork week's timetable, if the timetable holds none for it: it can no
    longer be changed through the timetable pages once fieldwork has closed."""
    existing = list(Activity.objects.filter(inspection=inspection).order_by("starts_at"))
    if existing:
        return existing
    monday = inspection.fieldwork_start
    return [
        Activity.objects.create(
            inspection=inspection,
            kind=kind,
            title=title,
            starts_at=_at(monday + dt.timedelta(days=day), hour),
            ends_at=_at(monday + dt.timedelta(days=day), hour + 1, 30),
            status=ActivityStatus.CONFIRMED,
            created_by=lead,
        )
        for kind, title, day, hour in ACTIVITIES
    ]


def _agency_ids(agencies: dict[str, Agency], kinds: Sequence[str]) -> list[int]:
    ids = [agencies[k].pk for k in kinds if k in agencies]
    return ids or [next(iter(agencies.values())).pk]


def _evidence(inspection: Inspection, authors: list[User], rng: random.Random) -> int:
    criteria = criteria_for(inspection)
    bank = FRONT_DOOR if inspection.theme.is_front_door else THEMATIC
    agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    lead = next(
        m.user
        for m in TeamMember.objects.filter(
            inspection=inspection, team_role=TeamRole.LEAD_INSPECTOR
        ).select_related("user")
    )
    activities = _activities(inspection, lead)
    documents = list(Document.objects.filter(item__inspection=inspection))
    # Every finding once, then some seen again elsewhere in the week.
    again = rng.sample(bank, min(len(bank), NOTES_PER_INSPECTION - len(bank)))
    entries = list(bank) + [
        (position, kinds, polarity, f"{text} {AGAIN[n % len(AGAIN)]}")
        for n, (position, kinds, polarity, text) in enumerate(again)
    ]
    rng.shuffle(entries)
    concern = CONCERNS.get(inspection.theme.key, inspection.theme.name.lower())
    for n, (position, kinds, polarity, template) in enumerate(entries):
        text = template.replace("{concern}", concern)
        text = text[0].upper() + text[1:]
        criterion = criteria[min(position, len(criteria)) - 1]
        day = inspection.fieldwork_start + dt.timedelta(days=n * 5 // len(entries))
        when = _at(day, 9 + (n * 37) % 9, (n * 13) % 60)
        if documents and n % 5 == 4:
            source = services.Source(SourceKind.DOCUMENT, rng.choice(documents).pk)
        else:
            same_day = [a for a in activities if a.starts_at.date() <= day] or activities
            source = services.Source(SourceKind.ACTIVITY, rng.choice(same_day).pk)
        services.note_record(
            author=authors[n % len(authors)],
            inspection=inspection,
            data=services.NoteInput(
                text=text,
                criterion_id=criterion.pk,
                polarity=polarity,
                agency_ids=_agency_ids(agencies, kinds),
                source=source,
                is_key=polarity != C and n % 4 == 0,
            ),
            now=when,
        )
    return len(entries)


def _first_edit(inspection: Inspection, editor: User) -> None:
    """One note corrected by a second inspector, so its history shows two versions."""
    note = inspection.evidence_notes.order_by("created_at", "id").first()
    if note is None:
        return
    services.note_update(
        actor=editor,
        note=note,
        data=services.NoteInput(
            text=note.text + " Confirmed with the team manager on the day.",
            criterion_id=note.criterion_id,
            polarity=note.polarity,
            agency_ids=[a.pk for a in note.agencies.all()],
            source=services.Source(
                note.source_kind, note.activity_id or note.child_id or note.document_id or 0
            ),
            is_key=note.is_key,
        ),
        version=note.version,
        now=note.created_at + dt.timedelta(hours=2),
    )


TRACKING = (
    (
        "The child, aged under five, lived with repeated incidents between the adults. "
        "Police recorded the child as present each time; the school nursery noticed a change "
        "in behaviour and shared it. A safety plan is now in place and the child is settled.",
        {
            POLICE: (
                PracticeQuality.EFFECTIVE,
                "The child was seen and described at every incident; notifications were prompt.",
            ),
            LA: (
                PracticeQuality.MIXED,
                "The assessment was timely but did not analyse the "
                "child's lived experience; three social workers in six months.",
            ),
            HEALTH: (
                PracticeQuality.MIXED,
                "The health visitor knew the family well but was "
                "not invited to the strategy discussion.",
            ),
        },
    ),
    (
        "An older child who had been missing from education for several weeks. Early help "
        "was offered twice before the referral; the school's persistence made the difference.",
        {
            EDUCATION: (
                PracticeQuality.EFFECTIVE,
                "The designated lead kept trying to engage "
                "the family and referred with a clear chronology.",
            ),
            LA: (
                PracticeQuality.INEFFECTIVE,
                "The first two contacts were closed with no "
                "further action and no analysis of the history.",
            ),
        },
    ),
    (
        "An unborn baby whose mother disclosed abuse at booking. Midwifery, police and "
        "children's social care worked together before the birth; the plan was clear.",
        {
            HEALTH: (
                PracticeQuality.EFFECTIVE,
                "Routine enquiry at booking led to a referral "
                "the same day, with a good account of risk.",
            ),
            POLICE: (
                PracticeQuality.EFFECTIVE,
                "History of the father was researched and "
                "shared at the pre-birth strategy discussion.",
            ),
            PROBATION: (
                PracticeQuality.MIXED,
                "Probation held relevant information that was shared only when asked for.",
            ),
        },
    ),
)


def _leeds(users: dict[str, User]) -> None:
    """Leeds is before fieldwork: the inspectors have begun case tracking the children
    the area audited, and noted what the documents already show."""
    inspection = Inspection.objects.filter(
        area__name="Leeds", status=Status.INFORMATION_GATHERING
    ).first()
    if inspection is None:
        return
    agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    children = list(tracked_children(inspection)[: len(TRACKING)])
    start = _at(inspection.fieldwork_start - dt.timedelta(days=3), 11)
    for n, (selection, (experience, judgements)) in enumerate(
        zip(children, TRACKING, strict=False)
    ):
        services.tracking_save(
            actor=users["inspector"] if n % 2 == 0 else users["lead"],
            inspection=inspection,
            selection=selection,
            experience=experience,
            judgements={
                agencies[kind].pk: services.JudgementInput(quality, note)
                for kind, (quality, note) in judgements.items()
                if kind in agencies
            },
            version=0,
            now=start + dt.timedelta(hours=n),
        )
    criteria = {c.key: c for c in criteria_for(inspection)}
    documents = list(Document.objects.filter(item__inspection=inspection).order_by("pk"))
    notes = [
        (
            "assessment",
            (LA,),
            S,
            "The self-evaluation is candid about delays in assessments "
            "and sets out what has been done since.",
        ),
        (
            "oversight",
            (LA, POLICE, HEALTH),
            C,
            "The partnership's annual report describes a new "
            "domestic abuse subgroup chaired by the police.",
        ),
        (
            "identification",
            (POLICE,),
            AFI,
            "Performance data shows a fall in notifications that "
            "record the children present at incidents.",
        ),
    ]
    sources = [services.Source(SourceKind.DOCUMENT, d.pk) for d in documents[:2]] + [
        services.Source(SourceKind.CHILD, c.pk) for c in children[:1]
    ]
    for n, ((key, kinds, polarity, text), source) in enumerate(zip(notes, sources, strict=False)):
        if key not in criteria:
            continue
        services.note_create(
            actor=users["inspector"] if n % 2 else users["lead"],
            inspection=inspection,
            data=services.NoteInput(
                text=text,
                criterion_id=criteria[key].pk,
                polarity=polarity,
                agency_ids=_agency_ids(agencies, kinds),
                source=source,
            ),
            now=start + dt.timedelta(hours=3 + n),
        )


def load_demo(*, users: dict[str, User]) -> None:
    rng = random.Random(2026)  # noqa: S311 - the same demo every time, not a secret
    taken: set[int] = set()
    past = (
        Inspection.objects.filter(
            status__in=(
                Status.QUALITY_ASSURANCE,
                Status.FACTUAL_ACCURACY,
                Status.FINALISED,
                Status.PUBLISHED,
            )
        )
        .select_related("theme", "area")
        .order_by("fieldwork_start", "reference")
    )
    for inspection in past:
        if not criteria_for(inspection):
            continue
        authors = _staff(inspection, users, taken)
        _evidence(inspection, authors, rng)
        _first_edit(inspection, authors[-1])
    _leeds(users)
