"""The learning library in a real browser, for both audiences: the register, a letter,
search with highlighted passages, an area's page and a theme's page, each checked with
axe-core like every other page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import DemoFacts, assert_accessible, heading, visit

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "letters" / "fixtures"


@dataclass(frozen=True)
class Library:
    letter_id: int
    area_code: str
    theme_key: str


@pytest.fixture
def library(demo: DemoFacts) -> Library:
    """Three real published letters, imported before the browser opens (nothing may
    touch the database while it is open)."""
    from jtai.library.models import PublishedLetter
    from jtai.library.services import letters_import_folder

    letters_import_folder(folder=FIXTURES, workers=1)
    letter = (
        PublishedLetter.objects.select_related("area", "theme")
        .filter(area__isnull=False, theme__isnull=False)
        .order_by("-letter_date")[0]
    )
    assert letter.area is not None
    assert letter.theme is not None
    return Library(letter.pk, letter.area.ons_code, letter.theme.key)


@pytest.mark.parametrize("role", ["inspector", "kent_health"])
def test_both_audiences_can_learn_from_published_letters(
    role: str, library: Library, page_as: Callable[[str], Page]
) -> None:
    page = page_as(role)
    page.get_by_role("link", name="Learning library").click()
    expect(page.locator("main h1")).to_be_visible()
    assert page.locator("table tbody tr").count() == 3
    assert_accessible(page)

    visit(page, f"/library/letters/{library.letter_id}/")
    assert page.locator("main h2").count() >= 3  # the letter's sections
    assert_accessible(page)

    visit(page, "/library/search/?q=strategy+meeting")
    marks = page.locator("main mark")
    assert marks.count() >= 1
    assert "strategy" in marks.first.inner_text().lower()
    assert_accessible(page)

    visit(page, f"/library/areas/{library.area_code}/")
    assert heading(page)
    assert_accessible(page)

    visit(page, f"/library/themes/{library.theme_key}/")
    assert heading(page)
    assert_accessible(page)


def test_signed_out_visitors_are_sent_to_sign_in(
    library: Library, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    visit(page, "/library/")
    expect(page.locator("main h1")).to_have_text("Sign in")
