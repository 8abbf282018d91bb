"""The migration that hashes recovery codes kept in plain text by django-otp's static
plugin: run with the historical models of its place in the migration graph, on rows made
as the earlier code made them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from jtai.accounts import services
from jtai.accounts.models import RecoveryCodeDevice, User

from .factories import TWO_FACTOR, give_code, give_password

MIGRATION = ("accounts", "0005_recovery_codes_hashed")
PLAIN_CODES = ["mfrggzdf", "nbswy3dp", "onxw2zlo"]
LAST_FAILURE = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def run_migration(*, backwards: bool = False) -> None:
    """The migration's own function, given the models as they stood before it. (Its
    schema is already in place: the operation only moves data.)"""
    loader = MigrationLoader(connection)
    operation = loader.get_migration(*MIGRATION).operations[0]
    assert isinstance(operation, RunPython)
    historical = loader.project_state(MIGRATION, at_end=False).apps
    code = operation.reverse_code if backwards else operation.code
    assert code is not None
    # Not entered: the function changes no schema (and SQLite's editor cannot be entered
    # inside the test's transaction).
    code(historical, connection.schema_editor(collect_sql=True))


@pytest.fixture
def inspector(users: dict[str, User]) -> User:
    """An account with recovery codes as django-otp's static plugin kept them."""
    user = users["inspector"]
    device = StaticDevice.objects.create(
        user=user,
        name=services.RECOVERY_DEVICE_NAME,
        confirmed=True,
        throttling_failure_count=1,
        throttling_failure_timestamp=LAST_FAILURE,
    )
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in PLAIN_CODES)
    return user


def signed_in_with(user: User, code: str) -> Any:
    client = Client()
    assert give_password(client, user.email)["Location"] == TWO_FACTOR
    return give_code(client, code)


def test_plain_codes_become_hashes_and_the_plain_text_goes(inspector: User) -> None:
    run_migration()
    assert not StaticDevice.objects.filter(user=inspector).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM otp_static_statictoken")
        assert not set(PLAIN_CODES) & {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT digest FROM accounts_recoverycode")
        stored = " ".join(row[0] for row in cursor.fetchall())
    assert not any(code in stored for code in PLAIN_CODES)
    device = RecoveryCodeDevice.objects.get(user=inspector)
    assert device.name == services.RECOVERY_DEVICE_NAME
    assert device.confirmed
    assert device.throttling_failure_count == 1
    assert device.throttling_failure_timestamp == LAST_FAILURE
    assert services.recovery_codes_left(inspector) == len(PLAIN_CODES)


def test_a_converted_code_still_signs_in_once(inspector: User) -> None:
    run_migration()
    assert signed_in_with(inspector, "MFRG GZDF")["Location"] == "/"
    assert services.recovery_codes_left(inspector) == len(PLAIN_CODES) - 1
    again = signed_in_with(inspector, PLAIN_CODES[0])
    assert again.status_code == 400
    assert services.WRONG_RECOVERY_CODE in again.content.decode()


def test_going_back_leaves_codes_to_be_made_again(inspector: User) -> None:
    """Nothing can turn a hash back into a code: going back removes the hashed codes,
    and the person gets new ones from their account page."""
    run_migration()
    run_migration(backwards=True)
    assert not RecoveryCodeDevice.objects.filter(user=inspector).exists()
    assert not StaticToken.objects.filter(device__user=inspector).exists()
    assert services.recovery_codes_left(inspector) == 0
    assert len(services.recovery_codes_regenerate(user=inspector)) == 10
