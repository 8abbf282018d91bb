"""An inspection's lifecycle in the browser: planning one, building its team, steps that
are refused and steps that go through, each by the role that takes it, with every page
checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from jtai.workdays import WorkingCalendar

from .helpers import (
    DemoFacts,
    assert_accessible,
    expect_error_summary,
    field_error,
    history,
    history_item,
    key_dates,
    status_tag,
    success_message,
    visit,
)

pytestmark = pytest.mark.browser

PageAs = Callable[[str], Page]

ENTER_A_REASON = "Enter a reason"


def long_date(day: dt.date) -> str:
    """The service's long date style: 'Monday 7 June 2027'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def first_working_monday(on_or_after: dt.date) -> dt.date:
    calendar = WorkingCalendar()  # bank holidays; the demo has no closure days
    day = on_or_after + dt.timedelta(days=-on_or_after.weekday() % 7)
    while not calendar.is_working_day(day):
        day += dt.timedelta(weeks=1)
    return day


def actions(page: Page) -> list[str]:
    box = page.locator(
        ".govuk-grid-column-one-third", has=page.get_by_role("heading", name="Actions")
    )
    return [text.strip() for text in box.locator("li").all_inner_texts()]


def open_step(page: Page, reference: str, label: str) -> None:
    """From the inspection's page, follow the step's link in Actions."""
    visit(page, f"/inspections/{reference}/")
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.locator("main h1")).to_have_text(label)
    assert_accessible(page)


