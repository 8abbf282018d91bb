from __future__ import annotations

import datetime as dt

import pytest

from jtai.accounts.models import User
from jtai.inspections import services
from jtai.inspections.models import EventKind, Inspection, Status, TeamRole
from jtai.inspections.services import InspectionError

from .factories import at, plan

MAY_2023 = dt.date(2023, 5, 22)  # real fieldwork 22–26 May 2023; 8 May was a bank holiday


@pytest.fixture
def may_2023(users: dict[str, User]) -> Inspection:
    inspection = plan(users["programme_manager"], "Hartlepool", MAY_2023)
    for key, role in (
        ("lead_inspector", TeamRole.LEAD_INSPECTOR),
        ("qa_manager", TeamRole.QA_MANAGER),
    ):
        services.team_member_add(
            actor=users["programme_manager"], inspection=inspection, user=users[key], team_role=role
        )
    return inspection


def step(
    inspection: Inspection, actor: User, name: str, day: dt.date, reason: str = ""
) -> Inspection:
    return services.inspection_transition(
        actor=actor, inspection=inspection, transition=name, reason=reason, now=at(day)
    )


def test_planning_computes_key_dates_from_the_framework(may_2023: Inspection) -> None:
    assert may_2023.status == Status.PLANNED
    assert may_2023.planned("notification") == dt.date(2023, 5, 5)
    assert may_2023.planned("fieldwork_end") == dt.date(2023, 5, 26)
    assert may_2023.reference == "JTAI-20230522-E06000001"
    assert sorted(may_2023.inspectorates.values_list("code", flat=True)) == [
        "cqc",
        "hmicfrs",
        "hmip",
        "ofsted",
    ]
    assert any("8 May 2023" in warning for warning in may_2023.timeline_warnings)
    assert may_2023.events.filter(kind=EventKind.CREATED).count() == 1


def test_front_door_inspections_have_three_inspectorates(users: dict[str, User]) -> None:
    inspection = plan(
        users["programme_manager"],
        "York",
        dt.date(2022, 1, 10),
        theme="front-door",
        inspection_type="front-door",
    )
    assert inspection.planned("notification") == dt.date(2021, 12, 22)
    assert sorted(inspection.inspectorates.values_list("code", flat=True)) == [
        "cqc",
        "hmicfrs",
        "ofsted",
    ]


def test_only_programme_managers_plan(users: dict[str, User]) -> None:
    with pytest.raises(InspectionError, match="Only a programme manager"):
        plan(users["lead_inspector"], "York", dt.date(2027, 3, 1))
    assert not Inspection.objects.filter(area__name="York").exists()


def test_fieldwork_too_soon_to_notify_is_refused(users: dict[str, User]) -> None:
    with pytest.raises(InspectionError, match="Fieldwork cannot start before") as refused:
        plan(
            users["programme_manager"], "York", dt.date(2027, 3, 1), planned_on=dt.date(2027, 2, 25)
        )
    assert refused.value.field == "fieldwork_start"


def test_front_door_type_needs_the_front_door_theme(users: dict[str, User]) -> None:
    with pytest.raises(InspectionError, match="front door") as refused:
        plan(users["programme_manager"], "York", dt.date(2027, 3, 1), inspection_type="front-door")
    assert refused.value.field == "theme"


def test_the_whole_lifecycle_records_actual_dates_and_events(
    may_2023: Inspection, users: dict[str, User]
) -> None:
    lead, qa, pm = users["lead_inspector"], users["qa_manager"], users["programme_manager"]
    i = step(may_2023, lead, "notify", dt.date(2023, 5, 5))
    assert i.notified_at is not None
    i = step(i, lead, "request_information", dt.date(2023, 5, 5))
    i = step(i, lead, "start_fieldwork", dt.date(2023, 5, 22))
    i = step(i, lead, "close_fieldwork", dt.date(2023, 5, 26))
    i = step(i, lead, "submit_for_qa", dt.date(2023, 6, 15))
    i = step(i, qa, "return_draft", dt.date(2023, 6, 16), reason="Strengths need evidence.")
    i = step(i, lead, "submit_for_qa", dt.date(2023, 6, 16))
    i = step(i, qa, "send_draft", dt.date(2023, 6, 19))
    i = step(i, lead, "finalise", dt.date(2023, 7, 10))
    i = step(i, pm, "publish", dt.date(2023, 7, 13))
    assert i.status == Status.PUBLISHED
    assert i.actual("publication") == dt.date(2023, 7, 13)
    # The written statement of action counts from the actual publication date.
    assert i.planned("wsoa_due") == dt.date(2023, 10, 20)
    i = step(i, users["administrator"], "receive_action_plan", dt.date(2023, 10, 18))
    i = step(i, pm, "close", dt.date(2023, 10, 30))
    transitions = [e.data["transition"] for e in i.events.filter(kind=EventKind.TRANSITION)]
    assert transitions == [
        "notify",
        "request_information",
        "start_fieldwork",
        "close_fieldwork",
        "submit_for_qa",
        "return_draft",
        "submit_for_qa",
        "send_draft",
        "finalise",
        "publish",
        "receive_action_plan",
        "close",
    ]
    assert i.events.get(data__transition="return_draft").reason == "Strengths need evidence."


