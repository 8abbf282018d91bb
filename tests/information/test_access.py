"""Each role sees exactly what it should of information requests: the inspection's team
everything, the area's coordinator every agency's items, an agency contact only their
own agency's, another area nothing, and a local area nothing before notification."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jtai.accounts.models import User
from jtai.information import selectors, services
from jtai.information.models import InformationItem
from jtai.inspections.models import Inspection, Status
from tests.accounts.factories import sign_in_fully

from .factories import contact, downloads_of, item_of, leeds_inspection, uploaded_document


@pytest.fixture
def leeds(db: None) -> Inspection:
    return leeds_inspection()


def visible(user: User, inspection: Inspection) -> set[str]:
    """The agency kinds of the items ``user`` sees on ``inspection``."""
    return set(
        selectors.items_for(user)
        .filter(inspection=inspection)
        .values_list("agency__kind", flat=True)
    )


ALL_KINDS = {"local_authority", "police", "health", "probation", "youth_justice"}


@pytest.mark.parametrize(
    ("who", "kinds"),
    [
        ("admin", ALL_KINDS),
        ("programme", ALL_KINDS),
        ("lead", ALL_KINDS),
        ("inspector", ALL_KINDS),
        ("cqc", ALL_KINDS),
        ("qa", ALL_KINDS),
        ("leeds.coordinator", ALL_KINDS),
        ("leeds.police", {"police"}),
        ("leeds.health", {"health"}),
        ("kent.coordinator", set()),
        ("kent.health", set()),
    ],
)
def test_who_sees_which_items(who: str, kinds: set[str], leeds: Inspection) -> None:
    assert visible(contact(who), leeds) == kinds


def test_inspectors_not_on_the_team_see_nothing(leeds: Inspection) -> None:
    outsider = User.objects.filter(role="inspector").exclude(team_memberships__inspection=leeds)[0]
    assert visible(outsider, leeds) == set()
    assert not selectors.documents_for(outsider).filter(item__inspection=leeds).exists()


def test_agency_contacts_see_only_their_agencys_documents(leeds: Inspection) -> None:
    police_docs = selectors.documents_for(contact("leeds.police")).filter(item__inspection=leeds)
    assert police_docs.exists()
    assert set(police_docs.values_list("item__agency__kind", flat=True)) == {"police"}
    coordinator_docs = selectors.documents_for(contact("leeds.coordinator")).filter(
        item__inspection=leeds
    )
    assert set(coordinator_docs.values_list("item__agency__kind", flat=True)) >= {
        "police",
        "health",
        "local_authority",
    }


def test_nothing_is_seen_before_notification(users: dict[str, User]) -> None:
    """Even items written against a planned inspection (which the service never does)
    stay invisible to its area until it is notified."""
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    plan = selectors.planned_items(kent)
    services.request_items_create(inspection=kent, plan=plan, now=timezone.now())
    for who in ("kent.coordinator", "kent.health"):
        assert visible(contact(who), kent) == set()
    assert visible(users["programme_manager"], kent) == ALL_KINDS
    Inspection.objects.filter(pk=kent.pk).update(notified_at=timezone.now())
    assert visible(contact("kent.coordinator"), kent) == ALL_KINDS
    assert visible(contact("kent.health"), kent) == {"health"}


@pytest.mark.parametrize("who", ["kent_coordinator", "kent_health"])
def test_the_planned_kent_inspection_has_no_pages_for_kent(who: str, client_for: Any) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    response = client_for(who).get(reverse("information:request", args=[kent.reference]))
    assert response.status_code == 404


def item_url(item: InformationItem) -> str:
    return reverse("information:item", args=[item.inspection.reference, item.pk])


@pytest.mark.parametrize(
    ("who", "kind", "status"),
    [
        ("leeds_police", "police", 200),
        ("leeds_police", "health", 404),
        ("leeds_police", "local_authority", 404),
        ("leeds_coordinator", "health", 200),
        ("inspector", "health", 200),
        ("kent_coordinator", "police", 404),
        ("kent_health", "health", 404),
    ],
)
def test_item_pages(who: str, kind: str, status: int, client_for: Any, leeds: Inspection) -> None:
    assert client_for(who).get(item_url(item_of(leeds, kind))).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("leeds_police", 200),
        ("leeds_coordinator", 200),
        ("lead_inspector", 200),
        ("qa_manager", 200),
        ("kent_coordinator", 404),
        ("kent_health", 404),
    ],
)
def test_downloads_are_checked_and_logged(
    who: str, status: int, client_for: Any, leeds: Inspection
) -> None:
    document = uploaded_document(leeds)
    url = reverse("information:download", args=[leeds.reference, document.pk])
    response = client_for(who).get(url)
    assert response.status_code == status
    assert downloads_of(document).count() == (status == 200)


def test_another_agencys_document_is_not_found_and_not_logged(
    client_for: Any, leeds: Inspection
) -> None:
    document = uploaded_document(leeds)  # a police document
    health = contact("leeds.health")
    client = client_for(None)
    sign_in_fully(client, health)
    url = reverse("information:download", args=[leeds.reference, document.pk])
    assert client.get(url).status_code == 404
    assert not downloads_of(document).exists()


def test_a_document_is_found_only_under_its_own_inspection(
    client_for: Any, leeds: Inspection
) -> None:
    document = uploaded_document(leeds)
    other = Inspection.objects.get(area__name="Leeds", status=Status.CLOSED)
    url = reverse("information:download", args=[other.reference, document.pk])
    assert client_for("programme_manager").get(url).status_code == 404


def test_late_means_outstanding_and_past_due(leeds: Inspection) -> None:
    item = item_of(leeds, "probation")
    day = item.due_on
    assert not item.is_late_on(day)
    assert item.is_late_on(day + dt.timedelta(days=1))
    item.status = "submitted"
    assert not item.is_late_on(day + dt.timedelta(days=1))
    item.status = "returned"
    assert item.is_late_on(day + dt.timedelta(days=1))
