"""Product defects found by the browser tests and not fixed yet. Each test here fails
for as long as its defect is there, and is marked as an expected failure, strictly: once
the defect is fixed the test passes, the run goes red, and the mark (and the matching
entry in helpers.KNOWN_VIOLATIONS or helpers.KNOWN_BROKEN_ASSET_PREFIX) must go."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .helpers import DemoFacts, axe_violations, describe, sign_in, visit, watcher_of

pytestmark = pytest.mark.browser


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Product defect: GOV.UK Frontend's precompiled govuk-frontend.min.css asks for its "
        "fonts and images at /assets/fonts/... and /assets/images/..., which the service "
        "does not serve (they are at /static/govuk/assets/), so every page falls back to "
        "Arial and the footer crest is missing."
    ),
)
def test_every_asset_the_stylesheets_ask_for_loads(new_page: Callable[..., Page]) -> None:
    page = new_page(stray_assets_to_server=True)  # signed out: no session, no database
    visit(page, "/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert watcher_of(page).known_defects == []


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Product defect: breadcrumb items carry 'govuk-breadcrumbs__item', which GOV.UK "
        "Frontend 6 does not define (it is 'govuk-breadcrumbs__list-item'), in "
        "inspections/_breadcrumbs.html, inspections/detail.html and areas/detail.html: "
        "the trail is unstyled, one link under another, and fails axe-core target-size "
        "(WCAG 2.2 2.5.8)."
    ),
)
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


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Product defect: the error summary links a date field's error to '#<id>_day' "
        "(core/templatetags/govuk.py, error_summary), but Django names the day box "
        "'<id>_0' (the date widget's subwidget ids are numbered), so the link goes "
        "nowhere and does not move focus to the day box (GOV.UK error summary pattern)."
    ),
)
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


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Product defect: inspections/transition.html renders its form only when the step "
        "needs a reason, so when a step without one is refused (e.g. 'Start fieldwork' "
        "before its planned day) the error appears only in the summary, whose link "
        "'#form-non-field-error' has no target, and nothing next to the button says why."
    ),
)
def test_a_refused_step_shows_its_error_where_the_summary_links(
    page_as: Callable[[str], Page], demo: DemoFacts
) -> None:
    page = page_as("lead_inspector")
    visit(page, f"/inspections/{demo.references['leeds']}/steps/start_fieldwork/")
    page.get_by_role("button", name="Start fieldwork").click()
    href = page.locator(".govuk-error-summary__list a").first.get_attribute("href") or ""
    assert page.locator(f"[id='{href[1:]}']").count() == 1, f"nothing on the page is {href}"
