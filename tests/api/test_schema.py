"""The API fuzzed from its own OpenAPI schema (schemathesis): every operation, with
generated valid and invalid input, anonymously and signed in, in-process against the WSGI
application and the demo data. No input may cause a server error, and every answer must
match the schema's content types, headers and bodies.

Status codes are not held to the schema, nor is every malformed input expected to be
refused: django-ninja answers input it cannot parse with 422 and anonymous calls with 401
without listing either, and pydantic reads a bare number as a date (1970-01-01 plus that
many days or seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
)

from jtai.config.wsgi import application
from tests.accounts.factories import sign_in_fully
from tests.conftest import demo_user

# Enough to reach every parameter's edge cases; the whole file stays under a minute.
EXAMPLES = 25


# Reading the schema touches no data, so it can be loaded while the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


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


CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
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
        case.call_and_validate(cookies=cookies, checks=CHECKS)
