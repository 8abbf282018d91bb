from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jtai.accounts.models import User
from jtai.demo.people import DEMO_PASSWORD

from .factories import SIGN_IN, TWO_FACTOR, app_code, give_code, give_password


def sign_in(client: Client, email: str, password: str) -> Any:
    return give_password(client, email, password)


def test_the_password_then_the_code_signs_in(users: dict[str, User]) -> None:
    client = Client()
    response = sign_in(client, "LEAD@demo.jtai.example", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == TWO_FACTOR
    # The password alone shows nothing of the service yet: the home page (a dashboard
    # once signed in) asks for the code.
    home = client.get("/", follow=True)
    assert home.redirect_chain == [(TWO_FACTOR + "?next=%2F", 302)]
    assert "Enter your security code" in home.content.decode()
    response = give_code(client, app_code(users["lead_inspector"]))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Hannah Clarke" in client.get("/").content.decode()


def test_the_page_asked_for_is_reached_after_both_factors(users: dict[str, User]) -> None:
    client = Client()
    asked = reverse("inspections:list") + "?status=planned"
    to_sign_in = client.get(asked)
    assert to_sign_in["Location"].startswith(SIGN_IN + "?next=")
    response = client.post(
        SIGN_IN, {"username": "qa@demo.jtai.example", "password": DEMO_PASSWORD, "next": asked}
    )
    assert response["Location"].startswith(TWO_FACTOR + "?next=")
    page = client.get(response["Location"]).content.decode()
    assert 'name="next" value="/inspections/?status=planned"' in page
    response = give_code(client, app_code(users["qa_manager"]), next_url=asked)
    assert response["Location"] == asked


def test_another_sites_address_is_never_the_next_page(users: dict[str, User]) -> None:
    client = Client()
    sign_in(client, "qa@demo.jtai.example", DEMO_PASSWORD)
    response = give_code(client, app_code(users["qa_manager"]), next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_a_wrong_password_is_explained_and_the_email_kept(users: dict[str, User]) -> None:
    response = sign_in(Client(), "lead@demo.jtai.example", "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The email address or password is not correct" in page
    assert 'value="lead@demo.jtai.example"' in page
    assert "_auth_user_id" not in response.wsgi_request.session


def test_an_unknown_user_gets_the_same_message(db: None) -> None:
    page = sign_in(Client(), "nobody@example.org", "whatever-password").content.decode()
    assert "The email address or password is not correct" in page


def test_empty_fields_are_named(db: None) -> None:
    page = sign_in(Client(), "", "").content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page
    assert 'href="#id_username"' in page


def test_repeated_failures_lock_the_account_and_say_until_when(users: dict[str, User]) -> None:
    client = Client()
    with time_machine.travel(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC), tick=False):
        for _ in range(5):
            sign_in(client, "qa@demo.jtai.example", "wrong-password")
        locked = sign_in(client, "qa@demo.jtai.example", DEMO_PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Your account is locked for now" in page
    # 30 minutes after the last failure, in London time (GMT in March before the change).
    assert "You can try again after 2:30pm on Tuesday 10 March 2026" in page
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_failures_lock_only_the_address_they_came_from(
    users: dict[str, User], settings: Any
) -> None:
    # Everyone reaches the service through one proxy on 127.0.0.1, which names the visitor.
    settings.JTAI_TRUSTED_PROXY_COUNT = 1
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    owner = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    for _ in range(5):
        sign_in(guesser, "qa@demo.jtai.example", "wrong-password")
    assert sign_in(guesser, "qa@demo.jtai.example", DEMO_PASSWORD).status_code == 429
    assert sign_in(owner, "qa@demo.jtai.example", DEMO_PASSWORD)["Location"] == TWO_FACTOR


def test_a_locked_account_can_sign_in_once_the_lock_has_passed(users: dict[str, User]) -> None:
    client = Client()
    start = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(5):
            sign_in(client, "qa@demo.jtai.example", "wrong-password")
        traveller.shift(dt.timedelta(minutes=31))
        response = sign_in(client, "qa@demo.jtai.example", DEMO_PASSWORD)
        assert response["Location"] == TWO_FACTOR


def test_a_deactivated_user_cannot_sign_in(users: dict[str, User]) -> None:
    User.objects.filter(pk=users["inspector"].pk).update(is_active=False)
    response = sign_in(Client(), "inspector@demo.jtai.example", DEMO_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_form_without_its_csrf_token_is_refused_plainly(users: dict[str, User]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, "lead@demo.jtai.example", DEMO_PASSWORD)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_session_asks_to_sign_in_again(client_for: Any) -> None:
    client = client_for("lead_inspector")
    client.session.flush()
    client.cookies.pop("sessionid", None)
    response = client.get(reverse("inspections:list"))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "you were signed out after" in follow.content.decode()


def test_sessions_end_after_30_minutes_without_activity(client_for: Any) -> None:
    url = reverse("inspections:list")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = client_for("lead_inspector")
        assert client.get(url).status_code == 200
        # Activity keeps the session alive: each request pushes its expiry on.
        for _ in range(3):
            traveller.shift(dt.timedelta(minutes=29))
            assert client.get(url).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_deactivating_a_user_ends_their_session_at_once(
    client_for: Any, users: dict[str, User]
) -> None:
    client = client_for("inspector")
    url = reverse("inspections:list")
    assert client.get(url).status_code == 200
    User.objects.filter(pk=users["inspector"].pk).update(is_active=False)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    # Not even the public home page shows their dashboard any more.
    assert "Tom Okafor" not in client.get("/").content.decode()


def test_signing_out_ends_the_session(client_for: Any) -> None:
    client = client_for("lead_inspector")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("inspections:list")).status_code == 302
