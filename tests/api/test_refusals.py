"""What the API answers when it says no: a plain-English `detail`, and for input it
cannot read, each problem with the parameter it is about."""

from __future__ import annotations

import pytest
from django.test import Client

from jtai.accounts.models import User
from tests.accounts.factories import sign_in_fully

DATE_PROBLEM = "must be a date written as YYYY-MM-DD, like 2026-05-18."


@pytest.mark.parametrize(
    "written",
    [
        "20260518",  # Python's own ISO reading takes this one
        "12",  # pydantic's takes this as 12 seconds after 1970
        "1779062400",
        "2026-05-18T00:00:00",
        "18/05/2026",
        "2026-5-18",
        "2026-02-30",
        "２０２６-０５-１８",  # full-width digits
        "",
    ],
)
def test_a_date_must_be_written_as_an_iso_date(written: str, db: None) -> None:
    response = Client().get("/api/v1/timeline", {"fieldwork_start": written})
    assert response.status_code == 422
    message = f"fieldwork_start {DATE_PROBLEM}"
    assert response.json() == {
        "detail": message,
        "problems": [{"parameter": "fieldwork_start", "message": message}],
    }


def test_the_optional_date_is_held_to_the_same_form(db: None) -> None:
    response = Client().get(
        "/api/v1/timeline", {"fieldwork_start": "2026-05-18", "published": "45000"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == f"published {DATE_PROBLEM}"
    good = {"fieldwork_start": "2026-05-18", "published": "2026-07-10"}
    answer = Client().get("/api/v1/timeline", good)
    assert answer.status_code == 200
    assert answer.json()["published"] == "2026-07-10"


def test_every_problem_is_listed_in_plain_english(db: None) -> None:
    response = Client().get(
        "/api/v1/reports", {"q": "x" * 201, "year": "1999", "limit": "ten", "offset": "-1"}
    )
    assert response.status_code == 422
    assert response.json()["problems"] == [
        {"parameter": "q", "message": "q must be at most 200 characters long."},
        {"parameter": "year", "message": "year must be 2000 or more."},
        {"parameter": "limit", "message": "limit must be a whole number."},
        {"parameter": "offset", "message": "offset must be 0 or more."},
    ]
    assert response.json()["detail"] == (
        "q must be at most 200 characters long. year must be 2000 or more. "
        "limit must be a whole number. offset must be 0 or more."
    )


def test_a_missing_date_is_named(db: None) -> None:
    response = Client().get("/api/v1/timeline", {"framework": "2016"})
    assert response.status_code == 422
    assert response.json()["detail"] == "fieldwork_start is required."


@pytest.mark.urls("tests.api.signed_in_urls")
def test_an_operation_for_signed_in_users_refuses_anyone_else_plainly(
    users: dict[str, User],
) -> None:
    refused = {"detail": "Sign in to the service, with your two-factor code, to use this."}
    anonymous = Client().get("/api/signed-in/who")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"].startswith("application/json")
    assert anonymous.json() == refused

    # A password without the two-factor code is not yet signed in, for the API too.
    pending = Client()
    pending.force_login(users["lead_inspector"])
    assert pending.get("/api/signed-in/who").json() == refused

    signed_in = sign_in_fully(Client(), users["lead_inspector"])
    answer = signed_in.get("/api/signed-in/who")
    assert answer.status_code == 200
    assert answer.json() == {"email": users["lead_inspector"].email}
