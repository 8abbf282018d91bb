from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.demo.people import DEMO_PASSWORD

SIGN_IN = "/account/sign-in/"


def sign_in(client: Client, email: str, password: str) -> Any:
    return client.post(SIGN_IN, {"username": email, "password": password})


def test_signing_in_with_the_demo_password_works(users: dict[str, User]) -> None:
    client = Client()
    response = sign_in(client, "LEAD@demo.jtai.example", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Hannah Clarke" in client.get("/").content.decode()


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


def test_repeated_failures_lock_the_account(users: dict[str, User]) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "qa@demo.jtai.example", "wrong-password")
    locked = sign_in(client, "qa@demo.jtai.example", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "Your account is locked for now" in locked.content.decode()


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


def test_an_expired_session_asks_to_sign_in_again(users: dict[str, User]) -> None:
    client = Client()
    client.force_login(users["lead_inspector"])
    client.session.flush()
    client.cookies.pop("sessionid", None)
    response = client.get(reverse("inspections:list"))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "you were signed out after" in follow.content.decode()


def test_signing_out_ends_the_session(client_for: Any) -> None:
    client = client_for("lead_inspector")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("inspections:list")).status_code == 302
