"""Inputs the API fuzzing once found a server error for, kept as plain regression tests."""

from __future__ import annotations

from django.test import Client


def test_a_timeline_before_the_calendar_begins_is_refused_plainly(db: None) -> None:
    response = Client().get("/api/v1/timeline", {"fieldwork_start": "0001-01-01"})
    assert response.status_code == 400
    assert "outside the supported dates" in response.json()["detail"]


def test_a_huge_page_of_reports_is_refused_plainly(db: None) -> None:
    for query in ({"offset": "99999999999999999999"}, {"limit": "9223372036854775808"}):
        response = Client().get("/api/v1/reports", query)
        assert response.status_code == 422
    assert Client().get("/api/v1/reports", {"offset": "0", "limit": "5"}).status_code == 200


def test_a_nul_character_in_the_address_is_refused_at_the_door(db: None) -> None:
    # PostgreSQL cannot compare text with NUL in it: this was a server error there.
    for url, query in (
        ("/api/v1/reports", {"q": "child\x00"}),
        ("/reports/", {"q": "\x00"}),
        ("/api/v1/reports", {"area\x00": "x"}),
    ):
        response = Client().get(url, query)
        assert response.status_code == 400
        assert "NUL character" in response.content.decode()
        if url.startswith("/api/"):  # in the shape the API's schema declares
            assert set(response.json()) == {"detail"}
    assert Client().get("/api/v1/reports", {"q": "child"}).status_code == 200
