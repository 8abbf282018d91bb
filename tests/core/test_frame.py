from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jtai.demo.loader import DemoDataRefused, load_demo


def navigation(client: Client) -> list[str]:
    page = client.get("/").content.decode()
    start = page.index('id="navigation"')
    items = page[start : page.index("</ul>", start)]
    return [text.strip() for text in re.findall(r">([^<>]+)<", items) if text.strip()]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, ["Sign in"]),
        (
            "programme_manager",
            [
                "Home",
                "Inspections",
                "Local areas",
                "Programme",
                "Learning library",
                "Your account",
                "Sign out",
            ],
        ),
        (
            "inspector",
            ["Home", "Inspections", "Local areas", "Learning library", "Your account", "Sign out"],
        ),
        (
            "leeds_coordinator",
            ["Home", "Your inspections", "Learning library", "Your account", "Sign out"],
        ),
        (
            "kent_health",
            ["Home", "Your inspections", "Learning library", "Your account", "Sign out"],
        ),
    ],
)
def test_navigation_depends_on_the_role(
    role: str | None, expected: list[str], client_for: Any
) -> None:
    assert navigation(client_for(role)) == expected


def test_security_headers(db: None) -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script(client_for: Any) -> None:
    page = client_for("lead_inspector").get("/").content.decode()
    assert "<script>" not in page
    assert page.count("<script") == page.count('<script src="') + page.count(
        '<script type="module" src="'
    )


def test_the_frame_has_a_skip_link_and_flags_demo_mode(db: None) -> None:
    page = Client().get("/").content.decode()
    assert 'class="govuk-skip-link"' in page
    assert 'id="main-content"' in page
    assert "This is demonstration data" in page


def test_an_unknown_page_is_a_plain_404(db: None) -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_demo_data_is_refused_outside_demo_mode(settings: Any, db: None) -> None:
    settings.JTAI_DEMO_MODE = False
    with pytest.raises(DemoDataRefused, match="never into a database that production settings"):
        load_demo()


def test_demo_data_goes_only_into_an_empty_database(db: None) -> None:
    with pytest.raises(CommandError, match="already has users"):
        call_command("load_demo")
    call_command("load_demo", "--if-empty")  # succeeds quietly


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.production"
    result = subprocess.run(
        [sys.executable, "-m", "jtai", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_are_secure() -> None:
    env = {**os.environ, "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "jtai.example"}
    code = (
        "from django.conf import settings as s; import django; django.setup();"
        "print(s.DEBUG, s.JTAI_DEMO_MODE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.production"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True", "True", "True", "True"]
