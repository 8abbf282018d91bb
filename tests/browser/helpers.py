"""What the browser tests do and read on a page: sign in and out through the real forms,
read GOV.UK components back, check a page with axe-core, and watch every asset it loads.

The fixtures that launch Chromium and hand out pages are in conftest.py."""

from __future__ import annotations

import binascii
import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django_otp.oath import TOTP
from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response, expect

from jtai.demo.people import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_KEY, NAMED_ACCOUNTS

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Demo account by test key (the same keys as tests/conftest.py uses).
DEMO_LOGINS = {
    "administrator": "admin",
    "programme_manager": "programme",
    "lead_inspector": "lead",
    "inspector": "inspector",
    "qa_manager": "qa",
    "leeds_coordinator": "leeds.coordinator",
    "leeds_police": "leeds.police",
    "kent_coordinator": "kent.coordinator",
    "kent_health": "kent.health",
}
_FULL_NAMES = {account.email: account.full_name for account in NAMED_ACCOUNTS}


def email_of(key: str) -> str:
    return f"{DEMO_LOGINS[key]}@{DEMO_EMAIL_DOMAIN}"


def full_name_of(key: str) -> str:
    return _FULL_NAMES[email_of(key)]


# The demo inspections by a short name: (area, status). Each area has one in each status.
DEMO_INSPECTIONS = {
    "leeds": ("Leeds", "information_gathering"),
    "leeds_closed": ("Leeds", "closed"),
    "kent_planned": ("Kent", "planned"),
    "kent_published": ("Kent", "published"),
    "cornwall": ("Cornwall", "quality_assurance"),
    "manchester": ("Manchester", "factual_accuracy"),
    "birmingham": ("Birmingham", "finalised"),
    "sheffield": ("Sheffield", "withdrawn"),
}
AREAS = ("Leeds", "Kent", "York")


@dataclass(frozen=True)
class DemoFacts:
    """What the tests need to know of the demo data, read before the browser starts."""

    references: dict[str, str]  # short name -> reference
    themes: dict[str, str]  # short name -> theme name
    planned: dict[str, dict[str, dt.date]]  # short name -> key date -> planned day
    ons_codes: dict[str, str]  # area name -> ONS code

    @classmethod
    def read(cls) -> DemoFacts:
        from jtai.areas.models import Area
        from jtai.inspections.models import Inspection

        inspections = {
            name: Inspection.objects.select_related("theme").get(area__name=area, status=status)
            for name, (area, status) in DEMO_INSPECTIONS.items()
        }
        return cls(
            references={name: i.reference for name, i in inspections.items()},
            themes={name: i.theme.name for name, i in inspections.items()},
            planned={
                name: {key: dt.date.fromisoformat(day) for key, day in i.planned_dates.items()}
                for name, i in inspections.items()
            },
            ons_codes=dict(Area.objects.filter(name__in=AREAS).values_list("name", "ons_code")),
        )


# --- assets ------------------------------------------------------------------------------

# What every page of the service loads: GOV.UK Frontend, MoJ Frontend and the service's
# own stylesheet and scripts.
PAGE_ASSETS = frozenset(
    {
        "/static/govuk/govuk-frontend.min.css",
        "/static/moj/moj-frontend.min.css",
        "/static/jtai/jtai.css",
        "/static/jtai/js-enabled.js",
        "/static/jtai/init.mjs",
        "/static/govuk/govuk-frontend.min.js",
    }
)
ASSET_TYPES = frozenset({"stylesheet", "script", "image", "font", "media", "manifest"})


