"""Programme planning in the browser: a programme manager opens next year's programme,
plans it, pins an inspection's area and another's week, re-plans, publishes and accepts
the plan; every page checked with axe-core. The year is read before the browser opens
(nothing may touch the database while it is open)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from .helpers import (
    DemoFacts,
    assert_accessible,
    assert_assets_loaded,
    expect_error_summary,
    heading,
    sign_in,
    success_message,
    visit,
)

pytestmark = pytest.mark.browser

PageAs = Callable[[str], Page]
# Planning waits for the solver: seconds for the demo year, within the page's limit.
SOLVING_MS = 60_000
# Proven optimal in a second or two; on a loaded machine perhaps only close to it.
ANSWERED = re.compile(r"^(Proven optimal|Feasible, within [\d.]+% of the proven best)$")


@dataclass(frozen=True)
class PlanningYear:
    pk: int
    label: str
    pin_week: dt.date  # a Monday that can have fieldwork: no bank holiday, no blackout


@pytest.fixture
def planning_year(demo: DemoFacts) -> PlanningYear:
    from jtai.programme.models import ProgrammeYear

    year = ProgrammeYear.objects.filter(theme_quotas__isnull=False).distinct().get()
    october = dt.date(year.starts_on.year, 10, 1)
    first_monday = october + dt.timedelta(days=-october.weekday() % 7)
    return PlanningYear(year.pk, year.label, first_monday + dt.timedelta(weeks=1))


def submit(page: Page, button: str, *, timeout: int = 10_000) -> None:
    with page.expect_navigation(timeout=timeout):
        page.get_by_role("button", name=button, exact=True).click(timeout=timeout)


def test_programme_manager_plans_pins_replans_and_accepts(
    planning_year: PlanningYear, page_as: PageAs
) -> None:
    page = page_as("programme_manager")
    page.get_by_role("link", name="Programme", exact=True).click()
    expect(page.locator("main h1")).to_have_text("Programme planning")
    assert_accessible(page)

    page.get_by_role("link", name=planning_year.label).click()
    expect(page.locator("main h1")).to_have_text(f"Programme {planning_year.label}")
    expect(page.get_by_role("table", name="Themes")).to_contain_text("Child sexual abuse")
    assert_accessible(page)

    submit(page, "Plan the year", timeout=SOLVING_MS)
    expect(page.locator("main h1")).to_have_text(re.compile(r"^Plan \d+$"))
    first_plan = heading(page)
    assert success_message(page).startswith("Planned in ")
    expect(page.locator("#planner-answer")).to_have_text(ANSWERED)
    expect(page.locator("#checker")).to_have_text("Every hard rule holds")
    calendar = page.locator("table.jtai-plan-month tbody tr")
    assert calendar.count() == 10
    workload = page.get_by_role("table", name="Inspectors' workload")
    assert workload.locator("tbody tr").count() >= 80
    assert_accessible(page)

    # Pin the area of the first inspection in the calendar, from the calendar itself.
    first_row = calendar.first
    slot = (first_row.get_attribute("id") or "").removeprefix("slot-")
    area = first_row.locator("td").nth(1).inner_text().splitlines()[0].strip()
    submit(page, f"Pin the area of {slot}")
    assert success_message(page) == f"Pinned the area of {slot}: re-plan to keep it."
    expect(page.locator(f"[id='slot-{slot}']")).to_contain_text("Pinned")
    assert_accessible(page)

    # Pin another inspection's week on the pin page, after a mistake.
    page.get_by_role("link", name="Pin an area, a week or an inspector").first.click()
    expect(page.locator("main h1")).to_have_text("Pin part of the plan")
    assert_accessible(page)
    submit(page, "Pin")
    expect_error_summary(page, "Choose the inspection to pin")
    assert_accessible(page)
    other = "revisit-domestic-abuse-1" if slot != "revisit-domestic-abuse-1" else "csa-family-1"
    page.get_by_label("Inspection").select_option(other)
    week = planning_year.pin_week
    page.get_by_label("Day").fill(str(week.day))
    page.get_by_label("Month").fill(str(week.month))
    page.get_by_label("Year").fill(str(week.year))
    submit(page, "Pin")
    assert success_message(page) == f"Pinned {other}: plan or re-plan to use it."
    pins = page.get_by_role("table", name="Pins for the next plan")
    expect(pins).to_contain_text(f"Area: {area}")
    expect(pins).to_contain_text(f"Fieldwork week of {week.day} {week:%B %Y}")
    assert_accessible(page)

    # Re-plan from the first plan: the pins hold and the page says what changed.
    page.get_by_role("link", name=first_plan).click()
    submit(page, "Re-plan from this plan", timeout=SOLVING_MS)
    assert success_message(page).startswith("Re-planned in ")
    assert heading(page) != first_plan
    expect(page.locator(f"[id='slot-{slot}']")).to_contain_text(area)
    moved = page.locator(f"[id='slot-{other}']")
    expect(moved).to_contain_text(f"{week:%-d %b} to")
    expect(moved).to_contain_text("Pinned")
    expect(page.get_by_role("table", name=re.compile("^Changes to plan"))).to_contain_text(other)
    assert_accessible(page)

    submit(page, "Publish this plan")
    assert success_message(page) == f"Plan published as the plan for {planning_year.label}."
    expect(page.locator("main h1 + p .govuk-tag")).to_have_text("Published")
    assert_accessible(page)

    submit(page, "Accept and create the inspections", timeout=SOLVING_MS)
    assert success_message(page) == "Plan accepted: 10 inspections planned and staffed."
    expect(page.locator("main h1 + p .govuk-tag")).to_have_text("Accepted")
    expect(page.get_by_role("button", name="Re-plan from this plan")).to_have_count(0)
    assert_accessible(page)

    # The accepted inspections are in the inspections list, staffed.
    visit(page, f"/inspections/?theme=csa-family&year={week.year}")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    assert_accessible(page)


def test_the_year_can_be_planned_without_javascript(
    planning_year: PlanningYear, new_page: Callable[..., Page]
) -> None:
    # Plain forms: planning, pinning and publishing need no script. (axe-core needs
    # JavaScript, so these pages are checked in the test above.)
    page = new_page(javascript=False)
    sign_in(page, "administrator")
    visit(page, f"/programme/{planning_year.pk}/")
    submit(page, "Plan the year", timeout=SOLVING_MS)
    expect(page.locator("#planner-answer")).to_have_text(ANSWERED)
    slot = (page.locator("table.jtai-plan-month tbody tr").first.get_attribute("id") or "")[5:]
    submit(page, f"Pin the week of {slot}")
    expect(page.locator(f"[id='slot-{slot}']")).to_contain_text("Pinned")
    submit(page, "Publish this plan")
    expect(page.locator("main h1 + p .govuk-tag")).to_have_text("Published")
    assert_assets_loaded(page)
