"""Browser tests: the service served by Django's live server and driven in headless
Chromium (the system's, never a downloaded one), with axe-core for accessibility.

The live server needs a transactional database, which is flushed after every test, so
each test loads the demo data itself; serialized rollback restores the data that the
migrations create (areas, frameworks, themes) before it. Loading takes about half a
second."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

pytest.register_assert_rewrite("tests.browser.helpers")

from .helpers import DemoFacts, forget, sign_in, watch  # noqa: E402

CHROMIUM_MISSING = (
    "Chromium is not installed: run `make browser-deps` (sudo apt-get install chromium)"
)
# The machine may have no internet: nothing in Chromium may reach out on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("JTAI_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chromium_path() is not None:
        return
    skip = pytest.mark.skip(reason=CHROMIUM_MISSING)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def demo(django_db_serialized_rollback: None, live_server: LiveServer) -> DemoFacts:
    """The demo data, loaded afresh for each test (the previous test's flush removed it;
    the first test finds what the session's setup loaded), and what the tests need to
    know about it.

    The database is set up before the live server starts (the order of the arguments), so
    that with in-memory SQLite the server's threads share the test's connection."""
    from jtai.accounts.models import User
    from jtai.demo.loader import load_demo

    if not User.objects.exists():
        load_demo()
    return DemoFacts.read()


@pytest.fixture
def browser(demo: DemoFacts) -> Iterator[Browser]:
    """Chromium, started for each test once its data is in place and stopped before the
    database is flushed.

    Playwright's sync API keeps an asyncio event loop running in this thread while it is
    started, and while one runs Django's connection handler gives the thread a different
    database connection: not the test database's own (with in-memory SQLite, not even
    the one the live server shares), and not the one serialized rollback restores. So
    nothing touches the database while the browser is open (Django's async-unsafe guard
    stays on and would say so), and the tests read what they need from `demo`, which is
    read before. Launching Chromium takes well under a second."""
    executable = chromium_path()
    if executable is None:
        pytest.skip(CHROMIUM_MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


NewPage = Callable[..., Page]


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[NewPage]:
    """new_page(javascript=True, bypass_csp=False): a page
    in a browser context of its own (its own cookies), whose assets are watched.

    The Content Security Policy stays on by default, so a violation fails the test;
    axe-core is evaluated through the DevTools protocol, which the policy does not cover.
    """
    contexts: list[BrowserContext] = []

    def make(*, javascript: bool = True, bypass_csp: bool = False) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale="en-GB",
            timezone_id="Europe/London",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch(page, javascript=javascript)
        return page

    yield make
    problems: list[str] = []
    for context in contexts:
        for page in context.pages:
            watcher = forget(page)
            if watcher is not None:
                problems += [f"{page.url}: {failure}" for failure in watcher.failures]
        context.close()
    assert not problems, "asset problems:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page: NewPage) -> Page:
    """A signed-out page with JavaScript on."""
    return new_page()


@pytest.fixture
def page_as(new_page: NewPage) -> Callable[[str], Page]:
    """page_as("qa_manager"): a page of its own, signed in through the form as that demo
    user (see helpers.DEMO_LOGINS)."""

    def make(key: str) -> Page:
        page = new_page()
        sign_in(page, key)
        return page

    return make
