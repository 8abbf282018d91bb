"""The second factor at sign-in: codes from the app, recovery codes, their mistakes, the
account lock, setting up an app, and the demo's code."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.accounts import services
from jtai.accounts.models import RecoveryCode, RecoveryCodeDevice, User
from jtai.accounts.recovery import recovery_code_digest
from jtai.accounts.services import app_device

from .factories import SIGN_IN, TWO_FACTOR, app_code, give_code, give_password, sign_in_fully

SET_UP = "/account/two-factor/set-up/"
RECOVERY_CODES = "/account/two-factor/recovery-codes/"
START = dt.datetime(2026, 3, 10, 9, 0, 5, tzinfo=dt.UTC)  # 5 seconds into a 30 s step


def text(response: Any) -> str:
    return str(response.content.decode())


def error_of(response: Any) -> str:
    """The code field's error message, as the page shows it."""
    error = r'id="id_code-error"[^>]*>\s*<span[^>]*>Error:</span>\s*([^<]+)<'
    found = re.search(error, text(response))
    assert found, text(response)
    return found.group(1).strip()


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def lead(users: dict[str, User]) -> User:
    return users["lead_inspector"]


def password_given(user: User) -> Client:
    client = Client()
    assert give_password(client, user.email)["Location"] == TWO_FACTOR
    return client


def test_the_code_page_explains_itself_and_shows_the_demo_code(clock: Any, lead: User) -> None:
    page = text(password_given(lead).get(TWO_FACTOR))
    assert "Enter your security code" in page
    assert 'autocomplete="one-time-code"' in page
    assert "Demo only" in page
    assert f'The code for now is <strong class="jtai-demo-code">{app_code(lead)}</strong>' in page
    assert "I cannot use my authenticator app" in page


def test_a_wrong_code_is_refused_and_what_was_typed_kept(clock: Any, lead: User) -> None:
    client = password_given(lead)
    wrong = f"{(int(app_code(lead)) + 1) % 1_000_000:06d}"
    response = give_code(client, wrong)
    assert response.status_code == 400
    assert error_of(response) == services.WRONG_APP_CODE
    assert "There is a problem" in text(response)
    assert f'value="{wrong}"' in text(response)
    assert client.get("/inspections/")["Location"].startswith(TWO_FACTOR)


def test_an_empty_or_unreadable_code_is_named(clock: Any, lead: User) -> None:
    client = password_given(lead)
    assert error_of(give_code(client, "")) == services.ENTER_A_CODE
    assert error_of(give_code(client, "12345")) == services.UNREADABLE
    assert error_of(give_code(client, "one two three")) == services.UNREADABLE


def test_a_code_can_be_typed_with_spaces(clock: Any, lead: User) -> None:
    code = app_code(lead)
    response = give_code(password_given(lead), f"{code[:3]} {code[3:]}")
    assert response["Location"] == "/"


def test_a_code_already_used_is_refused_as_such(clock: Any, lead: User) -> None:
    code = app_code(lead)
    assert give_code(password_given(lead), code)["Location"] == "/"
    clock.shift(10)  # the same 30-second step
    response = give_code(password_given(lead), code)
    assert error_of(response) == services.REUSED_APP_CODE
    # The page's demo code is then the next one, which the app shows a moment later.
    clock.shift(5)
    page = text(password_given(lead).get(TWO_FACTOR))
    assert app_code(lead, steps_ahead=1) in page


def test_an_earlier_code_is_refused_after_a_later_one_was_used(clock: Any, lead: User) -> None:
    earlier = app_code(lead)
    assert give_code(password_given(lead), app_code(lead, steps_ahead=1))["Location"] == "/"
    response = give_code(password_given(lead), earlier)
    assert error_of(response) == services.REUSED_APP_CODE


def test_a_code_right_after_a_wrong_one_must_wait_a_moment(clock: Any, lead: User) -> None:
    client = password_given(lead)
    give_code(client, "000000" if app_code(lead) != "000000" else "111111")
    response = give_code(client, app_code(lead))
    assert error_of(response) == (
        "You entered a wrong code just now. Wait 1 second, then enter the code again"
    )
    clock.shift(2)
    assert give_code(client, app_code(lead))["Location"] == "/"


def wrong_code(user: User) -> str:
    current = {app_code(user, steps_ahead=s) for s in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in current)


def test_five_wrong_codes_lock_the_account_and_say_until_when(clock: Any, lead: User) -> None:
    client = password_given(lead)
    for attempt in range(4):
        response = give_code(client, wrong_code(lead))
        assert error_of(response) == services.WRONG_APP_CODE, attempt
        clock.shift(60)  # past django-otp's growing wait between codes
    locked = give_code(client, wrong_code(lead))
    assert locked.status_code == 429
    assert "Your account is locked for now" in text(locked)
    # 30 minutes after the last failure; 9:04:05 GMT.
    assert "You can try again after 9:34am on Tuesday 10 March 2026" in text(locked)
    # The half-signed-in session is over, and the password alone is refused meanwhile.
    assert "_auth_user_id" not in client.session
    assert give_password(Client(), lead.email).status_code == 429
    clock.shift(dt.timedelta(minutes=31))
    again = Client()
    assert give_password(again, lead.email)["Location"] == TWO_FACTOR
    assert give_code(again, app_code(lead))["Location"] == "/"