@dataclass
class AssetWatcher:
    """Every asset a page requested, and what went wrong: a 4xx or 5xx response or a
    failed request for a stylesheet, script, image or font, a Content Security Policy
    violation reported on the console, or an uncaught JavaScript error."""

    javascript: bool = True
    loaded: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)

    @staticmethod
    def _is_asset(request: Request) -> bool:
        path = urlsplit(request.url).path
        return request.resource_type in ASSET_TYPES or path.startswith("/static/")

    def on_response(self, response: Response) -> None:
        if not self._is_asset(response.request):
            return
        path = urlsplit(response.url).path
        if response.status < 400:
            self.loaded.add(path)
        else:
            self.failures.append(f"{response.status} {path}")

    def on_request_failed(self, request: Request) -> None:
        # A request cut short because the page navigated away is not a broken asset.
        if self._is_asset(request) and "ERR_ABORTED" not in (request.failure or ""):
            self.failures.append(f"request failed: {urlsplit(request.url).path}: {request.failure}")

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.failures.append(f"CSP violation: {message.text}")

    def on_page_error(self, error: Error) -> None:
        self.failures.append(f"JavaScript error: {error}")


_WATCHERS: dict[Page, AssetWatcher] = {}


def watch(page: Page, *, javascript: bool = True) -> AssetWatcher:
    watcher = AssetWatcher(javascript=javascript)
    page.on("response", watcher.on_response)
    page.on("requestfailed", watcher.on_request_failed)
    page.on("console", watcher.on_console)
    page.on("pageerror", watcher.on_page_error)
    _WATCHERS[page] = watcher
    return watcher


def watcher_of(page: Page) -> AssetWatcher:
    return _WATCHERS[page]


def forget(page: Page) -> AssetWatcher | None:
    return _WATCHERS.pop(page, None)


def _javascript_enabled(page: Page) -> bool:
    return watcher_of(page).javascript


def assert_assets_loaded(page: Page) -> None:
    """Every asset the page asked for so far arrived, and its scripts ran cleanly."""
    if _javascript_enabled(page):
        page.evaluate("document.fonts.ready.then(() => true)")
    failures = watcher_of(page).failures
    assert not failures, f"{page.url} had asset problems:\n" + "\n".join(failures)


# --- navigation and reading components ---------------------------------------------------


def visit(page: Page, path: str, status: int = 200) -> Response:
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"GET {path}: expected {status}, got {response.status}"
    return response


def heading(page: Page) -> str:
    return page.locator("main h1").inner_text().strip()


def navigation_items(page: Page) -> list[str]:
    """The service navigation, as its links' and buttons' text."""
    return [
        text.strip() for text in page.locator(".govuk-service-navigation__item").all_inner_texts()
    ]


def success_message(page: Page) -> str:
    return (
        page.locator(".govuk-notification-banner--success .govuk-notification-banner__heading")
        .inner_text()
        .strip()
    )


def status_tag(page: Page) -> str:
    """An inspection page's status tag (the one right under the heading)."""
    return page.locator("main h1 + p .govuk-tag").inner_text().strip()


def history(page: Page) -> list[str]:
    """An inspection's history, newest first, as the timeline shows it."""
    return [text.strip() for text in page.locator(".moj-timeline__title").all_inner_texts()]


def history_item(page: Page, title: str) -> str:
    return page.locator(".moj-timeline__item", has_text=title).first.inner_text()


def key_dates(page: Page) -> dict[str, list[str]]:
    """The key dates table: row label -> [who, planned, actual, slippage]."""
    table = page.locator("table", has=page.locator("caption", has_text="Planned and actual"))
    rows: dict[str, list[str]] = {}
    for row in table.locator("tbody tr").all():
        label = row.locator("th").inner_text().strip()
        rows[label] = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    return rows


def table_column(page: Page, caption: str, column: int) -> list[str]:
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    cells = table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
    return [cell.strip() for cell in cells]


def error_summary_messages(page: Page) -> list[str]:
    links = page.locator(".govuk-error-summary .govuk-error-summary__list a")
    return [text.strip() for text in links.all_inner_texts()]


