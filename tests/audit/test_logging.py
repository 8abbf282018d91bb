"""Every page and download of child-level data writes one access event naming who, what,
when, from where and the request; a page the user may not see writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from jtai.audit.models import AccessEvent, AccessKind
from jtai.cases.models import Audit, ListedChild
from jtai.core.addresses import client_address
from tests.cases.factories import leeds, url_kwargs

CHILD_PAGES = (
    "cases:children",
    "cases:child",
    "cases:long-list-add",
    "cases:selection",
    "cases:suggest",
    "cases:request-audits",
    "cases:short-list",
    "cases:remove",
    "cases:audits",
    "cases:audit",
)


def _new_events(since: int) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(pk__gt=since).order_by("id"))


def _last_id() -> int:
    return AccessEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize("name", CHILD_PAGES)
def test_each_page_of_child_data_is_logged_once(name: str, client_for: Any, users: Any) -> None:
    inspection = leeds()
    url = reverse(name, kwargs=url_kwargs(name, inspection))
    before = _last_id()
    response = client_for("lead_inspector").get(
        url, REMOTE_ADDR="198.51.100.7", HTTP_X_REQUEST_ID="req-logging-0001"
    )
    assert response.status_code == 200
    (event,) = _new_events(before)
    assert event.user == users["lead_inspector"]
    assert event.kind == AccessKind.CHILD_DATA
    assert event.action == "view"
    assert event.inspection == inspection
    assert event.path == url
    assert event.ip_address == "198.51.100.7"
    assert event.request_id == "req-logging-0001"
    assert event.description


def test_the_area_s_pages_and_problem_report_are_logged(client_for: Any, users: Any) -> None:
    inspection = leeds()
    client = client_for("leeds_coordinator")
    for name, action in (
        ("cases:section", "view"),
        ("cases:submit", "view"),
        ("cases:problems", "download"),
    ):
        before = _last_id()
        response = client.get(reverse(name, kwargs=url_kwargs(name, inspection)))
        assert response.status_code == 200, name
        (event,) = _new_events(before)
        assert (event.user, event.action, event.inspection) == (
            users["leeds_coordinator"],
            action,
            inspection,
        )


def test_a_child_s_page_names_the_child_and_the_record(client_for: Any) -> None:
    inspection = leeds()
    child = ListedChild.objects.filter(inspection=inspection).order_by("id").first()
    assert child is not None
    client_for("inspector").get(reverse("cases:child", args=[inspection.reference, child.pk]))
    event = AccessEvent.objects.order_by("-id").first()
    assert event is not None
    assert child.case_reference in event.description
    assert (event.object_type, event.object_id) == ("cases.listedchild", child.pk)


def test_the_children_table_lists_the_references_it_showed(client_for: Any) -> None:
    inspection = leeds()
    client_for("lead_inspector").get(
        reverse("cases:children", args=[inspection.reference]), {"sort": "reference"}
    )
    event = AccessEvent.objects.order_by("-id").first()
    assert event is not None
    first = ListedChild.objects.filter(inspection=inspection).order_by("case_reference").first()
    assert first is not None
    assert event.description.startswith("Children on the lists, page 1")
    assert first.case_reference in event.detail


def test_an_audit_is_logged_with_its_record(client_for: Any) -> None:
    inspection = leeds()
    audit = Audit.objects.filter(inspection=inspection).order_by("id").first()
    assert audit is not None
    client_for("qa_manager").get(reverse("cases:audit", args=[inspection.reference, audit.pk]))
    event = AccessEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.object_type, event.object_id) == ("cases.audit", audit.pk)


@pytest.mark.parametrize("who", ["kent_coordinator", "kent_health"])
def test_a_page_another_area_cannot_see_logs_nothing(who: str, client_for: Any) -> None:
    inspection = leeds()
    before = _last_id()
    for name in ("cases:children", "cases:audits", "cases:child"):
        url = reverse(name, kwargs=url_kwargs(name, inspection))
        assert client_for(who).get(url).status_code == 404
    assert _new_events(before) == []


def test_the_overview_of_counts_is_not_child_level_data(client_for: Any) -> None:
    before = _last_id()
    client_for("lead_inspector").get(reverse("cases:index", args=[leeds().reference]))
    assert _new_events(before) == []


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "10.0.0.2", "203.0.113.9"),
        (1, "192.0.2.66, 203.0.113.9", "10.0.0.2", "203.0.113.9"),  # spoofed entry ignored
        (2, "203.0.113.9", "10.0.0.2", "10.0.0.2"),  # fewer hops than proxies: not believed
        (1, "not-an-address", "10.0.0.2", None),
        (0, "", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(
    proxies: int, forwarded: str, remote: str, expected: str | None, settings: Any
) -> None:
    settings.JTAI_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected
