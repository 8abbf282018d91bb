from __future__ import annotations

from jtai.inspections.lifecycle import key_dates_met

NAMES = ["notification", "information_due", "site_visit_booked", "fieldwork_start", "publication"]


def test_dates_are_met_when_the_inspection_reaches_their_stage() -> None:
    assert key_dates_met(NAMES, "planned", {}) == [False] * 5
    assert key_dates_met(NAMES, "notified", {}) == [True, False, False, False, False]


def test_an_added_key_date_is_met_once_a_later_one_is() -> None:
    assert key_dates_met(NAMES, "fieldwork", {}) == [True, True, True, True, False]
    assert key_dates_met(NAMES, "information_gathering", {}) == [True, False, False, False, False]


def test_an_actual_date_always_counts_and_withdrawal_meets_nothing_new() -> None:
    assert key_dates_met(NAMES, "withdrawn", {"notification": "2026-01-05"}) == [
        True,
        False,
        False,
        False,
        False,
    ]
