from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django.utils import timezone

from jtai.accounts.models import User
from jtai.inspections import selectors, services
from jtai.inspections.models import Inspection, Status


def visible_areas(user: User) -> set[str]:
    return set(selectors.inspections_for(user).values_list("area__name", flat=True))


def test_a_local_area_sees_only_its_own_notified_inspections(users: dict[str, User]) -> None:
    kent = set(
        selectors.inspections_for(users["kent_coordinator"]).values_list("status", flat=True)
    )
    assert visible_areas(users["kent_coordinator"]) == {"Kent"}
    assert Status.PLANNED not in kent  # the planned Kent inspection is not yet notified
    assert Inspection.objects.filter(area__name="Kent", status=Status.PLANNED).exists()
    assert visible_areas(users["leeds_police"]) == {"Leeds"}


def test_an_area_learns_of_an_inspection_only_when_notified(users: dict[str, User]) -> None:
    planned = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    coordinator = users["kent_coordinator"]
    assert not selectors.inspections_for(coordinator).filter(pk=planned.pk).exists()
    notification = planned.planned("notification")
    assert notification is not None
    services.inspection_transition(
        actor=users["programme_manager"],
        inspection=planned,
        transition="notify",
        now=timezone.make_aware(dt.datetime.combine(notification, dt.time(9))),
    )
    assert selectors.inspections_for(coordinator).filter(pk=planned.pk).exists()
    assert not selectors.inspections_for(users["leeds_coordinator"]).filter(pk=planned.pk).exists()


def test_inspectors_see_only_the_inspections_they_are_on(users: dict[str, User]) -> None:
    inspector = users["inspector"]
    visible = selectors.inspections_for(inspector)
    assert visible.exists()
    assert all(i.team_members.filter(user=inspector).exists() for i in visible)
    assert (
        selectors.inspections_for(users["programme_manager"]).count() == Inspection.objects.count()
    )


def test_signed_out_and_deactivated_users_see_nothing(users: dict[str, User]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.inspections_for(AnonymousUser()).exists()
    lead = users["lead_inspector"]
    lead.is_active = False
    assert not selectors.inspections_for(lead).exists()


def test_area_users_do_not_see_internal_quality_assurance_history(users: dict[str, User]) -> None:
    cornwall = Inspection.objects.get(area__name="Cornwall")
    services.inspection_transition(
        actor=users["qa_manager"],
        inspection=cornwall,
        transition="return_draft",
        reason="Practice study needs the police's part.",
    )
    staff_events = selectors.inspection_events(user=users["programme_manager"], inspection=cornwall)
    assert any(e.data.get("transition") == "return_draft" for e in staff_events)
    coordinator = User.objects.create_user(
        "cornwall.dcs@example.org",
        "long-enough-password",
        full_name="C",
        role="partnership_coordinator",
        area=cornwall.area,
    )
    area_events = selectors.inspection_events(user=coordinator, inspection=cornwall)
    assert area_events
    assert all(e.data.get("transition") != "return_draft" for e in area_events)
    assert all(e.kind == "transition" for e in area_events)


def undeclared_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("should never be served")


urlpatterns = [path("undeclared/", undeclared_view)]


@pytest.mark.urls(__name__)
def test_a_view_without_an_access_rule_is_refused(client_for: Any) -> None:
    response = client_for("administrator").get("/undeclared/")
    assert response.status_code == 403
    assert b"should never be served" not in response.content
    assert Client().get("/undeclared/").status_code == 403
