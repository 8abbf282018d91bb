"""The API fuzzed from its own OpenAPI schema (schemathesis): every operation, with
generated valid and invalid input, anonymously and signed in, in-process against the WSGI
application and the demo data, with every check schemathesis has: no server error, every
status code, content type, header and body as the schema declares, input the schema
allows is accepted and input it does not allow is refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from jtai.config.wsgi import application
from tests.accounts.factories import sign_in_fully
from tests.conftest import demo_user

# Enough to reach every parameter's edge cases; the whole file stays under a minute.
EXAMPLES = 25


# Well-formed input may still be refused for what it means, with a declared 400 (a
# framework that does not exist, a date outside the working calendar, published before
# fieldwork) or 404 (no such report); what is not well formed is a 422, never accepted.
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]}}}
)

# Reading the schema touches no data, so it can be loaded while the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    # The WSGI handler closes the database connection after each request, as a server
    # should; here it must keep the test's transaction (and the demo data) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


VISITORS = ("lead_inspector", "leeds_coordinator", "kent_health")


@pytest.fixture
def sessions(db: None) -> list[dict[str, str]]:
    """Each case is sent anonymously, then as demo users of the inspectorate and of two
    areas (whose sessions have both factors given)."""
    cookies: list[dict[str, str]] = [{}]
    for role in VISITORS:
        client = sign_in_fully(Client(), demo_user(role))
        cookies.append({"sessionid": client.cookies["sessionid"].value})
    return cookies


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_fails_and_keeps_to_its_schema(
    case: Any, sessions: list[dict[str, str]]
) -> None:
    for cookies in sessions:
        case.call_and_validate(cookies=cookies)
