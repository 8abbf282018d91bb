"""Activity keeps a session alive by pushing its expiry on, but the session is written at
most once a minute rather than on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
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


@pytest.mark.parametrize(
    ("idle", "writes", "pushed_on"),
    [
        (dt.timedelta(seconds=30), 0, dt.timedelta(0)),  # within a minute: no write
        (dt.timedelta(minutes=5), 1, dt.timedelta(minutes=5)),  # after it: expiry moves on
    ],
)
def test_a_session_is_written_at_most_once_a_minute(
    client_for: Callable[[str | None], Client],
    idle: dt.timedelta,
    writes: int,
    pushed_on: dt.timedelta,
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for("lead_inspector")
        client.get(URL)
        expiry = _expiry(client)
        traveller.shift(idle)
        assert _session_writes(client) == writes
        assert _expiry(client) == expiry + pushed_on


def test_visitors_without_a_session_get_none(client_for: Callable[[str | None], Client]) -> None:
    client = client_for(None)
    assert client.get("/reports/").status_code == 200
    assert "sessionid" not in client.cookies
