"""Demo accounts come with their authenticator app already set up, all with the same
known key, so that anyone trying the demo can sign in (the sign-in code page shows the
current code, in demo mode only)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.demo.people import DEMO_TOTP_KEY

from .models import User
from .services import APP_DEVICE_NAME, app_device
from .two_factor import session_marks


def enrol_demo_accounts(users: Iterable[User]) -> int:
    """Give each demo user a confirmed authenticator app with the demo key."""
    if not settings.JTAI_DEMO_MODE:
        raise RuntimeError("Demo two-factor devices exist only in demo mode.")
    devices = [
        TOTPDevice(user=user, name=APP_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
        for user in users
    ]
    TOTPDevice.objects.bulk_create(devices)
    return len(devices)


def sign_in_demo_client(client: Client, user: User) -> Client:
    """Sign a test client in as a demo user with both factors given, as the sign-in pages
    leave a session (for benchmarks timing pages over the demo data). Demo mode only."""
    if not settings.JTAI_DEMO_MODE:
        raise RuntimeError("Demo sign-in exists only in demo mode.")
    device = app_device(user)
    if device is None:
        raise RuntimeError(f"{user.email} has no authenticator app set up.")
    client.force_login(user)
    session = client.session
    session.update(session_marks(user, device))
    session.save()
    return client
