"""Inputs the API fuzzing once found a server error for, kept as plain regression tests."""

from __future__ import annotations

from django.test import Client


def test_a_timeline_before_the_calendar_begins_is_refused_plainly(db: None) -> None:
    response = Client().get("/api/v1/timeline", {"fieldwork_start": "0001-01-01"})
    assert response.status_code == 400
    assert "outside the supported dates" in response.json()["detail"]
