"""The production settings' transport and browser protections, proved on real responses:
HSTS, HTTPS redirects (except the load balancer's probes), secure cookies, a content
security policy that allows no inline script or style, and the usual headers, on every
page in the URL table, opened by someone allowed to see it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.test_url_access import EXPECTED, ROLES, _url

REPO = Path(__file__).resolve().parents[1]
SECURITY_SETTINGS = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CONTENT_SECURITY_POLICY",
)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "jtai.config.settings.production",
    "SECRET_KEY": "a-long-random-production-like-key-" + "x" * 40,
    "ALLOWED_HOSTS": "jtai.example.gov.uk",
}


@cache
def production_settings() -> dict[str, Any]:
    """The security settings as the production module sets them, from a fresh process
    with a production-like environment and nothing else."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECURE_")}
    done = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-c", script],
        env={**env, **PRODUCTION_ENV},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def production(settings: Any) -> dict[str, Any]:
    values = production_settings()
    for name, value in values.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    return values


def test_production_settings_are_strict() -> None:
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_settings_pass_djangos_deployment_checks() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECURE_")}
    done = subprocess.run(  # noqa: S603 - our own console script
        [
            str(Path(sys.executable).with_name("jtai")),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env={**env, **PRODUCTION_ENV},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def assert_protected(response: Any) -> None:
    hsts = response["Strict-Transport-Security"]
    assert re.fullmatch(r"max-age=(\d+); includeSubDomains; preload", hsts), hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = _csp(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(csp[directive])


class InlineCode(HTMLParser):
    """Finds what a strict CSP would block: inline scripts, event handler attributes,
    javascript: links and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.found.append("<script> without src")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:...>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("inline script text")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _first_allowed_role(name: str) -> str | None:
    for role in ROLES:
        if EXPECTED[name][role] == 200:
            return role
    return None


PAGES = sorted(n for n in EXPECTED if _first_allowed_role(n) is not None)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_protected_and_has_no_inline_code(
    name: str, client_for: Any, production: dict[str, Any]
) -> None:
    role = _first_allowed_role(name)
    client = client_for(None if role == "anonymous" else role)
    response = client.get(_url(name), secure=True)
    assert response.status_code == 200
    assert_protected(response)
    if response.get("Content-Type", "").startswith("text/html"):
        parser = InlineCode()
        parser.feed(response.content.decode())
        assert parser.found == [], f"{name}: {parser.found}"


def test_plain_http_is_redirected_to_https_except_the_probes(
    db: None, production: dict[str, Any]
) -> None:
    client = Client()
    home = client.get("/", headers={"X-Forwarded-Proto": "http"})
    assert home.status_code == 301
    assert home["Location"] == "https://testserver/"
    for probe in ("/healthz", "/readyz"):
        assert client.get(probe).status_code == 200
    # Behind the proxy, X-Forwarded-Proto says the visitor's connection was HTTPS.
    proxied = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert_protected(proxied)


def test_cookies_are_secure_http_only_and_same_site(
    client_for: Any, production: dict[str, Any]
) -> None:
    anonymous = Client()
    login = anonymous.get(reverse("accounts:login"), secure=True)
    assert login.status_code == 200
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        signed_in = client_for("lead_inspector")
        # Past the once-a-minute refresh: the session is saved and its cookie sent again.
        traveller.shift(dt.timedelta(minutes=2))
        response = signed_in.get("/", secure=True)
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
