"""What people type as a second factor, read without Django: an authenticator app's
six-digit code or one of their recovery codes, however they spaced or cased it."""

from __future__ import annotations

import base64
import binascii
import enum
import re
import secrets

APP_CODE_DIGITS = 6
RECOVERY_CODE_COUNT = 10
_SEPARATORS = re.compile(r"[\s\-]+")
_RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


class CodeKind(enum.Enum):
    APP = "a code from the authenticator app"
    RECOVERY = "a recovery code"
    UNREADABLE = "neither"


def normalise(text: str) -> str:
    """What was typed without spaces and hyphens, in lower case: people copy codes with
    the spaces they were shown in, or add their own."""
    return _SEPARATORS.sub("", text).lower()


def kind_of(text: str) -> CodeKind:
    code = normalise(text)
    if code.isdigit() and len(code) == APP_CODE_DIGITS:
        return CodeKind.APP
    if _RECOVERY_CODE.fullmatch(code):
        return CodeKind.RECOVERY
    return CodeKind.UNREADABLE


def new_recovery_code() -> str:
    """Eight random base32 letters and digits (40 bits), lower case, as people type them."""
    return base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def recovery_code_for_display(code: str) -> str:
    """'abcd efgh': two groups of four are easier to copy down than eight in a row."""
    return f"{code[:4]} {code[4:]}" if len(code) == 8 else code


def secret_for_display(hex_key: str) -> str:
    """The device's key as authenticator apps ask for it when typed in: base32, in
    groups of four."""
    try:
        secret = base64.b32encode(binascii.unhexlify(hex_key)).decode("ascii").rstrip("=")
    except (binascii.Error, ValueError):
        return ""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
