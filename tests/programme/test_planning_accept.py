"""Publishing a plan and accepting it: the planned inspections created and staffed through
the inspection services, all together or not at all."""

from __future__ import annotations

import pytest

from jtai.accounts.models import User
from jtai.areas.models import Area
from jtai.inspections.models import EventKind, Inspection, InspectionEvent, TeamMember, TeamRole
from jtai.programme import services
from jtai.programme.models import PlanStatus, ProgrammePlan, ProgrammeYear
from jtai.programme.planning_inputs import user_pk_of
from tests.inspections.factories import plan as plan_inspection

from .factories import checked, stored_plan


def test_publishing_supersedes_the_plan_published_before(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    actor = users["programme_manager"]
    first, second = stored_plan(actor, year), stored_plan(actor, year)
    services.plan_publish(actor=actor, plan=first)
    services.plan_publish(actor=actor, plan=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.SUPERSEDED, PlanStatus.PUBLISHED)
    assert second.published_at is not None
    with pytest.raises(services.PlanningError, match="not a draft"):
        services.plan_publish(actor=actor, plan=first)
    with pytest.raises(services.PlanningError, match="Only a programme manager"):
        services.plan_publish(actor=users["lead_inspector"], plan=stored_plan(actor, year))


def test_accepting_creates_the_inspections_with_their_teams(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    actor = users["programme_manager"]
    plan = stored_plan(actor, year, status=PlanStatus.PUBLISHED)
    planned = checked(plan)
    before = Inspection.objects.count()

    created = services.plan_accept(actor=actor, plan=plan)

    assert len(created) == len(planned.inspections) == 10
    assert Inspection.objects.count() == before + 10
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    assert (plan.accepted_by, plan.accepted_at is not None) == (actor, True)
    by_reference = {i.reference: i for i in created}
    for slot, inspection in planned.by_slot().items():
        record = by_reference[plan.created_references[slot]]
        assert record.area.ons_code == inspection.area
        assert record.fieldwork_start == inspection.week
        assert record.programme_year == year
        assert record.framework.key == "2022"
        if slot.startswith("revisit-"):
            assert (record.inspection_type, record.theme.key) == ("revisit", "domestic-abuse")
        else:
            assert (record.inspection_type, record.theme.key) == ("thematic", "csa-family")
        members = {(m.user_id, m.team_role) for m in TeamMember.objects.filter(inspection=record)}
        roles = {"lead": TeamRole.LEAD_INSPECTOR, "qa": TeamRole.QA_MANAGER}
        assert members == {
            (user_pk_of(a.inspector), roles.get(a.role, TeamRole.INSPECTOR))
            for a in inspection.team
        }
        kinds = list(
            InspectionEvent.objects.filter(inspection=record).values_list("kind", flat=True)
        )
        assert kinds.count(EventKind.CREATED) == 1
        assert kinds.count(EventKind.TEAM_CHANGED) == 13
    with pytest.raises(services.PlanningError, match="already been accepted"):
        services.plan_accept(actor=actor, plan=plan)
    with pytest.raises(services.PlanningError, match="has been accepted"):
        services.plan_solve(actor=actor, programme_year=year)


def _counts() -> tuple[int, int, int]:
    return Inspection.objects.count(), TeamMember.objects.count(), InspectionEvent.objects.count()


def test_accepting_creates_nothing_when_an_inspection_is_refused(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    actor = users["programme_manager"]
    plan = stored_plan(actor, year, status=PlanStatus.PUBLISHED)
    last = max(checked(plan).inspections, key=lambda i: i.week)
    # Someone planned the same area for the same week by hand in the meantime.
    plan_inspection(actor, Area.objects.get(ons_code=last.area), last.week)
    before = _counts()

    with pytest.raises(services.PlanningError) as refused:
        services.plan_accept(actor=actor, plan=plan)

    (message,) = refused.value.messages
    assert message.startswith(f"{last.slot} (")
    assert "already has an inspection with fieldwork starting that day" in message
    assert "Nothing was created" in message
    assert _counts() == before
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.created_references == {}


def test_accepting_creates_nothing_when_a_team_place_is_refused(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    actor = users["programme_manager"]
    plan = stored_plan(actor, year, status=PlanStatus.PUBLISHED)
    last = max(checked(plan).inspections, key=lambda i: i.week)
    leaver = User.objects.get(pk=user_pk_of(last.team[-1].inspector))
    leaver.is_active = False
    leaver.save()
    before = _counts()

    with pytest.raises(services.PlanningError, match="Only active inspectorate staff"):
        services.plan_accept(actor=actor, plan=plan)
    assert _counts() == before


def test_only_a_published_plan_can_be_accepted_by_a_programme_manager(
    year: ProgrammeYear, users: dict[str, User]
) -> None:
    actor = users["programme_manager"]
    draft = stored_plan(actor, year)
    with pytest.raises(services.PlanningError, match="Publish the plan before accepting it"):
        services.plan_accept(actor=actor, plan=draft)
    published = stored_plan(actor, year, status=PlanStatus.PUBLISHED)
    for role in ("lead_inspector", "qa_manager", "inspector"):
        with pytest.raises(services.PlanningError, match="Only a programme manager"):
            services.plan_accept(actor=users[role], plan=published)
    assert not ProgrammePlan.objects.filter(status=PlanStatus.ACCEPTED).exists()
