"""Two-factor authentication: setting up an authenticator app, checking codes, recovery
codes and administrators' resets.

Devices are django-otp's: a TOTP device for the authenticator app, and our own recovery
code device, which stores only a hash of each code (each deleted when used; see
``recovery``). django-otp refuses a TOTP
code at or before the last step it accepted, and slows down guessing by making each
device wait 1, 2, 4, 8... seconds after each wrong code; the sign-in pages add the
account lock on top (see views)."""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.core.refusals import Refusal

from .codes import RECOVERY_CODE_COUNT, CodeKind, kind_of, new_recovery_code, normalise
from .models import RecoveryCode, RecoveryCodeDevice, TwoFactorReset, User
from .policy import has_role
from .recovery import recovery_code_digest
from .roles import Role

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

ENTER_A_CODE = "Enter the 6-digit code from your authenticator app, or a recovery code"
UNREADABLE = (
    "Enter the 6 numbers from your authenticator app, or a recovery code of 8 letters and numbers"
)
ENTER_APP_CODE = "Enter the 6-digit code from your authenticator app"
UNREADABLE_APP_CODE = "Enter the code as 6 numbers, like 123456"
WRONG_APP_CODE = (
    "The code is not correct. Enter the code your authenticator app shows now "
    "(check the account is for this service)"
)
REUSED_APP_CODE = (
    "That code has already been used. Wait for your authenticator app to show a new "
    "code, then enter it"
)
WRONG_RECOVERY_CODE = "That recovery code is not correct, or has already been used"


class TwoFactorError(Refusal):
    """A refused two-factor step; its message is shown as it is."""


class CodeRefused(TwoFactorError):
    """A code that was not accepted. ``counts_as_failure``: whether it was a guess that
    counts towards locking the account (a code already used, or one typed while the
    device must wait, was never checked against anything new)."""

    def __init__(self, message: str, *, counts_as_failure: bool = True) -> None:
        super().__init__(message)
        self.counts_as_failure = counts_as_failure


@dataclass(frozen=True)
class Verified:
    device: TOTPDevice | RecoveryCodeDevice
    recovery_codes_left: int | None  # only when a recovery code was used


# --- reading ---------------------------------------------------------------------------


def app_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def _wait_message(device: TOTPDevice | RecoveryCodeDevice) -> CodeRefused | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    until = details.get("locked_until") if isinstance(details, dict) else None
    seconds = 1
    if isinstance(until, dt.datetime):
        seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    unit = "second" if seconds == 1 else "seconds"
    return CodeRefused(
        f"You entered a wrong code just now. Wait {seconds} {unit}, then enter the code again",
        counts_as_failure=False,
    )


def _was_used_already(device: TOTPDevice, code: str) -> bool:
    """Whether a refused code is one the device would accept now but for having already
    accepted a code at or after its time step."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return bool(totp.verify(int(code), device.tolerance))


def _check_app_code(device: TOTPDevice, code: str) -> CodeRefused | None:
    """None if the code is accepted. The device's throttling and last-used step are
    saved either way (hence no exception inside the caller's transaction)."""
    waiting = _wait_message(device)
    if waiting is not None:
        return waiting
    if device.verify_token(code):
        return None
    if _was_used_already(device, code):
        return CodeRefused(REUSED_APP_CODE, counts_as_failure=False)
    return CodeRefused(WRONG_APP_CODE)


# --- signing in ------------------------------------------------------------------------


def two_factor_verify(*, user: User, code: str) -> Verified:
    """Check the second factor of someone who has given their password: a code from
    their authenticator app or one of their recovery codes (used up by this)."""
    kind = kind_of(code)
    if not code.strip():
        raise CodeRefused(ENTER_A_CODE, counts_as_failure=False)
    if kind is CodeKind.UNREADABLE:
        raise CodeRefused(UNREADABLE, counts_as_failure=False)
    outcome = _verify(user, normalise(code), kind)
    if isinstance(outcome, CodeRefused):
        raise outcome
    return outcome


@transaction.atomic
def _verify(user: User, code: str, kind: CodeKind) -> Verified | CodeRefused:
    if kind is CodeKind.APP:
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            return CodeRefused("Set up your authenticator app first", counts_as_failure=False)
        refused = _check_app_code(device, code)
        return refused or Verified(device=device, recovery_codes_left=None)
    recovery = (
        RecoveryCodeDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .first()
    )
    if recovery is None:
        return CodeRefused(WRONG_RECOVERY_CODE)
    waiting = _wait_message(recovery)
    if waiting is not None:
        return waiting
    if not recovery.verify_token(code):
        return CodeRefused(WRONG_RECOVERY_CODE)
    return Verified(device=recovery, recovery_codes_left=recovery.codes.count())


# --- setting up ------------------------------------------------------------------------


@transaction.atomic
def enrolment_device(*, user: User) -> TOTPDevice:
    """The not yet confirmed device whose QR code someone setting up is shown. It stays
    the same until confirmed, so reloading the page does not undo what they scanned."""
    if app_device(user) is not None:
        raise TwoFactorError("Your authenticator app is already set up")
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def two_factor_enrol(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app being set up with a code it shows, and give the
    user their recovery codes (to be shown once)."""
    if not code.strip():
        raise CodeRefused(ENTER_APP_CODE, counts_as_failure=False)
    if kind_of(code) is not CodeKind.APP:
        raise CodeRefused(UNREADABLE_APP_CODE, counts_as_failure=False)
    outcome = _enrol(user, normalise(code))
    if isinstance(outcome, CodeRefused):
        raise outcome
    return outcome


@transaction.atomic
def _enrol(user: User, code: str) -> tuple[TOTPDevice, list[str]] | CodeRefused:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return CodeRefused("Your authenticator app is already set up", counts_as_failure=False)
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        return CodeRefused(
            "The set-up has expired. Scan the new QR code, then enter the code it shows",
            counts_as_failure=False,
        )
    refused = _check_app_code(device, code)
    if refused is not None:
        return refused
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device, _replace_recovery_codes(user)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for someone signed in; the old ones stop working."""
    if app_device(user) is None:
        raise TwoFactorError("Set up your authenticator app first")
    return _replace_recovery_codes(user)


def _replace_recovery_codes(user: User) -> list[str]:
    device = RecoveryCodeDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = RecoveryCodeDevice.objects.create(
            user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
        )
    RecoveryCodeDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.codes.all().delete()
    device.throttle_reset()
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(new_recovery_code())
    ordered = sorted(codes)
    # Only the hashes are kept: the codes themselves are returned to be shown once.
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, digest=recovery_code_digest(user.pk, code)) for code in ordered
    )
    return ordered


# --- administrators ----------------------------------------------------------------------


class TwoFactorResetRefused(TwoFactorError):
    pass


@transaction.atomic
def two_factor_reset(*, actor: User, user: User, now: dt.datetime | None = None) -> TwoFactorReset:
    """Remove someone's authenticator app and recovery codes, so that they set up a new
    app at their next sign-in, and end any session they signed in to with the old one."""
    if not has_role(actor, Role.ADMINISTRATOR):
        raise TwoFactorResetRefused("Only an administrator can reset two-factor authentication")
    if actor.pk == user.pk:
        raise TwoFactorResetRefused(
            "You cannot reset your own two-factor authentication. Ask another administrator"
        )
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(two_factor_version=F("two_factor_version") + 1)
    user.refresh_from_db(fields=["two_factor_version"])
    return TwoFactorReset.objects.create(user=user, reset_by=actor, reset_at=now or timezone.now())
