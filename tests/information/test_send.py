"""Sending the information request: the lead reviews the items and due dates, then the
items are created and the inspection moves on, together or not at all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.information import services
from jtai.information.models import InformationItem, ItemStatus, RequestTemplateItem
from jtai.information.selectors import planned_items
from jtai.inspections.models import Inspection, InspectionEvent, Status
from jtai.inspections.services import InspectionError
from jtai.programme.models import Theme

from .factories import at, notified_inspection, plan

SENT = at(dt.date(2023, 5, 5), 11)


@pytest.fixture
def notified(users: dict[str, User]) -> Inspection:
    return notified_inspection(users)


def send(actor: User, inspection: Inspection, **kwargs: Any) -> list[InformationItem]:
    return services.information_request_send(actor=actor, inspection=inspection, now=SENT, **kwargs)


def test_every_theme_has_its_own_annex_a_items_besides_the_common_ones(db: None) -> None:
    common = RequestTemplateItem.objects.filter(theme__isnull=True)
    assert common.count() >= 8
    assert set(common.values_list("agency_kind", flat=True)) >= {
        AgencyKind.LOCAL_AUTHORITY,
        AgencyKind.POLICE,
        AgencyKind.HEALTH,
        AgencyKind.PROBATION,
        AgencyKind.YOUTH_JUSTICE,
    }
    for theme in Theme.objects.all():
        own = RequestTemplateItem.objects.filter(theme=theme)
        assert own.count() >= 4, theme.key
        assert own.filter(agency_kind=AgencyKind.LOCAL_AUTHORITY, due_working_days=1).exists()


def test_sending_creates_the_items_and_moves_the_inspection_on(
    users: dict[str, User], notified: Inspection
) -> None:
    items = send(users["lead_inspector"], notified)
    notified.refresh_from_db()
    assert notified.status == Status.INFORMATION_GATHERING
    expected = planned_items(notified)
    assert [i.title for i in items] == [p.title for p in expected]
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert {i.status for i in items} == {ItemStatus.REQUESTED}
    assert {i.agency.area_id for i in items} == {notified.area_id}
    children = items[0]
    assert children.title.startswith("Children referred where domestic abuse")
    assert children.agency.kind == AgencyKind.LOCAL_AUTHORITY
    # Notified Friday 5 May 2023; Monday 8 May was the coronation bank holiday.
    assert children.due_on == dt.date(2023, 5, 9)
    notifications = next(i for i in items if "PPN" in i.title)
    assert notifications.agency.kind == AgencyKind.POLICE
    assert notifications.due_on == dt.date(2023, 5, 10)
    assert max(i.due_on for i in items) == dt.date(2023, 5, 11)
    event = InspectionEvent.objects.get(inspection=notified, data__transition="request_information")
    assert event.occurred_at == SENT
    assert event.summary == "Send the information request"
    assert event.actor == users["lead_inspector"]


def test_the_lead_can_leave_items_out(users: dict[str, User], notified: Inspection) -> None:
    plan_ = planned_items(notified)
    chosen = [p.template.pk for p in plan_[:3] if p.template]
    items = send(users["lead_inspector"], notified, template_ids=chosen)
    assert [i.template_id for i in items] == chosen


def test_nothing_chosen_sends_nothing(users: dict[str, User], notified: Inspection) -> None:
    with pytest.raises(services.InformationError, match="Choose at least one item"):
        send(users["lead_inspector"], notified, template_ids=[])
    notified.refresh_from_db()
    assert notified.status == Status.NOTIFIED


def test_a_second_send_is_refused_and_changes_nothing(
    users: dict[str, User], notified: Inspection
) -> None:
    first = send(users["lead_inspector"], notified)
    with pytest.raises(services.InformationError, match="already been sent"):
        send(users["lead_inspector"], notified)
    assert InformationItem.objects.filter(inspection=notified).count() == len(first)


@pytest.mark.parametrize("role", ["inspector", "qa_manager", "leeds_coordinator"])
def test_only_the_lead_or_the_programme_team_can_send(
    role: str, users: dict[str, User], notified: Inspection
) -> None:
    with pytest.raises(services.InformationError, match="Only the lead inspector"):
        send(users[role], notified)
    assert not InformationItem.objects.filter(inspection=notified).exists()


def test_the_programme_manager_may_send_too(users: dict[str, User], notified: Inspection) -> None:
    assert send(users["programme_manager"], notified)


def test_nothing_goes_before_notification(users: dict[str, User]) -> None:
    planned = plan(users["programme_manager"], "York", dt.date(2031, 3, 3))
    with pytest.raises(services.InformationError, match="once it has been notified"):
        send(users["programme_manager"], planned)
    assert not InformationItem.objects.filter(inspection=planned).exists()


def test_items_and_the_step_roll_back_together(
    users: dict[str, User], notified: Inspection, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: Any) -> None:
        raise InspectionError("The step failed.")

    monkeypatch.setattr(services, "inspection_transition", refuse)
    with pytest.raises(services.InformationError, match="The step failed"):
        send(users["lead_inspector"], notified)
    assert not InformationItem.objects.filter(inspection=notified).exists()


def test_an_area_without_an_agency_of_a_kind_sends_that_item_to_the_council(
    notified: Inspection,
) -> None:
    Agency.objects.filter(area=notified.area, kind=AgencyKind.PROBATION).delete()
    probation = [p for p in planned_items(notified) if p.template.agency_kind == "probation"]  # type: ignore[union-attr]
    assert probation
    for planned in probation:
        assert planned.agency.kind == AgencyKind.LOCAL_AUTHORITY
        assert "No probation agency is recorded" in planned.agency_note


# --- the page ----------------------------------------------------------------------------


def test_the_lead_reviews_and_sends_from_the_inspections_page(
    users: dict[str, User], notified: Inspection, client_for: Any
) -> None:
    client = client_for("lead_inspector")
    send_url = reverse("information:send", args=[notified.reference])
    detail = client.get(reverse("inspections:detail", args=[notified.reference])).content.decode()
    assert f'href="{send_url}">Send the information request</a>' in detail
    # The generic step page hands over to the send page.
    generic = reverse("inspections:transition", args=[notified.reference, "request_information"])
    assert client.get(generic).url == send_url  # type: ignore[attr-defined]

    page = client.get(send_url).content.decode()
    plan_ = planned_items(notified)
    for planned in plan_:
        assert planned.title.replace("'", "&#x27;") in page
    assert "Tuesday 9 May 2023" in page
    response = client.post(send_url, {"items": [str(p.template.pk) for p in plan_]})  # type: ignore[union-attr]
    assert response.status_code == 302
    assert response.url == reverse("information:request", args=[notified.reference])
    assert InformationItem.objects.filter(inspection=notified).count() == len(plan_)

    # A double-submitted form finds the request already sent.
    again = client.post(send_url, {"items": [str(p.template.pk) for p in plan_]})  # type: ignore[union-attr]
    assert again.status_code == 400
    assert "The information request has already been sent." in again.content.decode()
    assert InformationItem.objects.filter(inspection=notified).count() == len(plan_)


def test_sending_nothing_says_what_to_do(notified: Inspection, client_for: Any) -> None:
    response = client_for("lead_inspector").post(
        reverse("information:send", args=[notified.reference]), {}
    )
    assert response.status_code == 400
    assert "Choose at least one item to ask for" in response.content.decode()
    notified.refresh_from_db()
    assert notified.status == Status.NOTIFIED
