from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client


def cli(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("timeline", *args, "--json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def api(**params: str) -> Any:
    return Client().get("/api/v1/timeline", params)


CASES = [
    {"fieldwork_start": "2023-05-22"},
    {"fieldwork_start": "2022-01-10"},
    {"fieldwork_start": "2023-05-22", "published": "2023-07-13"},
    {"fieldwork_start": "2017-06-19", "framework": "2016"},
    {"fieldwork_start": "2024-05-28"},  # a Tuesday, after the spring bank holiday
]


@pytest.mark.parametrize("params", CASES)
def test_the_cli_and_the_api_agree(params: dict[str, str], db: None) -> None:
    args = [f"--{name.replace('_', '-')}={value}" for name, value in params.items()]
    response = api(**params)
    assert response.status_code == 200
    assert response.json() == cli(*args)


def test_real_dates_from_published_letters(db: None) -> None:
    may = cli("--fieldwork-start", "2023-05-22")
    assert may["dates"]["notification"] == "2023-05-05"
    assert may["dates"]["fieldwork_end"] == "2023-05-26"
    january = cli("--fieldwork-start", "2022-01-10")
    assert january["dates"]["notification"] == "2021-12-22"


def test_published_moves_the_statement_of_action(db: None) -> None:
    planned = cli("--fieldwork-start", "2023-05-22")
    actual = cli("--fieldwork-start", "2023-05-22", "--published", "2023-07-13")
    assert actual["published"] == "2023-07-13"
    assert actual["dates"]["wsoa_due"] == "2023-10-20"
    assert planned["dates"]["wsoa_due"] != actual["dates"]["wsoa_due"]


def test_odd_plans_warn_rather_than_fail(db: None) -> None:
    tuesday = cli("--fieldwork-start", "2024-05-28")
    assert any("not a Monday" in w for w in tuesday["warnings"])
    bank_holiday_week = cli("--fieldwork-start", "2024-05-27")
    assert any("bank holiday" in w.lower() for w in bank_holiday_week["warnings"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fieldwork-start", "2023-02-30"], "is not a date"),
        (["--fieldwork-start", "2023-05-22", "--framework", "1999"], "no framework version '1999'"),
        (["--fieldwork-start", "2023-05-22", "--published", "2023-05-01"], "must not be before"),
    ],
)
def test_bad_input_is_named(args: list[str], message: str, db: None) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("timeline", *args, "--json", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"fieldwork_start": "2023-02-30"}, 422),
        ({}, 422),
        ({"fieldwork_start": "2023-05-22", "framework": "1999"}, 400),
        ({"fieldwork_start": "2023-05-22", "published": "2023-05-01"}, 400),
    ],
)
def test_the_api_refuses_bad_input_with_a_reason(
    params: dict[str, str], status: int, db: None
) -> None:
    response = api(**params)
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_openapi_schema_documents_the_timeline(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/timeline"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "fieldwork_start",
        "framework",
        "published",
    }


def test_an_administrator_cannot_save_framework_rules_that_go_backwards(client_for: Any) -> None:
    from jtai.programme.models import FrameworkVersion

    framework = FrameworkVersion.objects.get(key="2022")
    rules = json.loads(json.dumps(framework.rules))
    for rule in rules["rules"]:
        if rule["name"] == "factual_accuracy_due":
            rule["working_days"] = -3  # before the draft it comments on
    response = client_for("administrator").post(
        f"/admin/programme/frameworkversion/{framework.pk}/change/",
        {"key": "2022", "rules": json.dumps(rules), "is_current": "on"},
    )
    assert response.status_code == 200
    assert "goes backwards" in response.content.decode()
    framework.refresh_from_db()
    assert framework.rules != rules
