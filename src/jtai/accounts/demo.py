"""Demo accounts come with their authenticator app already set up, all with the same
known key, so that anyone trying the demo can sign in (the sign-in code page shows the
current code, in demo mode only)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.demo.people import DEMO_TOTP_KEY

from .models import User
from .services import APP_DEVICE_NAME


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
