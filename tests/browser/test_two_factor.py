"""Two-factor authentication in the browser: a first sign-in sets up an authenticator app
from the QR code page's key, keeps the recovery codes, and signs in again with a code;
a wrong code is explained; an administrator resets someone's app. Every page is checked
with axe."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from jtai.demo.people import DEMO_PASSWORD

from .helpers import (
    DemoFacts,
    assert_accessible,
    email_of,
    enter_code,
    expect_error_summary,
    field_error,
    fill_sign_in,
    heading,
    sign_in,
    sign_out,
    success_message,
    totp_code,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def newcomer(demo: DemoFacts) -> str:
    """Kent's health contact, with no authenticator app yet (before the browser opens:
    the database cannot be touched while it is)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__email=email_of("kent_health")).delete()
    return "kent_health"


def test_a_first_sign_in_sets_up_an_app_and_the_next_uses_it(newcomer: str, page: Page) -> None:
    email = email_of(newcomer)
    fill_sign_in(page, email, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/account/two-factor/set-up/$"))
    assert heading(page) == "Set up your authenticator app"
    qr = page.get_by_role("img", name="QR code to add this service to your app")
    expect(qr).to_be_visible()
    assert_accessible(page)

    # The key for typing in, as an app would take it.
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#secret-key").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    hex_key = _hex(secret)

    # A wrong code first: explained, and the page keeps what was typed.
    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Enter the code as 6 numbers, like 123456")
    assert field_error(page, "id_code") == "Enter the code as 6 numbers, like 123456"
    assert page.get_by_label("Code from your authenticator app").input_value() == "12345"
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill(totp_code(hex_key, email=email))
    page.get_by_role("button", name="Continue").click()
    assert heading(page) == "Your recovery codes"
    codes = [c.strip() for c in page.locator(".jtai-recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{4} [a-z2-7]{4}", code) for code in codes)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept my recovery codes").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))

    visit(page, "/account/")
    assert heading(page) == "Your account"
    expect(page.locator("#codes-left")).to_have_text("10 unused")
    assert_accessible(page)
    sign_out(page)

    # The next sign-in asks for a code from the app just set up, or a recovery code.
    fill_sign_in(page, email, DEMO_PASSWORD)
    assert heading(page) == "Enter your security code"
    expect(page.locator("#demo-code")).to_have_count(0)  # not the demo's shared key
    page.get_by_label("Security code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "You used a recovery code: you have 9 left"
    )
    sign_out(page)
    fill_sign_in(page, email, DEMO_PASSWORD)
    enter_code(page, email, hex_key)
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))


def _hex(secret: str) -> str:
    return base64.b32decode(secret).hex()


def test_a_wrong_code_is_explained_and_the_demo_code_shown(page: Page) -> None:
    fill_sign_in(page, email_of("lead_inspector"), DEMO_PASSWORD)
    assert heading(page) == "Enter your security code"
    expect(page.locator("#demo-code")).to_contain_text("Demo only")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(
        page, "Enter the 6-digit code from your authenticator app, or a recovery code"
    )
    assert_accessible(page)
    # Until the code is given, other pages send back here.
    visit(page, "/inspections/")
    expect(page).to_have_url(re.compile(r"/account/two-factor/\?next=%2Finspections%2F$"))
    demo_code = page.locator(".jtai-demo-code").inner_text()
    page.get_by_label("Security code").fill(demo_code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/inspections/$"))


def test_an_administrator_resets_someones_app(
    page_as: Callable[[str], Page], new_page: Callable[..., Page]
) -> None:
    page = page_as("administrator")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Reset someone's two-factor authentication").click()
    assert heading(page) == "Two-factor authentication of accounts"
    assert_accessible(page)
    page.get_by_label("Name or email address").fill("okafor")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Reset two-factor authentication for Tom Okafor").click()
    assert heading(page) == "Reset two-factor authentication for Tom Okafor"
    assert_accessible(page)
    page.get_by_role("button", name="Reset two-factor authentication").click()
    assert success_message(page).startswith("Two-factor authentication reset for Tom Okafor")
    assert_accessible(page)

    # Tom sets up a new app at his next sign-in.
    tom = new_page(javascript=False)
    fill_sign_in(tom, email_of("inspector"), DEMO_PASSWORD)
    expect(tom).to_have_url(re.compile(r"/account/two-factor/set-up/$"))


def test_two_factor_pages_work_without_javascript(new_page: Callable[..., Page]) -> None:
    page = new_page(javascript=False)
    sign_in(page, "leeds_police")
    assert heading(page) == "Leeds"
