"""Optional single sign-on: absent unless configured, and when on, it matches only
existing active inspectorate accounts by a verified email address."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from jtai.accounts.models import User
from jtai.accounts.oidc import StaffOIDCBackend

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "jtai",
    "OIDC_RP_CLIENT_SECRET": "client-secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.gov.uk/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.gov.uk/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.gov.uk/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.gov.uk/jwks",
}


def test_single_sign_on_is_absent_unless_configured(db: None) -> None:
    assert not getattr(settings, "OIDC_RP_CLIENT_ID", "")
    assert "jtai.accounts.oidc.StaffOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
    with pytest.raises(NoReverseMatch):
        reverse("accounts:oidc-sign-in")
    assert Client().get("/account/sso/").status_code == 404
    assert "Sign in with" not in Client().get(reverse("accounts:login")).content.decode()


def test_configuring_it_adds_the_backend_and_the_pages() -> None:
    env = {
        **os.environ,
        **PROVIDER,
        "DJANGO_SETTINGS_MODULE": "jtai.config.settings.test",
        "OIDC_PROVIDER_NAME": "your Ofsted account",
    }
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import reverse\n"
        "print(settings.AUTHENTICATION_BACKENDS[-1])\n"
        "print(reverse('accounts:oidc-sign-in'), reverse('accounts:oidc-callback'))\n"
        "print(settings.OIDC_CREATE_USER, settings.OIDC_RP_SIGN_ALGO)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:3] == [
        "jtai.accounts.oidc.StaffOIDCBackend",
        "/account/sso/ /account/sso/callback/",
        "False RS256",
    ]


@pytest.fixture
def backend() -> Any:
    with override_settings(**PROVIDER, OIDC_RP_SIGN_ALGO="RS256"):
        yield StaffOIDCBackend()


def claims(email: str, **extra: Any) -> dict[str, Any]:
    return {"sub": "a1b2c3", "email": email, **extra}


def test_an_active_inspector_is_matched_by_email(backend: Any, users: dict[str, User]) -> None:
    found = backend.filter_users_by_claims(claims("Lead@Demo.JTAI.example", email_verified=True))
    assert list(found) == [users["lead_inspector"]]
    assert backend.verify_claims(claims("lead@demo.jtai.example"))


@pytest.mark.parametrize(
    "given",
    [
        claims("leeds.coordinator@demo.jtai.example"),  # a local-area user
        claims("kent.health@demo.jtai.example"),  # an agency contact
        claims("nobody@ofsted.gov.uk"),  # no account
        claims("lead@demo.jtai.example", email_verified=False),  # not verified
        {"sub": "a1b2c3"},  # no email at all
        claims("   "),
    ],
)
def test_anyone_else_is_refused(backend: Any, given: dict[str, Any], db: None) -> None:
    assert not backend.filter_users_by_claims(given).exists()


def test_a_deactivated_inspector_is_refused(backend: Any, users: dict[str, User]) -> None:
    User.objects.filter(pk=users["inspector"].pk).update(is_active=False)
    assert not backend.filter_users_by_claims(claims("inspector@demo.jtai.example")).exists()
    assert backend.get_user(users["inspector"].pk) is None
    assert backend.get_user(users["lead_inspector"].pk) == users["lead_inspector"]


def test_claims_without_an_address_are_not_verified(backend: Any) -> None:
    assert not backend.verify_claims({"sub": "a1b2c3"})
    assert not backend.verify_claims(claims("lead@demo.jtai.example", email_verified=False))


def test_it_never_creates_an_account(backend: Any, db: None) -> None:
    before = User.objects.count()
    assert backend.create_user(claims("new.person@ofsted.gov.uk")) is None
    assert User.objects.count() == before
