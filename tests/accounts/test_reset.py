"""Administrators reset someone's two-factor authentication: from the service's page or
the administration site, recorded with who and when, never their own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.accounts import services
from jtai.accounts.models import RecoveryCodeDevice, TwoFactorReset, User

from .factories import TWO_FACTOR, give_password

SET_UP = "/account/two-factor/set-up/"


def reset_url(user: User) -> str:
    return reverse("accounts:user-two-factor-reset", args=[user.pk])


def test_an_administrator_resets_someones_two_factor(
    client_for: Any, users: dict[str, User]
) -> None:
    inspector = users["inspector"]
    services.recovery_codes_regenerate(user=inspector)
    moment = dt.datetime(2026, 5, 6, 10, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        admin = client_for("administrator")
        page = admin.get(reset_url(inspector)).content.decode()
        assert "Reset two-factor authentication for Tom Okafor" in page
        response = admin.post(reset_url(inspector))
        assert response["Location"] == reverse("accounts:users")
        listing = admin.get(reverse("accounts:users"), {"q": "okafor"}).content.decode()
    assert not TOTPDevice.objects.filter(user=inspector).exists()
    assert not RecoveryCodeDevice.objects.filter(user=inspector).exists()
    assert services.recovery_codes_left(inspector) == 0
    record = TwoFactorReset.objects.get(user=inspector)
    assert record.reset_by == users["administrator"]
    assert record.reset_at == moment
    assert "Two-factor authentication reset for Tom Okafor" in listing
    assert "6 May 2026 by Alex Morgan" in listing


def test_a_reset_signs_the_person_out_and_they_set_up_again(
    client_for: Any, users: dict[str, User]
) -> None:
    inspector = client_for("inspector")
    assert inspector.get(reverse("inspections:list")).status_code == 200
    client_for("administrator").post(reset_url(users["inspector"]))
    # Their session was verified with the removed app: it is no longer.
    response = inspector.get(reverse("inspections:list"))
    assert response["Location"].startswith(TWO_FACTOR)
    fresh = Client()
    give_password(fresh, users["inspector"].email)
    assert fresh.get(TWO_FACTOR)["Location"] == SET_UP


def test_an_administrator_cannot_reset_their_own(client_for: Any, users: dict[str, User]) -> None:
    admin = client_for("administrator")
    me = users["administrator"]
    page = admin.get(reset_url(me)).content.decode()
    assert "You cannot reset your own two-factor authentication" in page
    assert "govuk-button--warning" not in page
    response = admin.post(reset_url(me))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert TOTPDevice.objects.filter(user=me).exists()
    assert not TwoFactorReset.objects.exists()


def test_only_administrators_may_reset(users: dict[str, User]) -> None:
    with pytest.raises(services.TwoFactorResetRefused):
        services.two_factor_reset(actor=users["programme_manager"], user=users["inspector"])
    assert TOTPDevice.objects.filter(user=users["inspector"]).exists()


@pytest.mark.parametrize("key", ["programme_manager", "lead_inspector", "leeds_coordinator"])
def test_other_roles_cannot_open_the_pages(
    key: str, client_for: Any, users: dict[str, User]
) -> None:
    client = client_for(key)
    assert client.get(reverse("accounts:users")).status_code == 403
    assert client.post(reset_url(users["inspector"])).status_code == 403
    assert TOTPDevice.objects.filter(user=users["inspector"]).exists()


def test_an_unknown_account_is_not_found(client_for: Any) -> None:
    response = client_for("administrator").get(
        reverse("accounts:user-two-factor-reset", args=[999_999])
    )
    assert response.status_code == 404


def test_the_admin_sites_action_resets_and_records(client_for: Any, users: dict[str, User]) -> None:
    admin = client_for("administrator")
    chosen = [users["inspector"], users["qa_manager"], users["administrator"]]
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [u.pk for u in chosen]},
        follow=True,
    )
    page = response.content.decode()
    assert "Two-factor authentication reset for 2 accounts" in page
    assert "You cannot reset your own two-factor authentication" in page
    assert set(TwoFactorReset.objects.values_list("user__email", flat=True)) == {
        "inspector@demo.jtai.example",
        "qa@demo.jtai.example",
    }
    assert TOTPDevice.objects.filter(user=users["administrator"]).exists()


def test_the_admin_site_never_shows_secret_keys(client_for: Any) -> None:
    admin = client_for("administrator")
    index = admin.get(reverse("admin:index")).content.decode()
    assert "TOTP devices" not in index
    assert "Static devices" not in index
    assert "Two factor resets" in index


def test_the_accounts_page_keeps_a_constant_number_of_queries(
    client_for: Any, users: dict[str, User]
) -> None:
    admin = client_for("administrator")
    url = reverse("accounts:users")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(url).status_code == 200
        return len(captured)

    before = count()
    # Ten times the resets and devices: the page reads them in the same queries.
    for user in User.objects.exclude(pk=users["administrator"].pk)[:40]:
        for _ in range(10):
            services.two_factor_reset(actor=users["administrator"], user=user)
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        services.recovery_codes_regenerate(user=user)
    assert count() == before


def test_searching_the_accounts(client_for: Any) -> None:
    page = client_for("administrator").get(reverse("accounts:users"), {"q": "whitaker"})
    text = page.content.decode()
    assert "Sarah Whitaker" in text
    assert "Hannah Clarke" not in text
    assert "Accounts matching ‘whitaker’ (1)" in text