def test_wrong_passwords_and_wrong_codes_count_together(clock: Any, lead: User) -> None:
    for _ in range(3):
        give_password(Client(), lead.email, "not-the-password")
    client = password_given(lead)  # the right password forgives nothing on its own
    give_code(client, wrong_code(lead))
    clock.shift(60)
    assert give_code(client, wrong_code(lead)).status_code == 429


def test_both_factors_forgive_earlier_failures(clock: Any, lead: User) -> None:
    for _ in range(4):
        give_password(Client(), lead.email, "not-the-password")
    assert give_code(password_given(lead), app_code(lead))["Location"] == "/"
    for _ in range(4):
        give_password(Client(), lead.email, "not-the-password")
    assert give_password(Client(), lead.email)["Location"] == TWO_FACTOR


def test_a_reused_code_does_not_count_towards_the_lock(clock: Any, lead: User) -> None:
    code = app_code(lead)
    give_code(password_given(lead), code)
    client = password_given(lead)
    for _ in range(6):
        clock.shift(1)
        message = error_of(give_code(client, code))
        assert message == services.REUSED_APP_CODE or message.startswith(
            "You entered a wrong code just now. Wait"
        )
    assert "_auth_user_id" in client.session


# --- recovery codes ----------------------------------------------------------------------


def recovery_codes_for(user: User) -> list[str]:
    return services.recovery_codes_regenerate(user=user)


def test_a_recovery_code_signs_in_once(clock: Any, lead: User) -> None:
    codes = recovery_codes_for(lead)
    response = give_code(password_given(lead), codes[0].upper()[:4] + " " + codes[0][4:])
    assert response["Location"] == "/"
    home = Client()
    home.cookies = response.client.cookies
    assert "You used a recovery code: you have 9 left" in text(home.get("/"))
    clock.shift(60)
    again = give_code(password_given(lead), codes[0])
    assert error_of(again) == services.WRONG_RECOVERY_CODE
    clock.shift(60)
    assert give_code(password_given(lead), codes[1])["Location"] == "/"
    assert services.recovery_codes_left(lead) == 8


def test_a_wrong_recovery_code_counts_towards_the_lock(clock: Any, lead: User) -> None:
    recovery_codes_for(lead)
    client = password_given(lead)
    for _ in range(4):
        assert error_of(give_code(client, "abcdefgh")) == services.WRONG_RECOVERY_CODE
        clock.shift(60)
    assert give_code(client, "abcdefgh").status_code == 429


def test_new_recovery_codes_are_shown_once_and_replace_the_old(
    clock: Any, lead: User, client_for: Any
) -> None:
    old = recovery_codes_for(lead)
    client = client_for("lead_inspector")
    account = text(client.get(reverse("accounts:account")))
    assert "10 unused" in account
    response = client.post(reverse("accounts:recovery-codes-new"))
    assert response["Location"].startswith(RECOVERY_CODES)
    page = text(client.get(response["Location"]))
    shown = re.findall(r"<li><code>([a-z2-7]{4} [a-z2-7]{4})</code></li>", page)
    assert len(shown) == 10
    assert "These codes are shown only once" in page
    new = {code.replace(" ", "") for code in shown}
    stored = RecoveryCode.objects.filter(device__user=lead).values_list("digest", flat=True)
    assert set(stored) == {recovery_code_digest(lead.pk, code) for code in new}
    assert not new & set(old)
    # Shown once: opening the page again shows none of them.
    again = client.get(RECOVERY_CODES, follow=True)
    assert not any(code in text(again) for code in shown)
    assert "Recovery codes are shown only once" in text(again)
    clock.shift(60)
    assert error_of(give_code(password_given(lead), old[0])) == services.WRONG_RECOVERY_CODE


def test_the_database_holds_no_recovery_code_in_plain_text(clock: Any, lead: User) -> None:
    codes = recovery_codes_for(lead)
    device = RecoveryCodeDevice.objects.get(user=lead)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_recoverycode WHERE device_id = %s", [device.pk])
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM accounts_recoverycodedevice WHERE id = %s", [device.pk])
        rows += cursor.fetchall()
    stored = " ".join(str(value) for row in rows for value in row).lower()
    assert len(rows) == len(codes) + 1
    for code in codes:
        assert code not in stored
        assert code[:4] + " " + code[4:] not in stored
    # What is stored is a hash a stolen copy of the database cannot be checked against
    # without the secret key.
    digests = set(RecoveryCode.objects.filter(device=device).values_list("digest", flat=True))
    assert digests == {recovery_code_digest(lead.pk, code) for code in codes}
    other_key = {recovery_code_digest(lead.pk, code, secret="another key") for code in codes}
    assert not digests & other_key