def expect_error_summary(page: Page, *messages: str | re.Pattern[str]) -> None:
    """The GOV.UK error summary: titled, listing exactly these messages (or messages that
    match these patterns), each linking to something on the page; the page title starts
    'Error:'; with JavaScript, GOV.UK Frontend moves focus to the summary."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator(".govuk-error-summary__title")).to_have_text("There is a problem")
    shown = error_summary_messages(page)
    assert len(shown) == len(messages), (shown, messages)
    for text, expected in zip(shown, messages, strict=True):
        if isinstance(expected, str):
            assert text == expected
        else:
            assert expected.fullmatch(text), (text, expected.pattern)
    for link in summary.locator(".govuk-error-summary__list a").all():
        href = link.get_attribute("href") or ""
        assert href.startswith("#"), href
        assert page.locator(f"[id='{href[1:]}']").count() == 1, f"no element for {href}"
    assert page.title().startswith("Error: "), page.title()
    if _javascript_enabled(page):
        expect(summary).to_be_focused()


def field_error(page: Page, field_id: str) -> str:
    """The error message shown with a field (GOV.UK: '<id>-error', 'Error:' hidden)."""
    return page.locator(f"[id='{field_id}-error']").inner_text().replace("Error:", "").strip()


# --- signing in and out ------------------------------------------------------------------


def fill_sign_in(page: Page, email: str, password: str) -> None:
    visit(page, "/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


# The last time step whose code each account has used: the service refuses a code at or
# before it, so a second sign-in within 30 seconds uses the next step's code (accepted
# as one step of clock drift), or waits. The database cannot be read while the browser
# is open, hence this memory; it outlives each test's data, which only makes it wait
# a little more than it must.
_LAST_STEP: dict[str, int] = {}


def totp_code(hex_key: str, *, email: str) -> str:
    """A code the service will accept now from the authenticator app holding this key
    (django-otp's TOTP: 30-second steps, 6 digits, one step of tolerance)."""
    totp = TOTP(binascii.unhexlify(hex_key))
    used = _LAST_STEP.get(email, -1)
    if used > totp.t() + 1:
        # A test moved the clock forward and back again; the service's memory of that
        # code went with the test's data, so there is nothing to wait for.
        used = -1
    while (now := totp.t()) < used:  # the step after the used one has not come round
        time.sleep(max(0.2, 30 - time.time() % 30))
    step = max(now, used + 1)
    totp.drift = step - now
    _LAST_STEP[email] = step
    return f"{totp.token():06d}"


def enter_code(page: Page, email: str, hex_key: str = DEMO_TOTP_KEY) -> None:
    """On the security code page, enter the authenticator app's current code."""
    expect(page.locator("main h1")).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(totp_code(hex_key, email=email))
    page.get_by_role("button", name="Continue").click()


def sign_in(page: Page, key: str) -> None:
    """Sign in as a demo user through the real forms (password, then the code from the
    demo accounts' authenticator app), and land on the dashboard."""
    fill_sign_in(page, email_of(key), DEMO_PASSWORD)
    enter_code(page, email_of(key))
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
    expect(page.locator(".jtai-signed-in")).to_contain_text(f"Signed in as {full_name_of(key)}")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("main h1")).to_have_text("You have signed out")
    assert navigation_items(page) == ["Sign in"]


# --- accessibility -----------------------------------------------------------------------


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2 A and AA on the page as it is now.

    axe is evaluated through the DevTools protocol, which the page's Content Security
    Policy does not govern, so pages are checked exactly as served (bypass_csp would
    let an inline-script regression through unnoticed)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations)",
        list(AXE_TAGS),
    )
    assert isinstance(result, list)
    return result


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    at {json.dumps(node['target'])}: {summary}")
            lines.append(f"       {str(node.get('html', ''))[:200]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """No axe-core violations of WCAG 2.2 AA other than the known defects above, and
    every asset the page asked for arrived."""
    assert_assets_loaded(page)
    # axe-core waits on timers, which never fire with JavaScript off: it would hang.
    # The markup is the same either way, so check it in a JavaScript run instead.
    assert _javascript_enabled(page), "axe-core needs JavaScript: check this page with it on"
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {page.url}:\n{describe(violations)}"
