"""Details of the GOV.UK frame that once went wrong: assets the stylesheet asks for,
breadcrumbs, error summary links for dates and for refused steps."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .helpers import DemoFacts, axe_violations, describe, sign_in, visit, watcher_of

pytestmark = pytest.mark.browser


def test_every_asset_the_stylesheets_ask_for_loads(new_page: Callable[..., Page]) -> None:
    page = new_page()
    visit(page, "/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert watcher_of(page).failures == []
    assert any(path.startswith("/assets/fonts/") for path in watcher_of(page).loaded)


def test_breadcrumbs_sit_on_one_line_with_room_to_tap(page: Page, demo: DemoFacts) -> None:
    sign_in(page, "lead_inspector")
    visit(page, f"/inspections/{demo.references['leeds']}/steps/start_fieldwork/")
    links = page.locator(".govuk-breadcrumbs__link")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len(boxes) == 2
    assert all(box is not None for box in boxes)
    violations = [v for v in axe_violations(page) if v["id"] == "target-size"]
    assert not violations, describe(violations)
    assert len({box["y"] for box in boxes if box is not None}) == 1, boxes


def test_error_summary_link_for_a_date_goes_to_the_day_box(page_as: Callable[[str], Page]) -> None:
    page = page_as("programme_manager")
    visit(page, "/inspections/new/")
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2027")
    page.get_by_role("button", name="Plan inspection").click()
    link = page.locator(".govuk-error-summary__list a", has_text="Fieldwork start")
    href = link.get_attribute("href") or ""
    assert page.locator(f"[id='{href[1:]}']").count() == 1, f"nothing on the page is {href}"
    link.click()
    expect(page.get_by_label("Day", exact=True)).to_be_focused()


def test_a_refused_step_shows_its_error_where_the_summary_links(
    page_as: Callable[[str], Page], demo: DemoFacts
) -> None:
    page = page_as("lead_inspector")
    visit(page, f"/inspections/{demo.references['leeds']}/steps/start_fieldwork/")
    page.get_by_role("button", name="Start fieldwork").click()
    href = page.locator(".govuk-error-summary__list a").first.get_attribute("href") or ""
    assert page.locator(f"[id='{href[1:]}']").count() == 1, f"nothing on the page is {href}"
