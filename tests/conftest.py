"""Shared fixtures. The demo data is the realistic data set the tests run against: it is
loaded once per session through the same services users go through, and each test runs
in a transaction that is rolled back."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from jtai.accounts.models import User
from jtai.demo.loader import load_demo
from jtai.demo.people import DEMO_EMAIL_DOMAIN
from tests.accounts.factories import sign_in_fully
from tests.restore import restore_serialized

# Property tests judge correctness, not speed: on a busy machine a slow example is not a
# failure (the benchmarks under bench/ measure speed).
hypothesis_settings.register_profile(
    "jtai", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("jtai")

DEMO_ROLES = {
    # fixture key -> the demo account's local part
    "administrator": "admin",
    "programme_manager": "programme",
    "lead_inspector": "lead",
    "inspector": "inspector",
    "qa_manager": "qa",
    "leeds_coordinator": "leeds.coordinator",
    "leeds_police": "leeds.police",
    "kent_coordinator": "kent.coordinator",
    "kent_health": "kent.health",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:  # type: ignore[misc]
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_demo()
        # Tests that empty the database (browser and other transactional tests) get it
        # back as it is now, demo included, instead of as migrations left it and then
        # loading the demo again through the services, which takes several times longer.
        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()  # type: ignore[attr-defined]
            connection.creation.deserialize_db_from_string = partial(  # type: ignore[method-assign]
                restore_serialized, connection
            )


@pytest.fixture(autouse=True)
def _media_root(tmp_path: Path, settings: pytest.FixtureRequest) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def demo_user(key: str) -> User:
    return User.objects.get(email=f"{DEMO_ROLES[key]}@{DEMO_EMAIL_DOMAIN}")


@pytest.fixture
def users(db: None) -> dict[str, User]:
    return {key: demo_user(key) for key in DEMO_ROLES}


@pytest.fixture
def client_for(db: None) -> Callable[[str | None], Client]:
    """client_for("lead_inspector") -> a test client signed in as that demo user, with
    the two-factor code given (use sign_in_fully for any other user)."""

    def make(key: str | None) -> Client:
        client = Client()
        if key is not None:
            sign_in_fully(client, demo_user(key))
        return client

    return make
