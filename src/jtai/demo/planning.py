"""Programme planning demo data: a profile for every demo inspector (specialism from
their job title, accreditation from their role, home regions spread across the nine
regions, yearly maxima, some leave, other commitments and conflicts of interest), the
current framework's team compositions, and next programme year's themes, revisits and
blackouts, ready to plan from the Programme pages."""

from __future__ import annotations

import datetime as dt

from jtai.accounts.models import User
from jtai.areas.models import Area, Region
from jtai.programme import services as programme_services
from jtai.programme.models import (
    INSPECTING_ROLES,
    ConflictOfInterest,
    FrameworkVersion,
    InspectorProfile,
    ProgrammeYear,
    RevisitQuota,
    Specialism,
    TeamComposition,
    Theme,
    ThemeQuota,
    Unavailability,
    UnavailabilityKind,
)

REGIONS = tuple(Region.values)
SPECIALISM_BY_INSPECTORATE = {
    "cqc": Specialism.HEALTH,
    "hmicfrs": Specialism.POLICE,
    "hmip": Specialism.PROBATION,
}
# Areas some inspectors have worked in, so must never inspect.
CONFLICT_AREAS = (
    "Bradford",
    "Croydon",
    "Hampshire",
    "Norfolk",
    "Liverpool",
    "Devon",
    "Nottingham",
    "Wolverhampton",
    "Newcastle upon Tyne",
    "Essex",
)
# Revisits on domestic abuse, to areas of the kind inspected on it in 2016-17.
REVISIT_CANDIDATES = (
    "Bradford",
    "Hampshire",
    "Hounslow",
    "Lincolnshire",
    "Salford",
    "Wiltshire",
    "Croydon",
    "Peterborough",
    "North Tyneside",
    "Wolverhampton",
)
COMMITMENTS = ("training course", "national thematic review", "recruitment panel")


def _role(
    key: str,
    inspectorate: str,
    count: int,
    specialism: str | None = None,
    requires: str | None = None,
) -> dict[str, object]:
    role: dict[str, object] = {"key": key, "inspectorate": inspectorate, "count": count}
    if specialism:
        role["specialism"] = specialism
    if requires:
        role["requires"] = requires
        # The lead inspector and the QA manager stay busy until the draft report.
        role["active_weeks_after_fieldwork"] = 3
    return role


THEMATIC_TEAM = [
    _role("lead", "ofsted", 1, "social-care", "lead"),
    _role("social-care", "ofsted", 2, "social-care"),
    _role("education", "ofsted", 1, "education"),
    _role("police", "hmicfrs", 3),
    _role("health", "cqc", 3),
    _role("probation", "hmip", 2),
    _role("qa", "ofsted", 1, requires="qa"),
]
FRONT_DOOR_TEAM = [
    _role("lead", "ofsted", 1, "social-care", "lead"),
    _role("social-care", "ofsted", 1, "social-care"),
    _role("education", "ofsted", 1, "education"),
    _role("health", "cqc", 2),
    _role("police", "hmicfrs", 2),
    _role("qa", "ofsted", 1, requires="qa"),
]


def specialism_of(user: User) -> str:
    code = user.inspectorate.code if user.inspectorate else ""
    if code == "ofsted":
        education = "education" in user.job_title.lower()
        return Specialism.EDUCATION if education else Specialism.SOCIAL_CARE
    return SPECIALISM_BY_INSPECTORATE[code]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _profiles(year_start: dt.date, areas: dict[str, Area]) -> None:
    inspectors = (
        User.objects.filter(role__in=INSPECTING_ROLES, inspectorate__isnull=False)
        .select_related("inspectorate")
        .order_by("pk")
    )
    seen: dict[str, int] = {}
    for i, user in enumerate(inspectors):
        specialism = specialism_of(user)
        n = seen[specialism] = seen.get(specialism, -1) + 1
        profile = InspectorProfile(
            user=user,
            specialism=specialism,
            can_lead=user.role == "lead_inspector",
            can_qa=user.role == "qa_manager",
            # Each specialism spread round the nine regions, from a different start.
            home_region=REGIONS[(n + len(specialism)) % len(REGIONS)],
            max_inspections_per_year=4 + i % 3,
        )
        profile.full_clean()
        profile.save()
        start = _monday(year_start) + dt.timedelta(weeks=(i * 7) % 48)
        if i % 3 == 0:
            Unavailability.objects.create(
                profile=profile,
                starts_on=start,
                ends_on=start + dt.timedelta(days=11),
                kind=UnavailabilityKind.LEAVE,
                note="annual leave",
            )
        if i % 5 == 1:
            commitment = _monday(year_start) + dt.timedelta(weeks=(i * 11 + 3) % 50)
            Unavailability.objects.create(
                profile=profile,
                starts_on=commitment,
                ends_on=commitment + dt.timedelta(days=4),
                kind=UnavailabilityKind.COMMITMENT,
                note=COMMITMENTS[i % len(COMMITMENTS)],
            )
        if i % 9 == 4:
            ConflictOfInterest.objects.create(
                profile=profile,
                area=areas[CONFLICT_AREAS[(i // 9) % len(CONFLICT_AREAS)]],
                reason="worked there until 2024",
            )


def _compositions(framework: FrameworkVersion) -> None:
    for inspection_type, roles in (
        ("thematic", THEMATIC_TEAM),
        ("revisit", THEMATIC_TEAM),
        ("front-door", FRONT_DOOR_TEAM),
    ):
        composition = TeamComposition(
            framework=framework, inspection_type=inspection_type, roles=roles
        )
        composition.full_clean()
        composition.save()


def load_demo(*, users: dict[str, User], today: dt.date) -> ProgrammeYear:
    """Profiles, teams and next programme year's inputs; returns that year."""
    areas = {area.name: area for area in Area.objects.all()}
    current_start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    year_start = current_start.replace(year=current_start.year + 1)
    _profiles(year_start, areas)
    _compositions(FrameworkVersion.objects.get(is_current=True))
    year = ProgrammeYear.objects.create(
        label=f"{year_start.year} to {year_start.year + 1}",
        starts_on=year_start,
        ends_on=dt.date(year_start.year + 1, 3, 31),
    )
    ThemeQuota.objects.create(
        programme_year=year, theme=Theme.objects.get(key="csa-family"), inspections=6
    )
    revisit = RevisitQuota.objects.create(
        programme_year=year, theme=Theme.objects.get(key="domestic-abuse"), inspections=4
    )
    revisit.areas.set([areas[name] for name in REVISIT_CANDIDATES])
    programme_services.blackouts_set_default(actor=users["programme"], programme_year=year)
    return year
