from __future__ import annotations

import io
import json
import logging
from typing import Any
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import Client

from jtai.core.logging import JsonFormatter
from jtai.core.request_id import RequestIdFilter


def test_health_and_readiness(db: None) -> None:
    client = Client()
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok"}
    assert "no-cache" in ready["Cache-Control"]


@pytest.mark.parametrize("alias", ["default", "documents"])
def test_readiness_fails_when_a_storage_cannot_be_written(
    db: None, settings: Any, alias: str
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        alias: {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": "/proc/not-writable"},
        },
    }
    response = Client().get("/readyz")
    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem.startswith(f"{alias} storage: ")


def test_readiness_fails_when_the_database_cannot_be_reached(db: None) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection refused")

    with mock.patch.object(connection, "cursor", refuse):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["database: OperationalError"]
    # Liveness is not readiness: the process itself still answers.
    assert Client().get("/healthz").status_code == 200


def test_every_response_carries_a_request_id(db: None) -> None:
    client = Client()
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert (
        client.get("/healthz", headers={"X-Request-ID": "lb-12345678"})["X-Request-ID"]
        == "lb-12345678"
    )
    # Anything that could smuggle text into the logs is replaced.
    odd = client.get("/healthz", headers={"X-Request-ID": "x\nforged log line"})["X-Request-ID"]
    assert "\n" not in odd


def test_request_lines_are_json_without_personal_data(
    client_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for("leeds_coordinator")
    with caplog.at_level(logging.INFO, logger="jtai.request"):
        client.get("/inspections/?year=2026", headers={"X-Request-ID": "req-abcdef12"})
    record = next(r for r in caplog.records if r.name == "jtai.request")
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/inspections/"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert "duration_ms" in line
    text = json.dumps(line)
    assert "year=2026" not in text
    assert "leeds.coordinator" not in text
    assert "127.0.0.1" not in text


def test_the_worker_explains_when_tasks_run_in_process(db: None) -> None:
    with pytest.raises(CommandError, match=r"TASKS_BACKEND=django_tasks_db\.DatabaseBackend"):
        call_command("worker", "--batch", stdout=io.StringIO())


# The worker closes its database connection between tasks, as a long-running process
# should, so this test runs outside a wrapping transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_runs_queued_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from jtai.inspections.tasks import send_due_reminders_task

    result = send_due_reminders_task.enqueue()
    call_command("worker", "--batch", stdout=io.StringIO())
    result.refresh()
    assert result.status == "SUCCESSFUL"
