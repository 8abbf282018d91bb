"""How recovery codes are stored: as keyed hashes, never as the codes themselves.

A code is hashed with HMAC-SHA256 under a key derived from ``SECRET_KEY``
(``salted_hmac``), over the account's id and the code. Why this and not a password
hasher: a code is 40 random bits, not something a person chose, so there is no
dictionary to slow down; what stops someone who has read the database (or a backup of
it) is the key, which is kept out of both. A slow, salted password hash would instead
cost each sign-in one slow check per unused code (ten), since a salted hash cannot be
looked up. The account's id in the hashed text means a hash says nothing about any
other account's codes, so even with the key a guess must be tried per account.

Changing ``SECRET_KEY`` stops every recovery code working unless the old key is kept in
``SECRET_KEY_FALLBACKS``: codes are checked under each."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_KEY_SALT = "jtai.accounts.recovery-code"


def recovery_code_digest(user_id: int, code: str, *, secret: str | bytes | None = None) -> str:
    """The hash stored for ``code`` (normalised, as ``codes.normalise`` leaves it)."""
    key = settings.SECRET_KEY if secret is None else secret
    return salted_hmac(_KEY_SALT, f"{user_id}:{code}", secret=key, algorithm="sha256").hexdigest()


def digests_to_accept(user_id: int, code: str) -> list[str]:
    """What a stored hash of ``code`` may be: under the current key or a former one."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [recovery_code_digest(user_id, code, secret=key) for key in keys]


def digest_matches(stored: str, accepted: Sequence[str]) -> bool:
    """Whether ``stored`` is one of ``accepted``, compared with each of them in constant
    time (no early return), so the time taken says nothing about how close a guess was."""
    found = False
    for digest in accepted:
        found |= constant_time_compare(stored, digest)
    return found
