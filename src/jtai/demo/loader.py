"""Loads the demonstration data that `make run` serves: every area (from migrations),
demo accounts for every role in two areas, an inspector pool, and inspections at every
stage of the lifecycle, dated relative to today so the demo always looks current.

Everything is written through the same services users go through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from jtai.accounts import demo as accounts_demo
from jtai.accounts.models import Inspectorate, User
from jtai.areas.models import Agency, Area
from jtai.cases import demo as cases_demo
from jtai.evidence import demo as evidence_demo
from jtai.fieldwork import demo as fieldwork_demo
from jtai.information import demo as information_demo
from jtai.inspections import services as inspection_services
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Inspection, Status, TeamRole
from jtai.programme.models import FrameworkVersion, InspectionType, ProgrammeYear, Theme
from jtai.publication import demo as publication_demo
from jtai.reports import demo as reports_demo

from . import planning as planning_demo
from .people import DEMO_PASSWORD, NAMED_ACCOUNTS, DemoAccount, inspector_pool


class DemoDataRefused(Exception):
    pass


@dataclass(frozen=True)
class DemoInspection:
    area: str
    theme: str
    inspection_type: str
    weeks_from_now: int  # fieldwork Monday relative to this week's Monday
    reach: str  # the status the demo walks it to


DEMO_INSPECTIONS: tuple[DemoInspection, ...] = (
    DemoInspection(
        "Leeds", "domestic-abuse", InspectionType.THEMATIC, 1, Status.INFORMATION_GATHERING
    ),
    DemoInspection("Kent", "csa-family", InspectionType.THEMATIC, 10, Status.PLANNED),
    DemoInspection("Kent", "front-door", InspectionType.FRONT_DOOR, -30, Status.PUBLISHED),
    DemoInspection("Cornwall", "csa-family", InspectionType.THEMATIC, -4, Status.QUALITY_ASSURANCE),
    DemoInspection(
        "Manchester", "domestic-abuse", InspectionType.THEMATIC, -6, Status.FACTUAL_ACCURACY
    ),
    DemoInspection("Birmingham", "front-door", InspectionType.FRONT_DOOR, -8, Status.FINALISED),
    DemoInspection("Leeds", "front-door", InspectionType.FRONT_DOOR, -60, Status.CLOSED),
    DemoInspection("Sheffield", "domestic-abuse", InspectionType.THEMATIC, 14, Status.WITHDRAWN),
)

# Which step leads to each status, and the key date (and hour) it happens on.
_PATH: tuple[tuple[str, str, int], ...] = (
    ("notify", "notification", 9),
    ("request_information", "notification", 11),
    ("start_fieldwork", "fieldwork_start", 9),
    ("close_fieldwork", "fieldwork_end", 15),
    ("submit_for_qa", "draft_report", 8),
    ("send_draft", "draft_report", 14),
    ("finalise", "final_report", 10),
    ("publish", "publication", 0),
    ("receive_action_plan", "wsoa_due", 12),
    ("close", "wsoa_due", 16),
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _create_account(
    account: DemoAccount, inspectorates: dict[str, Inspectorate], password_hash: str
) -> User:
    area = Area.objects.get(name=account.area) if account.area else None
    agency = (
        Agency.objects.get(area=area, kind=account.agency_kind)
        if area is not None and account.agency_kind
        else None
    )
    user = User(
        email=account.email,
        password=password_hash,
        full_name=account.full_name,
        job_title=account.job_title,
        role=account.role,
        inspectorate=inspectorates[account.inspectorate] if account.inspectorate else None,
        area=area,
        agency=agency,
        is_staff=account.role == "administrator",
        is_superuser=account.role == "administrator",
    )
    user.full_clean()
    user.save()
    return user


def _actor_for(step: str, users: dict[str, User], coordinator: User | None) -> User:
    transition = TRANSITIONS[step]
    if transition.team_roles & {TeamRole.QA_MANAGER}:
        return users["qa"]
    if transition.team_roles & {TeamRole.LEAD_INSPECTOR}:
        return users["lead"]
    if step == "receive_action_plan" and coordinator is not None:
        return coordinator
    return users["programme"]


def _walk(inspection: Inspection, reach: str, users: dict[str, User]) -> None:
    coordinator = User.objects.filter(area=inspection.area, role="partnership_coordinator").first()
    for step, key_date, hour in _PATH:
        if inspection.status == reach:
            return
        day = inspection.planned(key_date)
        if day is None:
            raise DemoDataRefused(f"The current framework has no {key_date} date.")
        inspection = inspection_services.inspection_transition(
            actor=_actor_for(step, users, coordinator),
            inspection=inspection,
            transition=step,
            now=_at(day, hour),
        )


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> int:
    """Load the demo; returns how many inspections it created."""
    if not settings.JTAI_DEMO_MODE:
        raise DemoDataRefused(
            "Demo data can only be loaded with development settings, never into a "
            "database that production settings point at."
        )
    if User.objects.exists():
        raise DemoDataRefused(
            "The database already has users: demo data goes only into an empty one."
        )
    today = today or timezone.localdate()
    inspectorates = {i.code: i for i in Inspectorate.objects.all()}
    # One hash for the shared demo password: hashing it afresh per account is slow by design.
    password_hash = make_password(DEMO_PASSWORD)
    users = {
        a.email.split("@")[0]: _create_account(a, inspectorates, password_hash)
        for a in NAMED_ACCOUNTS
    }
    for account in inspector_pool():
        _create_account(account, inspectorates, password_hash)
    accounts_demo.enrol_demo_accounts(User.objects.all())

    year_start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    programme_year = ProgrammeYear.objects.create(
        label=f"{year_start.year} to {year_start.year + 1}",
        starts_on=year_start,
        ends_on=dt.date(year_start.year + 1, 3, 31),
    )
    framework = FrameworkVersion.objects.get(is_current=True)
    this_monday = today - dt.timedelta(days=today.weekday())
    for demo in DEMO_INSPECTIONS:
        fieldwork = this_monday + dt.timedelta(weeks=demo.weeks_from_now)
        created_at = _at(fieldwork - dt.timedelta(weeks=8), 10)
        inspection = inspection_services.inspection_create(
            actor=users["programme"],
            area=Area.objects.get(name=demo.area),
            theme=Theme.objects.get(key=demo.theme),
            inspection_type=demo.inspection_type,
            framework=framework,
            fieldwork_start=fieldwork,
            programme_year=programme_year if fieldwork >= year_start else None,
            now=created_at,
        )
        team = [("lead", TeamRole.LEAD_INSPECTOR), ("qa", TeamRole.QA_MANAGER)]
        if demo.area == "Leeds" and demo.reach != Status.CLOSED:
            team += [
                (name, TeamRole.INSPECTOR) for name in ("inspector", "cqc", "police", "probation")
            ]
        for name, team_role in team:
            inspection_services.team_member_add(
                actor=users["programme"],
                inspection=inspection,
                user=users[name],
                team_role=team_role,
                now=created_at,
            )
        if demo.reach == Status.WITHDRAWN:
            inspection_services.inspection_transition(
                actor=users["programme"],
                inspection=inspection,
                transition="withdraw",
                reason="The area is already part of a national review this term.",
                now=created_at + dt.timedelta(days=7),
            )
        else:
            _walk(inspection, demo.reach, users)
    information_demo.load_demo(users=users)
    cases_demo.load_demo(users=users)
    fieldwork_demo.load_demo(users=users)
    evidence_demo.load_demo(users=users)
    reports_demo.load_demo(users=users)
    planning_demo.load_demo(users=users, today=today)
    publication_demo.load_demo(users=users, today=today)
    return len(DEMO_INSPECTIONS)
