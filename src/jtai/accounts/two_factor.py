"""Whether a session has passed the second factor, and what the set-up page shows.

A session is verified when it holds the user's ``two_factor_version`` as it was when they
gave their code. Checking that needs only the session and the user, which every request
loads anyway, so enforcing two-factor authentication adds no query to any page; and an
administrator's reset, which raises the version, un-verifies every session of that user
at once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

import qrcode  # type: ignore[import-untyped]
import qrcode.image.svg  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .codes import secret_for_display

if TYPE_CHECKING:
    from .models import User

VERIFIED_SESSION_KEY = "jtai_two_factor_version"
# Recovery codes just made, kept only until the page that shows them once is opened.
NEW_CODES_SESSION_KEY = "jtai_new_recovery_codes"


def session_marks(user: User, device: Device) -> dict[str, Any]:
    """What a session holds once ``user`` has given a code from ``device``."""
    return {
        DEVICE_ID_SESSION_KEY: device.persistent_id,
        VERIFIED_SESSION_KEY: user.two_factor_version,
    }


def is_verified(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    version = request.session.get(VERIFIED_SESSION_KEY)
    return version is not None and version == getattr(user, "two_factor_version", None)


def is_pending(request: HttpRequest) -> bool:
    """Signed in with a password (or single sign-on) but not yet with a code."""
    return request.user.is_authenticated and not is_verified(request)


def mark_verified(request: HttpRequest, user: User, device: Device) -> None:
    # A new session key once the second factor is given, as Django does after the
    # password: a key seen before this point is worth nothing after it.
    request.session.cycle_key()
    request.session.update(session_marks(user, device))


def qr_code_svg(device: TOTPDevice, *, label: str) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code (drawn on the server: the
    page needs no script), with a text alternative."""
    qr = qrcode.QRCode(box_size=12, border=4, image_factory=qrcode.image.svg.SvgPathImage)
    qr.add_data(device.config_url)
    image = qr.make_image()
    root = image.get_image()
    root.set("role", "img")
    root.set("aria-labelledby", "qr-code-title")
    root.set("class", "jtai-qr-code")
    title = ET.Element("title", {"id": "qr-code-title"})
    title.text = label
    root.insert(0, title)
    # White behind the code: some apps cannot read dark modules on a transparent image.
    background = ET.Element("rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    root.insert(1, background)
    svg = ET.tostring(root, encoding="unicode")
    return mark_safe(svg)  # noqa: S308 - generated from our own data, no user input


def secret_text(device: TOTPDevice) -> str:
    return secret_for_display(device.key)


def demo_code(device: TOTPDevice) -> str | None:
    """In demo mode only, the code a demo account's shared authenticator would show now
    (or the next one, if the current one has been used). None for any other device and
    always outside demo mode."""
    from jtai.demo.people import DEMO_TOTP_KEY

    if not settings.JTAI_DEMO_MODE or device.key != DEMO_TOTP_KEY:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    wanted = max(now, device.last_t + 1)
    if wanted > now + device.tolerance:
        return None  # the current and the next code have both been used: wait a moment
    totp.drift += wanted - now
    return f"{totp.token():0{device.digits}d}"
