"""Signing test clients in as the sign-in pages would."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client
from django_otp.oath import TOTP

from jtai.accounts.models import User
from jtai.accounts.services import app_device
from jtai.accounts.two_factor import session_marks
from jtai.demo.people import DEMO_PASSWORD


def sign_in_fully(client: Client, user: User) -> Client:
    """Sign ``client`` in as ``user`` with both factors: the session the sign-in pages
    leave once the code from the user's authenticator app is accepted."""
    device = app_device(user)
    assert device is not None, f"{user.email} has no authenticator app set up"
    client.force_login(user)
    session = client.session
    session.update(session_marks(user, device))
    session.save()
    return client


SIGN_IN = "/account/sign-in/"
TWO_FACTOR = "/account/two-factor/"


def app_code(user: User, *, steps_ahead: int = 0) -> str:
    """The code the user's authenticator app shows now (or ``steps_ahead`` steps of 30
    seconds later), computed as any TOTP app does."""
    device = app_device(user)
    assert device is not None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def give_password(client: Client, email: str, password: str = DEMO_PASSWORD) -> HttpResponse:
    response: HttpResponse = client.post(SIGN_IN, {"username": email, "password": password})
    return response


def give_code(client: Client, code: str, next_url: str = "") -> HttpResponse:
    data = {"code": code, **({"next": next_url} if next_url else {})}
    response: HttpResponse = client.post(TWO_FACTOR, data)
    return response
