"""The information request's pages: progress across agencies for the coordinator, an
agency's own items for its contacts, what arrived and what is late for inspectors; the
item page with every version; reviewing; and query counts that stay flat."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.information.models import InformationItem, ItemStatus
from jtai.information.selectors import request_overview
from jtai.inspections.models import Inspection
from tests.accounts.factories import sign_in_fully

from .factories import contact, fresh_item, item_of, leeds_inspection, unique_pdf, upload


@pytest.fixture
def leeds(db: None) -> Inspection:
    return leeds_inspection()


def request_url(inspection: Inspection) -> str:
    return reverse("information:request", args=[inspection.reference])


def item_url(item: InformationItem) -> str:
    return reverse("information:item", args=[item.inspection.reference, item.pk])


def text(response: Any) -> str:
    """The page's text, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_coordinator_sees_progress_across_agencies(client_for: Any, leeds: Inspection) -> None:
    response = client_for("leeds_coordinator").get(request_url(leeds))
    assert response.status_code == 200
    page = text(response)
    assert "Progress by agency" in page
    overview = request_overview(user=contact("leeds.coordinator"), inspection=leeds)
    assert len(overview.by_agency) == 5
    for progress in overview.by_agency:
        assert progress.agency is not None
        row = (
            f"{progress.agency.name} {progress.total} {progress.received} {progress.accepted} "
            f"{progress.returned} {progress.outstanding} {progress.late}"
        )
        assert row in page
    assert f"Received {overview.totals.received} of {overview.totals.total} items" in page


def test_an_agency_contact_sees_only_their_items(client_for: Any, leeds: Inspection) -> None:
    page = text(client_for("leeds_police").get(request_url(leeds)))
    assert "Progress by agency" not in page
    items = InformationItem.objects.filter(inspection=leeds)
    for item in items.filter(agency__kind="police"):
        assert item.title in page
    for item in items.exclude(agency__kind="police"):
        assert item.title not in page


def test_inspectors_see_what_arrived_and_what_is_late(client_for: Any, leeds: Inspection) -> None:
    response = client_for("inspector").get(request_url(leeds))
    overview = request_overview(user=contact("inspector"), inspection=leeds)
    assert overview.totals.late > 0  # the demo's request went out last week
    html = response.content.decode()
    assert html.count('govuk-tag--red">Late</strong>') == overview.totals.late
    assert "2 files, last" in text(response)  # the police sent two files at once


def test_the_inspections_page_links_to_the_request(client_for: Any, leeds: Inspection) -> None:
    page = client_for("leeds_coordinator").get(
        reverse("inspections:detail", args=[leeds.reference])
    )
    assert f'href="{request_url(leeds)}"' in page.content.decode()
    assert "Information request" in text(page)
    closed = Inspection.objects.get(area__name="Leeds", status="closed")
    page = client_for("leeds_coordinator").get(
        reverse("inspections:detail", args=[closed.reference])
    )
    assert "Information request" not in text(page)  # no request was ever sent


def test_the_item_page_lists_every_version(client_for: Any, leeds: Inspection) -> None:
    children = InformationItem.objects.get(
        inspection=leeds, documents__filename="children-list.csv", documents__version=2
    )
    page = text(client_for("lead_inspector").get(item_url(children)))
    assert page.count("children-list.csv") == 2
    assert "2 (latest)" in page
    assert "Accepted" in page


def test_a_returned_item_says_what_is_missing_to_the_agency(
    client_for: Any, leeds: Inspection
) -> None:
    item = InformationItem.objects.get(inspection=leeds, status=ItemStatus.RETURNED)
    assert client_for(None).get(item_url(item)).status_code == 302  # to sign in
    client = Client()
    sign_in_fully(client, contact("leeds.health"))
    page = text(client.get(item_url(item)))
    assert "What the inspectors need" in page
    assert item.review_note in page
    assert "Upload files" in page


def test_uploads_closed_say_why(client_for: Any, leeds: Inspection) -> None:
    Inspection.objects.filter(pk=leeds.pk).update(status="fieldwork")
    page = text(client_for("leeds_police").get(item_url(item_of(leeds, "police"))))
    assert "Upload files" not in page
    assert "information can only be uploaded before fieldwork starts" in page


def test_an_inspector_accepts_or_returns_what_arrived(client_for: Any, leeds: Inspection) -> None:
    item = fresh_item(leeds, "police")
    upload(contact("leeds.police"), item, ("figures.pdf", unique_pdf()))
    client = client_for("inspector")
    review = reverse("information:review", args=[leeds.reference, item.pk])
    assert "Review what arrived" in text(client.get(item_url(item)))

    response = client.post(review, {"decision": "return", "note": ""})
    assert response.status_code == 400
    assert "Enter what is missing or needs to change" in text(response)

    response = client.post(review, {"decision": "return", "note": "Add the last quarter."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.review_note) == (ItemStatus.RETURNED, "Add the last quarter.")
    assert item.reviewed_by == contact("inspector")

    # Returned: nothing to review until the agency sends more.
    assert client.post(review, {"decision": "accept"}).status_code == 400
    upload(contact("leeds.police"), item, ("figures-q4.pdf", unique_pdf()))
    assert client.post(review, {"decision": "accept"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.review_note) == (ItemStatus.ACCEPTED, "")


def test_the_area_cannot_review(client_for: Any, leeds: Inspection) -> None:
    item = item_of(leeds, "police")
    review = reverse("information:review", args=[leeds.reference, item.pk])
    assert client_for("leeds_coordinator").post(review, {"decision": "accept"}).status_code == 403


# --- query counts ------------------------------------------------------------------------


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_items_with_documents(inspection: Inspection, count: int) -> None:
    coordinator = contact("leeds.coordinator")
    for n in range(count):
        item = fresh_item(inspection, ("police", "health", "local_authority")[n % 3])
        upload(coordinator, item, (f"a{n}.pdf", unique_pdf()), (f"b{n}.pdf", unique_pdf()))


@pytest.mark.parametrize("role", ["lead_inspector", "leeds_coordinator", "leeds_police"])
def test_the_request_page_query_count_does_not_grow(
    role: str, client_for: Any, leeds: Inspection
) -> None:
    client = client_for(role)
    add_items_with_documents(leeds, 6)
    before = queries(client, request_url(leeds))
    add_items_with_documents(leeds, 12)
    assert queries(client, request_url(leeds)) == before
    detail = reverse("inspections:detail", args=[leeds.reference])
    before = queries(client, detail)
    add_items_with_documents(leeds, 6)
    assert queries(client, detail) == before


def test_the_item_page_query_count_does_not_grow_with_versions(
    client_for: Any, leeds: Inspection
) -> None:
    item = fresh_item(leeds, "police")
    police = contact("leeds.police")
    upload(police, item, ("report.pdf", unique_pdf()), ("figures.pdf", unique_pdf()))
    client = client_for("leeds_police")
    before = queries(client, item_url(item))
    for _ in range(4):
        upload(police, item, ("report.pdf", unique_pdf()), ("other.pdf", unique_pdf()))
    assert queries(client, item_url(item)) == before
