"""Reading what people type as a second factor (pure: no database)."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from jtai.accounts.codes import (
    CodeKind,
    kind_of,
    new_recovery_code,
    normalise,
    recovery_code_for_display,
    secret_for_display,
)


def test_app_codes_and_recovery_codes_are_told_apart() -> None:
    assert kind_of("123456") is CodeKind.APP
    assert kind_of(" 123 456 ") is CodeKind.APP
    assert kind_of("123-456") is CodeKind.APP
    assert kind_of("abcd efgh") is CodeKind.RECOVERY
    assert kind_of("ABCD-EFGH") is CodeKind.RECOVERY
    for unreadable in ("", "12345", "1234567", "abcdefg1", "abcd efgh ij", "12345a"):
        assert kind_of(unreadable) is CodeKind.UNREADABLE, unreadable


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz234567", min_size=8, max_size=8))
def test_a_recovery_code_reads_back_however_it_is_shown(code: str) -> None:
    shown = recovery_code_for_display(code)
    assert shown == f"{code[:4]} {code[4:]}"
    assert normalise(shown.upper()) == code
    assert kind_of(shown) is CodeKind.RECOVERY


def test_new_recovery_codes_are_read_as_recovery_codes_and_differ() -> None:
    made = [new_recovery_code() for _ in range(50)]
    assert all(kind_of(code) is CodeKind.RECOVERY and normalise(code) == code for code in made)
    assert len(set(made)) == len(made)


@given(st.binary(min_size=10, max_size=40))
def test_the_typed_key_is_the_stored_key(key: bytes) -> None:
    shown = secret_for_display(key.hex())
    groups = shown.split(" ")
    assert all(len(group) == 4 for group in groups[:-1])
    typed = "".join(groups)
    padded = typed + "=" * (-len(typed) % 8)
    assert base64.b32decode(padded) == key


def test_a_damaged_key_shows_nothing() -> None:
    assert secret_for_display("not hex") == ""