def test_programme_manager_plans_an_inspection_and_builds_its_team(
    page_as: PageAs, demo: DemoFacts
) -> None:
    today = timezone.localdate()
    fieldwork = first_working_monday(today + dt.timedelta(weeks=4))
    page = page_as("programme_manager")

    page.get_by_role("link", name="Inspections", exact=True).click()
    page.get_by_role("button", name="Plan an inspection").click()
    expect(page.locator("main h1")).to_have_text("Plan an inspection")
    assert_accessible(page)

    # An impossible date: the error is shown with the field and in the summary, and
    # everything typed or chosen is kept.
    page.get_by_label("Area", exact=True).select_option(label="York")
    page.get_by_label("Thematic (deep dive)").check()
    page.get_by_label("Theme", exact=True).select_option(
        label="Children living with domestic abuse"
    )
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2027")
    page.get_by_role("button", name="Plan inspection").click()
    message = "Fieldwork start must be a real date, for example 27 3 2026"
    expect_error_summary(page, message)
    assert field_error(page, "id_fieldwork_start") == message
    for box, typed in (("Day", "31"), ("Month", "2"), ("Year", "2027")):
        expect(page.get_by_label(box, exact=True)).to_have_value(typed)
        expect(page.get_by_label(box, exact=True)).to_have_class(
            re.compile(r"\bgovuk-input--error\b")
        )
    selected = "el => el.options[el.selectedIndex].text"
    assert page.get_by_label("Area", exact=True).evaluate(selected) == "York"
    assert page.get_by_label("Theme", exact=True).evaluate(selected) == (
        "Children living with domestic abuse"
    )
    expect(page.get_by_label("Thematic (deep dive)")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Day", exact=True).fill(str(fieldwork.day))
    page.get_by_label("Month", exact=True).fill(str(fieldwork.month))
    page.get_by_label("Year", exact=True).fill(str(fieldwork.year))
    page.get_by_role("button", name="Plan inspection").click()
    expect(page.locator("main h1")).to_have_text("York: Children living with domestic abuse")
    reference = f"JTAI-{fieldwork:%Y%m%d}-{demo.ons_codes['York']}"
    assert success_message(page) == f"Inspection {reference} planned."
    assert status_tag(page) == "Planned"
    assert page.locator(".govuk-caption-l").inner_text() == reference
    assert key_dates(page)["Start of fieldwork"][1] == long_date(fieldwork)
    assert history(page) == [f"Planned with fieldwork from {long_date(fieldwork)}"]
    assert "No one is on the team yet." in page.locator("main").inner_text()
    assert_accessible(page)

    # The team: nothing chosen is refused, then the demo lead and QA manager join.
    page.get_by_role("link", name="Add a team member").click()
    expect(page.locator("main h1")).to_have_text("Add a team member")
    assert_accessible(page)
    page.get_by_role("button", name="Add to team").click()
    expect_error_summary(page, "Choose the person to add", "Choose their role on the team")
    assert_accessible(page)
    for name, role in (
        ("Hannah Clarke", "Lead inspector"),
        ("Martin Hughes", "Quality assurance manager"),
    ):
        if page.url.endswith(f"/inspections/{reference}/"):
            page.get_by_role("link", name="Add a team member").click()
        person = page.get_by_label("Person")
        option = person.locator("option", has_text=name)
        expect(option).to_have_count(1)
        person.select_option(value=option.get_attribute("value"))
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Add to team").click()
        assert success_message(page) == f"{name} added to the team."
        assert_accessible(page)

    team = page.locator("table", has=page.locator("caption", has_text="Inspection team"))
    rows = [
        [c.strip() for c in row.locator("td").all_inner_texts()][:3]
        for row in team.locator("tbody tr").all()
    ]
    assert rows == [
        ["Hannah Clarke", "Ofsted", "Lead inspector"],
        ["Martin Hughes", "Ofsted", "Quality assurance manager"],
    ]
    assert history(page) == [
        "Martin Hughes joined the team as quality assurance manager",
        "Hannah Clarke joined the team as lead inspector",
        f"Planned with fieldwork from {long_date(fieldwork)}",
    ]
    assert "by Priya Shah" in history_item(page, "Hannah Clarke joined")

    # The area cannot be notified before the planned notification day.
    notification = key_dates(page)["Notification"][1]
    assert notification != long_date(today)
    open_step(page, reference, "Notify the area")
    page.get_by_role("button", name="Notify the area").click()
    expect_error_summary(
        page,
        f"This step is planned for {notification} and cannot happen earlier.",
    )
    assert_accessible(page)
    visit(page, f"/inspections/{reference}/")
    assert status_tag(page) == "Planned"

    # The lead inspector now sees it among their inspections.
    lead = page_as("lead_inspector")
    lead.get_by_role("link", name="Inspections", exact=True).click()
    expect(lead.get_by_role("link", name=reference)).to_be_visible()


def test_fieldwork_cannot_start_early_and_the_inspection_is_withdrawn(
    page_as: PageAs, demo: DemoFacts
) -> None:
    reference = demo.references["leeds"]
    fieldwork = demo.planned["leeds"]["fieldwork_start"]
    assert fieldwork > timezone.localdate()

    lead = page_as("lead_inspector")
    visit(lead, f"/inspections/{reference}/")
    assert status_tag(lead) == "Information gathering"
    assert actions(lead) == ["Start fieldwork"]
    open_step(lead, reference, "Start fieldwork")
    lead.get_by_role("button", name="Start fieldwork").click()
    expect_error_summary(
        lead,
        f"This step is planned for {long_date(fieldwork)} and cannot happen earlier.",
    )
    assert_accessible(lead)
    visit(lead, f"/inspections/{reference}/")
    assert status_tag(lead) == "Information gathering"

    programme = page_as("programme_manager")
    open_step(programme, reference, "Withdraw the inspection")
    programme.get_by_role("button", name="Withdraw the inspection").click()
    expect_error_summary(programme, ENTER_A_REASON)
    assert field_error(programme, "id_reason") == ENTER_A_REASON
    assert_accessible(programme)
    reason = "The partnership is part of a national review this term."
    programme.get_by_label("Reason").fill(reason)
    programme.get_by_role("button", name="Withdraw the inspection").click()
    assert success_message(programme) == "Done: withdraw the inspection."
    assert status_tag(programme) == "Withdrawn"
    assert history(programme)[0] == "Withdraw the inspection"
    latest = history_item(programme, "Withdraw the inspection")
    assert "by Priya Shah" in latest
    assert reason in latest
    assert actions(programme) == []
    assert_accessible(programme)

    # The area sees the withdrawal, and why.
    area = page_as("leeds_coordinator")
    visit(area, f"/inspections/{reference}/")
    assert status_tag(area) == "Withdrawn"
    assert history(area)[0] == "Withdraw the inspection"
    assert reason in history_item(area, "Withdraw the inspection")
    assert_accessible(area)
