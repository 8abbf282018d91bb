"""The programme year's inputs as data, and the problem the builder makes of them: from
the demo's inspector pool, areas, the learning library's last inspections and the
calendar; bad inputs refused with messages naming what is wrong."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jtai import planning
from jtai.accounts.models import User
from jtai.areas.models import Area, Region
from jtai.inspections.models import Inspection, Status
from jtai.programme import services
from jtai.programme.models import (
    BlackoutPeriod,
    ClosureDay,
    FrameworkVersion,
    InspectorProfile,
    PlanPin,
    ProgrammeYear,
    RevisitQuota,
    TeamComposition,
    Theme,
    ThemeQuota,
    Unavailability,
)
from jtai.programme.planning_inputs import (
    inspector_id,
    problem_data,
    problem_for,
    readable_messages,
)

TODAY = dt.date(2026, 11, 22)


def build(year: ProgrammeYear) -> planning.Problem:
    return problem_for(year, today=timezone.localdate())


def test_the_demo_has_a_realistic_inspector_pool(db: None) -> None:
    profiles = list(InspectorProfile.objects.select_related("user__inspectorate"))
    assert len(profiles) >= 80
    by_inspectorate = Counter(p.user.inspectorate.code for p in profiles if p.user.inspectorate)
    assert set(by_inspectorate) == {"ofsted", "cqc", "hmicfrs", "hmip"}
    assert {p.home_region for p in profiles} == set(Region.values)
    assert {p.max_inspections_per_year for p in profiles} <= {4, 5, 6}
    assert all(p.can_lead == (p.user.role == "lead_inspector") for p in profiles)
    assert all(p.can_qa == (p.user.role == "qa_manager") for p in profiles)
    education = [p for p in profiles if p.specialism == "education"]
    assert education
    assert all("education" in p.user.job_title.lower() for p in education)
    assert Unavailability.objects.filter(kind="leave").count() >= 20
    assert Unavailability.objects.filter(kind="commitment").exists()
    assert InspectorProfile.objects.filter(conflicts__isnull=False).distinct().count() >= 5


def test_the_builder_makes_a_valid_problem_from_the_demo(year: ProgrammeYear) -> None:
    problem = build(year)
    assert len(problem.inspectors) >= 80
    assert {i.inspectorate for i in problem.inspectors} == set(planning.Inspectorate)
    assert [s.id for s in problem.slots()] == [
        *(f"csa-family-{n}" for n in range(1, 7)),
        *(f"revisit-domestic-abuse-{n}" for n in range(1, 5)),
    ]
    assert (problem.period.start, problem.period.end) == (year.starts_on, year.ends_on)
    assert len(problem.areas) == Area.objects.count() == 153
    # England's bank holidays on weekdays (Christmas, or the day in lieu; the spring bank
    # holiday, the last Monday of May) and the stored blackouts.
    christmas = {dt.date(year.starts_on.year, 12, day) for day in range(25, 29)}
    assert christmas & set(problem.bank_holidays)
    last_monday_of_may = max(
        dt.date(year.starts_on.year, 5, day)
        for day in range(25, 32)
        if dt.date(year.starts_on.year, 5, day).weekday() == 0
    )
    assert last_monday_of_may in problem.bank_holidays
    assert problem.blackouts is not None
    assert {b.reason for b in problem.blackouts} >= {f"August {year.starts_on.year}"}
    # Areas with a live inspection are excluded; published ones count as last inspected.
    live = Inspection.objects.filter(status=Status.INFORMATION_GATHERING).get()
    assert live.area.ons_code in problem.excluded_areas
    published = Inspection.objects.get(status=Status.PUBLISHED)
    assert problem.last_inspected[published.area.ons_code] == published.fieldwork_start
    # Leave, commitments and conflicts reach the planner.
    assert sum(len(i.unavailable) for i in problem.inspectors) >= 20
    assert sum(len(i.conflicts) for i in problem.inspectors) >= 5
    assert problem.compositions[0].framework_version == "2022"


def test_people_on_a_live_inspection_are_busy_around_it(users: dict[str, User]) -> None:
    # The demo's current year: the lead is on the Kent inspection planned for later.
    current = ProgrammeYear.objects.exclude(theme_quotas__isnull=False).get()
    ThemeQuota.objects.create(
        programme_year=current, theme=Theme.objects.get(key="csa-family"), inspections=1
    )
    data = problem_data(current, today=timezone.localdate())
    lead = next(
        i for i in data["inspectors"] if i["id"] == inspector_id(users["lead_inspector"].pk)
    )
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    assert {
        "start": kent.planned_dates["notification"],
        "end": kent.planned_dates["draft_report"],
        "reason": f"on inspection {kent.reference}",
    } in lead["unavailable"]
    # Fieldwork cannot be planned before an inspection could still be notified.
    assert dt.date.fromisoformat(data["period"]["start"]) > timezone.localdate()


def test_default_blackouts_and_closure_days(year: ProgrammeYear) -> None:
    BlackoutPeriod.objects.filter(programme_year=year).delete()
    closure = ClosureDay.objects.create(date=dt.date(year.starts_on.year, 10, 13), reason="Move")
    problem = build(year)
    assert problem.blackouts is not None
    reasons = {b.reason for b in problem.blackouts}
    assert f"August {year.starts_on.year}" in reasons
    assert any(b.start == b.end == closure.date for b in problem.blackouts)
    assert closure.date - dt.timedelta(days=closure.date.weekday()) not in problem.candidate_weeks(
        problem.period
    )


def test_pins_go_into_the_problem(year: ProgrammeYear, users: dict[str, User]) -> None:
    profile = InspectorProfile.objects.filter(can_qa=True).first()
    assert profile is not None
    monday = dt.date(year.starts_on.year, 10, 4) - dt.timedelta(
        days=dt.date(year.starts_on.year, 10, 4).weekday()
    )
    services.pin_add(
        actor=users["programme_manager"],
        programme_year=year,
        slot="csa-family-2",
        area=Area.objects.get(name="York"),
        week=monday,
    )
    services.pin_add(
        actor=users["programme_manager"],
        programme_year=year,
        slot="csa-family-2",
        inspector=profile,
        role="qa",
    )
    pins = build(year).pins
    assert [(p.slot, p.area, p.week, p.inspector, p.role) for p in pins] == [
        ("csa-family-2", Area.objects.get(name="York").ons_code, monday, None, None),
        ("csa-family-2", None, None, inspector_id(profile.user_id), "qa"),
    ]


def test_a_theme_needing_more_weeks_than_its_window_is_named(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    quota = ThemeQuota.objects.get(programme_year=year)
    quota.window_start = dt.date(year.starts_on.year, 9, 6)
    quota.window_end = dt.date(year.starts_on.year, 10, 1)
    quota.save()
    with pytest.raises(services.PlanningError) as refused:
        services.plan_solve(actor=users["programme_manager"], programme_year=year)
    assert any(
        m.startswith("themes[0] 'csa-family': needs 6 inspections but only 4 candidate weeks")
        for m in refused.value.messages
    ), refused.value.messages


def test_more_inspections_than_a_year_allows_is_named(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    ThemeQuota.objects.create(
        programme_year=year, theme=Theme.objects.get(key="domestic-abuse"), inspections=6
    )
    with pytest.raises(services.PlanningError) as refused:
        services.plan_solve(actor=users["programme_manager"], programme_year=year)
    assert "themes: 16 inspections asked for, more than max_inspections_per_year (10)" in (
        refused.value.messages
    )


def test_a_pin_that_cannot_hold_names_the_pin(year: ProgrammeYear, users: dict[str, User]) -> None:
    PlanPin.objects.create(
        programme_year=year,
        slot="csa-family-9",
        week=year.starts_on,
        created_by=users["programme_manager"],
        created_at=timezone.now(),
    )
    with pytest.raises(planning.ProblemError) as refused:
        build(year)
    assert refused.value.messages[0].startswith("The pin on csa-family-9: unknown slot")


def test_an_inspector_without_an_inspectorate_is_named(year: ProgrammeYear) -> None:
    # The user model cannot hold such a person; the builder still leaves the field out
    # rather than guess, so the package's message names them.
    data = problem_data(year, today=timezone.localdate())
    del data["inspectors"][3]["inspectorate"]
    with pytest.raises(planning.ProblemError) as refused:
        planning.load_problem(data)
    messages = readable_messages(refused.value.messages, data)
    assert messages == [f"{data['inspectors'][3]['name']}'s profile.inspectorate: Field required"]


def test_profiles_are_checked_against_role_and_inspectorate(db: None) -> None:
    police = User.objects.filter(role="inspector", inspectorate__code="hmicfrs").first()
    assert police is not None
    profile = InspectorProfile(
        user=police, specialism="health", home_region=Region.LONDON, can_lead=True
    )
    with pytest.raises(ValidationError) as refused:
        profile.clean()
    assert "specialism" in refused.value.message_dict
    profile.specialism = "police"
    with pytest.raises(ValidationError) as refused:
        profile.clean()
    assert refused.value.message_dict["can_lead"] == [
        "Only a lead inspector can lead an inspection."
    ]
    coordinator = User.objects.get(email="leeds.coordinator@demo.jtai.example")
    with pytest.raises(ValidationError):
        InspectorProfile(user=coordinator, specialism="police", home_region="London").clean()


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([{"key": "x", "inspectorate": "nasa", "count": 1}], "roles[0].inspectorate: Input"),
        ([{"key": "x", "inspectorate": "cqc", "count": -1}], "roles[0].count: Input should be"),
        (
            [{"key": "x", "inspectorate": "hmip", "specialism": "police", "count": 1}],
            "roles[0]: specialism 'police' is not provided by inspectorate 'hmip'",
        ),
        (
            [{"key": "lead", "inspectorate": "ofsted", "count": 2, "requires": "lead"}],
            "An inspection has one lead inspector, not 2.",
        ),
        (
            [{"key": "probation", "inspectorate": "hmip", "count": 2}],
            "Role 'probation': hmip does not take part in front-door inspections",
        ),
        ({"key": "x"}, "Give the roles as a list, at least one."),
    ],
)
def test_team_compositions_are_checked_in_full(roles: object, message: str, db: None) -> None:
    composition = TeamComposition(
        framework=FrameworkVersion.objects.get(key="2022"),
        inspection_type="front-door",
        roles=roles,
    )
    with pytest.raises(ValidationError) as refused:
        composition.clean()
    assert any(m.startswith(message) for m in refused.value.message_dict["roles"]), (
        refused.value.message_dict
    )


def test_the_demo_teams_are_the_current_thematic_and_front_door_teams(db: None) -> None:
    thematic = TeamComposition.objects.get(inspection_type="thematic")
    counts = {(r["inspectorate"], r.get("specialism")): r["count"] for r in thematic.roles}
    assert sum(r["count"] for r in thematic.roles) == 13
    assert counts[("hmicfrs", None)] == counts[("cqc", None)] == 3
    assert counts[("hmip", None)] == 2
    front_door = TeamComposition.objects.get(inspection_type="front-door")
    assert "hmip" not in {r["inspectorate"] for r in front_door.roles}
    for composition in TeamComposition.objects.all():
        composition.full_clean()


def test_only_programme_managers_change_inputs(year: ProgrammeYear, users: dict[str, User]) -> None:
    profile = InspectorProfile.objects.first()
    assert profile is not None
    for role in ("lead_inspector", "inspector", "qa_manager"):
        with pytest.raises(services.PlanningError, match="Only a programme manager"):
            services.pin_add(actor=users[role], programme_year=year, slot="x", week=TODAY)
        with pytest.raises(services.PlanningError, match="Only a programme manager"):
            services.unavailability_add(
                actor=users[role], profile=profile, kind="leave", starts_on=TODAY, ends_on=TODAY
            )
        with pytest.raises(services.PlanningError, match="Only a programme manager"):
            services.plan_solve(actor=users[role], programme_year=year)


@pytest.mark.parametrize(
    ("theme", "inspection_type", "message"),
    [
        ("neglect", "thematic", "Neglect (older children) is no longer offered"),
        ("front-door", "thematic", "A front door inspection must use the front door theme"),
        ("csa-family", "front-door", "A front door inspection must use the front door theme"),
    ],
)
def test_quotas_name_themes_their_inspections_could_not_use(
    theme: str, inspection_type: str, message: str, year: ProgrammeYear
) -> None:
    quota = ThemeQuota(
        programme_year=year, theme=Theme.objects.get(key=theme), inspection_type=inspection_type
    )
    with pytest.raises(ValidationError) as refused:
        quota.clean()
    assert refused.value.message_dict["theme"][0].startswith(message)
    revisit = RevisitQuota(programme_year=year, theme=Theme.objects.get(key="front-door"))
    with pytest.raises(ValidationError):
        revisit.clean()
