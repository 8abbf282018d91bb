"""Until the second factor is given, a signed-in session reaches only the two-factor
pages and sign-out: checked on every URL the service has."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.accounts.policy import Audience, in_audience, signed_in
from tests.test_url_access import EXPECTED, _url

from .factories import TWO_FACTOR, app_code, give_code, give_password

REACHABLE_BEFORE_THE_CODE = {
    "accounts:two-factor": 200,
    "accounts:two-factor-set-up": 302,  # to the code page: the app is already set up
    "accounts:logout": 405,  # a POST
}


@pytest.fixture
def pending(users: dict[str, User]) -> Client:
    """The lead inspector, password given, code not yet."""
    client = Client()
    give_password(client, users["lead_inspector"].email)
    return client


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_password_alone_reaches_only_the_two_factor_pages(
    name: str, pending: Client, client_for: Any
) -> None:
    url = _url(name)
    response = pending.get(url)
    if name in REACHABLE_BEFORE_THE_CODE:
        assert response.status_code == REACHABLE_BEFORE_THE_CODE[name]
    elif name.startswith("api:"):
        # The API treats the session as no session at all.
        assert response.status_code == client_for(None).get(url).status_code
    else:
        assert response.status_code == 302, name
        assert response["Location"].startswith(TWO_FACTOR + "?next="), name


def test_a_form_posted_before_the_code_changes_nothing(pending: Client) -> None:
    response = pending.post(reverse("inspections:create"), {"area": "1"})
    assert response.status_code == 302
    assert response["Location"] == TWO_FACTOR


def test_the_admin_site_asks_for_the_code_too(users: dict[str, User]) -> None:
    client = Client()
    give_password(client, users["administrator"].email)
    response = client.get("/admin/accounts/user/")
    assert response["Location"].startswith(TWO_FACTOR + "?next=")


def test_sign_out_works_before_the_code(pending: Client) -> None:
    response = pending.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert "_auth_user_id" not in pending.session


def test_the_policy_treats_a_pending_user_as_signed_out(users: dict[str, User]) -> None:
    lead = users["lead_inspector"]
    assert signed_in(lead) is lead
    lead.two_factor_pending = True  # type: ignore[attr-defined]
    assert signed_in(lead) is None
    assert not in_audience(lead, Audience.SIGNED_IN)
    assert in_audience(lead, Audience.SIGNING_IN)


def test_the_code_page_itself_is_for_signed_in_people_only(db: None) -> None:
    response = Client().get(TWO_FACTOR)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_once_verified_the_two_factor_pages_send_people_on(users: dict[str, User]) -> None:
    client = Client()
    give_password(client, users["qa_manager"].email)
    give_code(client, app_code(users["qa_manager"]))
    assert client.get(TWO_FACTOR + "?next=/areas/")["Location"] == "/areas/"
    assert client.get("/areas/").status_code == 200


def test_enforcement_adds_no_query_to_a_page(client_for: Any, users: dict[str, User]) -> None:
    """Verification is read from the session and the user, which every page loads."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("lead_inspector")
    url = reverse("core:accessibility")
    with CaptureQueriesContext(connection) as verified:
        assert client.get(url).status_code == 200
    tables = " ".join(query["sql"] for query in verified.captured_queries)
    assert "otp_totp" not in tables
    assert "otp_static" not in tables
    assert "accounts_recoverycode" not in tables
