"""Administrators search the access log and export it as CSV; looking is logged too."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jtai.accounts.models import User
from jtai.audit.models import AccessEvent, AccessKind
from jtai.inspections.models import Inspection
from tests.cases.factories import leeds

LOG = reverse("audit:log")
EXPORT = reverse("audit:export")


def _events(user: User, inspection: Inspection, count: int, **fields: Any) -> None:
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            occurred_at=fields.get("occurred_at", now - dt.timedelta(minutes=n)),
            user=user,
            kind=fields.get("kind", AccessKind.CHILD_DATA),
            action=fields.get("action", "view"),
            description=fields.get("description", f"Child LDS{n:05d} on Referrals"),
            detail=fields.get("detail", ""),
            inspection=inspection,
            path=f"/inspections/{inspection.reference}/cases/children/{n}/",
            ip_address="192.0.2.44",
            request_id=f"req{n:08d}",
        )
        for n in range(count)
    )


def _rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_an_administrator_searches_by_user_inspection_kind_and_words(
    client_for: Any, users: dict[str, User]
) -> None:
    inspection = leeds()
    _events(users["inspector"], inspection, 3)
    _events(
        users["leeds_police"],
        inspection,
        2,
        kind=AccessKind.DOCUMENT,
        action="download",
        description="Police referrals.xlsx (version 1)",
    )
    client = client_for("administrator")

    page = client.get(LOG, {"user": "inspector@", "inspection": inspection.reference})
    assert page.status_code == 200
    text = page.content.decode()
    assert "3 events" in text
    assert "LDS00001" in text
    assert "Police referrals.xlsx" not in text

    page = client.get(LOG, {"kind": AccessKind.DOCUMENT, "text": "referrals.xlsx"})
    assert "2 events" in page.content.decode()
    assert "Downloaded" in page.content.decode()


def test_dates_filter_whole_days_and_a_backwards_range_is_explained(
    client_for: Any, users: dict[str, User]
) -> None:
    inspection = leeds()
    long_ago = dt.datetime(2024, 3, 27, 23, 30, tzinfo=ZoneInfo("Europe/London"))
    _events(users["inspector"], inspection, 1, occurred_at=long_ago, description="Old view")
    client = client_for("administrator")
    day = {"date_from_day": "27", "date_from_month": "3", "date_from_year": "2024"}
    until = {"date_to_day": "27", "date_to_month": "3", "date_to_year": "2024"}
    page = client.get(LOG, {**day, **until})
    assert "1 event" in page.content.decode()
    assert "Old view" in page.content.decode()

    backwards = {**day, "date_to_day": "1", "date_to_month": "3", "date_to_year": "2024"}
    page = client.get(LOG, backwards)
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in text
    assert 'value="27"' in text  # what was typed is kept


def test_looking_at_the_log_is_itself_logged(client_for: Any, users: dict[str, User]) -> None:
    client_for("administrator").get(LOG, {"user": "lead@"})
    event = AccessEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.user == users["administrator"]
    assert event.kind == AccessKind.ACCESS_LOG
    assert event.description == "Searched the access log: user lead@"


def test_the_page_is_paginated(client_for: Any, users: dict[str, User]) -> None:
    _events(users["inspector"], leeds(), 120)
    client = client_for("administrator")
    first = client.get(LOG, {"user": "inspector@"}).content.decode()
    assert "120 events" in first
    assert "Page 1 of 3" in first
    third = client.get(LOG, {"user": "inspector@", "page": 3}).content.decode()
    assert "Page 3 of 3" in third


def _queries(client: Any, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LOG, params).status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_at_ten_times_the_events(
    client_for: Any, users: dict[str, User]
) -> None:
    inspection = leeds()
    client = client_for("administrator")
    params = {"inspection": inspection.reference}
    _events(users["inspector"], inspection, 10)
    _events(users["lead_inspector"], inspection, 10)
    small = _queries(client, params)
    _events(users["qa_manager"], inspection, 90)
    _events(users["leeds_police"], inspection, 90)
    assert _queries(client, params) == small


def test_the_export_is_csv_with_every_matching_event_and_is_logged(
    client_for: Any, users: dict[str, User]
) -> None:
    inspection = leeds()
    _events(users["inspector"], inspection, 130, detail="Case references shown: LDS1, LDS2")
    _events(users["leeds_police"], inspection, 1, description='=HYPERLINK("x")')
    response = client_for("administrator").get(EXPORT, {"inspection": inspection.reference})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="access-log-')
    rows = _rows(response)
    assert rows[0][:3] == ["When", "User", "Role"]
    body = rows[1:]
    assert len([r for r in body if r[1] == users["inspector"].email]) == 130
    (formula,) = [r for r in body if r[1] == users["leeds_police"].email]
    assert formula[5] == '\'=HYPERLINK("x")'  # a spreadsheet shows it, never runs it
    assert all(r[7] == inspection.reference for r in body)
    assert body[-1][6] == "Case references shown: LDS1, LDS2"
    event = AccessEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.kind, event.action) == (AccessKind.ACCESS_LOG, "download")


@pytest.mark.parametrize("who", ["programme_manager", "lead_inspector", "leeds_coordinator"])
def test_no_one_else_sees_the_log(who: str, client_for: Any) -> None:
    before = AccessEvent.objects.count()
    assert client_for(who).get(LOG).status_code == 403
    assert client_for(who).get(EXPORT).status_code == 403
    assert AccessEvent.objects.count() == before