def test_recovery_codes_outlive_a_new_secret_key_only_with_the_old_one_kept(
    clock: Any, lead: User, settings: Any
) -> None:
    codes = recovery_codes_for(lead)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-for-this-test"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert give_code(password_given(lead), codes[0])["Location"] == "/"
    settings.SECRET_KEY_FALLBACKS = []
    clock.shift(60)
    assert error_of(give_code(password_given(lead), codes[1])) == services.WRONG_RECOVERY_CODE


def test_a_recovery_code_of_another_account_is_refused(
    clock: Any, lead: User, users: dict[str, User]
) -> None:
    recovery_codes_for(lead)
    theirs = recovery_codes_for(users["inspector"])
    assert error_of(give_code(password_given(lead), theirs[0])) == services.WRONG_RECOVERY_CODE
    assert services.recovery_codes_left(users["inspector"]) == 10


def test_the_code_page_never_reaches_the_browsers_cache(clock: Any, lead: User) -> None:
    response = password_given(lead).get(TWO_FACTOR)
    assert "no-store" in response["Cache-Control"]


# --- setting up an authenticator app -----------------------------------------------------


@pytest.fixture
def newcomer(users: dict[str, User]) -> User:
    """A new account: no authenticator app yet."""
    user = users["kent_health"]
    TOTPDevice.objects.filter(user=user).delete()
    return user


def test_a_first_sign_in_sets_up_an_app(clock: Any, newcomer: User) -> None:
    client = password_given(newcomer)
    response = client.get(TWO_FACTOR)
    assert response["Location"] == SET_UP
    page = text(client.get(SET_UP))
    assert "Set up your authenticator app" in page
    # The QR code is drawn on the page, with a text alternative; no script, no image file.
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert '<title id="qr-code-title">QR code to add this service to your app</title>' in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed
    secret = re.search(r'<code class="jtai-secret" id="secret-key">([A-Z2-7 ]+)</code>', page)
    assert secret is not None
    # The key typed into an app gives the codes the service expects.
    key = base64.b32decode(secret.group(1).replace(" ", ""))
    code = f"{TOTP(key).token():06d}"
    # Reloading keeps the same key, so what was scanned stays good.
    assert secret.group(1) in text(client.get(SET_UP))

    response = client.post(SET_UP, {"code": code})
    assert response["Location"] == RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    page = text(client.get(RECOVERY_CODES))
    assert len(re.findall(r"<li><code>", page)) == 10
    assert services.recovery_codes_left(newcomer) == 10
    # Signed in fully now.
    assert client.get(reverse("inspections:list")).status_code == 200


def test_setting_up_refuses_a_wrong_code(clock: Any, newcomer: User) -> None:
    client = password_given(newcomer)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "12345"})
    assert response.status_code == 400
    assert error_of(response) == services.UNREADABLE_APP_CODE
    response = client.post(SET_UP, {"code": ""})
    assert error_of(response) == "Enter the 6-digit code from your authenticator app"
    device = TOTPDevice.objects.get(user=newcomer)
    right = f"{TOTP(device.bin_key).token():06d}"
    wrong = next(c for c in ("000000", "111111", "222222") if c != right)
    response = client.post(SET_UP, {"code": wrong})
    assert error_of(response) == services.WRONG_APP_CODE
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("inspections:list"))["Location"].startswith(TWO_FACTOR)


def test_someone_with_an_app_cannot_set_up_another(clock: Any, lead: User) -> None:
    """Else a stolen password would be enough to enrol the thief's own phone."""
    client = password_given(lead)
    assert client.get(SET_UP)["Location"] == TWO_FACTOR
    response = client.post(SET_UP, {"code": "123456"})
    assert response["Location"] == TWO_FACTOR
    assert TOTPDevice.objects.filter(user=lead).count() == 1


def test_the_demo_code_is_shown_only_for_the_demo_key(
    clock: Any, newcomer: User, users: dict[str, User]
) -> None:
    client = password_given(newcomer)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=newcomer)
    client.post(SET_UP, {"code": f"{TOTP(device.bin_key).token():06d}"})
    client.post(reverse("accounts:logout"))
    clock.shift(60)
    page = text(password_given(newcomer).get(TWO_FACTOR))
    assert "Enter your security code" in page
    assert "Demo only" not in page


def test_the_demo_code_is_never_shown_outside_demo_mode(
    clock: Any, lead: User, settings: Any
) -> None:
    settings.JTAI_DEMO_MODE = False
    page = text(password_given(lead).get(TWO_FACTOR))
    assert "Enter your security code" in page
    assert "Demo only" not in page
    assert app_code(lead) not in page


def test_production_settings_are_not_demo_mode() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jtai.config.settings.production"}
    env["SECRET_KEY"] = "a-key-only-for-this-check"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.JTAI_DEMO_MODE)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_recovery_code_device_stays_single(clock: Any, lead: User) -> None:
    recovery_codes_for(lead)
    recovery_codes_for(lead)
    assert RecoveryCodeDevice.objects.filter(user=lead).count() == 1
    assert app_device(lead) is not None


def test_signing_in_fully_reaches_pages(client_for: Any, users: dict[str, User]) -> None:
    client = sign_in_fully(Client(), users["kent_coordinator"])
    assert client.get(reverse("inspections:list")).status_code == 200
    assert client.get(SIGN_IN).status_code == 302