def test_a_transition_out_of_order_is_refused_and_nothing_changes(
    may_2023: Inspection, users: dict[str, User]
) -> None:
    with pytest.raises(InspectionError, match="This inspection is planned, so you cannot publish"):
        step(may_2023, users["programme_manager"], "publish", dt.date(2023, 5, 5))
    may_2023.refresh_from_db()
    assert may_2023.status == Status.PLANNED
    assert may_2023.events.count() == 3  # created, and two team members added


def test_notification_before_its_planned_date_is_refused(
    may_2023: Inspection, users: dict[str, User]
) -> None:
    with pytest.raises(InspectionError, match="planned for Friday 5 May 2023"):
        step(may_2023, users["lead_inspector"], "notify", dt.date(2023, 5, 4))


def test_roles_that_may_not_act_are_refused(may_2023: Inspection, users: dict[str, User]) -> None:
    with pytest.raises(InspectionError, match="Your role cannot"):
        step(may_2023, users["inspector"], "notify", dt.date(2023, 5, 5))
    with pytest.raises(InspectionError, match="Your role cannot"):
        step(may_2023, users["leeds_coordinator"], "notify", dt.date(2023, 5, 5))


def test_a_double_submitted_step_is_refused_the_second_time(
    may_2023: Inspection, users: dict[str, User]
) -> None:
    step(may_2023, users["lead_inspector"], "notify", dt.date(2023, 5, 5))
    with pytest.raises(InspectionError, match="is notified, so you cannot notify"):
        step(may_2023, users["lead_inspector"], "notify", dt.date(2023, 5, 5))
    assert may_2023.events.filter(kind=EventKind.TRANSITION).count() == 1


def test_withdrawing_needs_a_reason(may_2023: Inspection, users: dict[str, User]) -> None:
    with pytest.raises(InspectionError, match="Enter a reason"):
        step(may_2023, users["programme_manager"], "withdraw", dt.date(2023, 5, 1))
    i = step(may_2023, users["programme_manager"], "withdraw", dt.date(2023, 5, 1), "Area merger.")
    assert i.status == Status.WITHDRAWN


def test_another_areas_coordinator_cannot_record_the_action_plan(users: dict[str, User]) -> None:
    kent_published = Inspection.objects.get(area__name="Kent", status=Status.PUBLISHED)
    with pytest.raises(InspectionError, match="Your role cannot"):
        services.inspection_transition(
            actor=users["leeds_coordinator"],
            inspection=kent_published,
            transition="receive_action_plan",
        )
    done = services.inspection_transition(
        actor=users["kent_coordinator"], inspection=kent_published, transition="receive_action_plan"
    )
    assert done.status == Status.ACTION_PLAN_RECEIVED


def test_rescheduling_recomputes_dates_and_keeps_the_reason(
    may_2023: Inspection, users: dict[str, User]
) -> None:
    moved = services.inspection_reschedule(
        actor=users["programme_manager"],
        inspection=may_2023,
        fieldwork_start=dt.date(2023, 6, 5),
        reason="Clashes with an Ofsted ILACS visit.",
        now=at(dt.date(2023, 4, 1)),
    )
    assert moved.planned("notification") == dt.date(2023, 5, 19)
    event = moved.events.get(kind=EventKind.RESCHEDULED)
    assert event.reason == "Clashes with an Ofsted ILACS visit."
    assert event.data == {"from": "2023-05-22", "to": "2023-06-05"}


def test_team_rules(may_2023: Inspection, users: dict[str, User]) -> None:
    pm = users["programme_manager"]
    with pytest.raises(InspectionError, match="not accredited to lead"):
        services.team_member_add(
            actor=pm,
            inspection=may_2023,
            user=users["inspector"],
            team_role=TeamRole.LEAD_INSPECTOR,
        )
    with pytest.raises(InspectionError, match="Only active inspectorate staff"):
        services.team_member_add(
            actor=pm, inspection=may_2023, user=users["leeds_police"], team_role=TeamRole.INSPECTOR
        )
    with pytest.raises(InspectionError, match="already on this team"):
        services.team_member_add(
            actor=pm, inspection=may_2023, user=users["qa_manager"], team_role=TeamRole.INSPECTOR
        )
