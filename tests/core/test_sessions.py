"""Activity keeps a session alive by pushing its expiry on, but the session is written at
most once a minute rather than on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

URL = "/inspections/"


def _expiry(client: Client) -> dt.datetime:
    key = client.cookies["sessionid"].value
    return Session.objects.get(session_key=key).expire_date


def _session_writes(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in query["sql"]
    )


def test_pages_within_a_minute_do_not_write_the_session(
    client_for: Callable[[str | None], Client],
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for("lead_inspector")
        client.get(URL)
        expiry = _expiry(client)
        traveller.shift(dt.timedelta(seconds=30))
        assert _session_writes(client) == 0
        assert _expiry(client) == expiry


def test_a_page_after_a_minute_pushes_the_expiry_on(
    client_for: Callable[[str | None], Client],
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for("lead_inspector")
        client.get(URL)
        expiry = _expiry(client)
        traveller.shift(dt.timedelta(minutes=5))
        assert _session_writes(client) == 1
        assert _expiry(client) == expiry + dt.timedelta(minutes=5)


def test_visitors_without_a_session_get_none(client_for: Callable[[str | None], Client]) -> None:
    client = client_for(None)
    assert client.get("/reports/").status_code == 200
    assert "sessionid" not in client.cookies
