"""Evidence during fieldwork in a real browser: an inspector records a note on the short
form (told plainly what is missing, with nothing they typed lost), finds it by search and
by filters, two inspectors change the same note at once and the second save is refused
with its text kept, and the lead inspector's Friday feedback shows it. Every page is
checked with axe-core; the form also works with JavaScript off."""

from __future__ import annotations

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
TEXT = "Health visitors and midwives shared concerns with the front door the same day."


@dataclass(frozen=True)
class Facts:
    reference: str
    criterion: str
    police: str
    health: str
    child: str  # a tracked child's case reference


@pytest.fixture
def facts(demo: DemoFacts) -> Facts:
    from jtai.areas.models import Agency
    from jtai.evidence.selectors import criteria_for, tracked_children
    from jtai.inspections.models import Inspection

    inspection = Inspection.objects.get(reference=demo.references["leeds"])
    child = tracked_children(inspection).first()
    assert child is not None
    agencies = {a.kind: a.name for a in Agency.objects.filter(area_id=inspection.area_id)}
    return Facts(
        reference=inspection.reference,
        criterion=next(c.title for c in criteria_for(inspection) if c.key == "identification"),
        police=agencies["police"],
        health=agencies["health"],
        child=child.case_reference,
    )


def record(page: Page, facts: Facts, text: str) -> None:
    """Fill in the evidence form, everything but the text."""
    page.get_by_label("Evidence", exact=True).fill(text)
    page.get_by_label(facts.criterion).check()
    page.get_by_label("Strength", exact=True).check()
    page.get_by_label(facts.health).check()
    page.get_by_label("Where the evidence comes from").select_option(label=f"Child {facts.child}")
    page.get_by_label("Key finding").check()


def open_note(page: Page, facts: Facts) -> None:
    visit(page, f"/inspections/{facts.reference}/evidence/?q=midwives")
    page.locator(".jtai-evidence-note h3 a").first.click()
    page.get_by_role("link", name="Change this evidence").click()
    assert heading(page) == "Change evidence"


def test_an_inspector_records_finds_and_two_inspectors_edit_evidence(
    facts: Facts, page_as: PageAs
) -> None:
    inspector = page_as("inspector")
    visit(inspector, f"/inspections/{facts.reference}/")
    inspector.get_by_role("link", name="Evidence against the criteria").click()
    assert heading(inspector) == "Evidence"
    assert_accessible(inspector)

    inspector.get_by_role("link", name="Record evidence").click()
    assert heading(inspector) == "Record evidence"
    assert_accessible(inspector)

    # Only the text typed: every other problem is named, and the text stays.
    inspector.get_by_label("Evidence", exact=True).fill(TEXT)
    inspector.get_by_role("button", name="Save evidence").click()
    expect_error_summary(
        inspector,
        "Choose the evaluation criterion this evidence is about",
        "Choose whether this is a strength, an area for improvement or context",
        "Choose at least one agency this evidence is about",
        "Choose where the evidence comes from: an activity, a tracked child's case or a document",
    )
    expect(inspector.get_by_label("Evidence", exact=True)).to_have_value(TEXT)
    assert_accessible(inspector)

    record(inspector, facts, TEXT)
    inspector.get_by_role("button", name="Save evidence").click()
    assert success_message(inspector) == (f"Evidence recorded: strength under {facts.criterion}.")

    # Found by search, and by filters; another polarity finds nothing.
    inspector.get_by_label("Search the evidence").fill("midwives")
    inspector.get_by_role("button", name="Apply").click()
    notes = inspector.locator(".jtai-evidence-note")
    expect(notes).to_have_count(1)
    expect(notes.first).to_contain_text(TEXT)
    expect(notes.first.locator("mark")).to_have_text("midwives")
    assert_accessible(inspector)
    inspector.get_by_label("Agency", exact=True).select_option(label=facts.health)
    inspector.get_by_label("Strength or area for improvement").select_option(label="Strength")
    inspector.get_by_label("Key findings only").check()
    inspector.get_by_role("button", name="Apply").click()
    expect(notes).to_have_count(1)
    inspector.get_by_label("Agency", exact=True).select_option(label=facts.police)
    inspector.get_by_role("button", name="Apply").click()
    expect(inspector.get_by_role("heading", name="No evidence matches")).to_be_visible()

    # Two inspectors open the same note; the first save wins, the second is refused.
    lead = page_as("lead_inspector")
    open_note(inspector, facts)
    open_note(lead, facts)
    assert_accessible(lead)
    inspector.get_by_label("Evidence", exact=True).fill(TEXT + " Confirmed by the manager.")
    inspector.get_by_role("button", name="Save evidence").click()
    assert success_message(inspector) == "Evidence saved."
    lead_text = TEXT + " Seen again at the strategy meeting."
    lead.get_by_label("Evidence", exact=True).fill(lead_text)
    lead.get_by_role("button", name="Save evidence").click()
    expect(lead.locator(".govuk-error-summary")).to_contain_text(
        "Someone else saved this evidence since you opened it."
    )
    expect(lead.get_by_label("Evidence", exact=True)).to_have_value(lead_text)
    expect(lead.locator("#newer-version")).to_contain_text("Confirmed by the manager.")
    assert lead.title().startswith("Error: ")
    assert_accessible(lead)

    # The history keeps both saves.
    inspector.get_by_role("link", name="History of changes").click()
    expect(inspector.locator(".govuk-summary-card")).to_have_count(2)
    assert_accessible(inspector)

    # The lead inspector's feedback to the partnership on Friday shows it.
    visit(lead, f"/inspections/{facts.reference}/evidence/feedback/")
    assert heading(lead) == "Feedback to the partnership"
    expect(lead.locator("main")).to_contain_text("Confirmed by the manager.")
    assert_accessible(lead)
    visit(lead, f"/inspections/{facts.reference}/evidence/summary/")
    assert_accessible(lead)


def test_case_tracking_pages(facts: Facts, page_as: PageAs) -> None:
    lead = page_as("lead_inspector")
    visit(lead, f"/inspections/{facts.reference}/tracking/")
    assert heading(lead) == "Case tracking"
    assert_accessible(lead)
    lead.get_by_role("link", name=facts.child).click()
    assert heading(lead) == f"Child {facts.child}"
    assert_accessible(lead)
    lead.get_by_role("link", name="Change the record").or_(
        lead.get_by_role("link", name="Record case tracking")
    ).click()
    assert_accessible(lead)
    lead.get_by_label("The child's experience").fill("Seen at school; the plan helped.")
    lead.get_by_role("button", name="Save case tracking").click()
    assert success_message(lead) == f"Case tracking of {facts.child} saved."


def test_evidence_is_recorded_without_javascript(
    facts: Facts, new_page: Callable[..., Page]
) -> None:
    page = new_page(javascript=False)
    sign_in(page, "inspector")
    visit(page, f"/inspections/{facts.reference}/evidence/new/")
    record(page, facts, "Recorded on a phone with scripts off: schools act on notifications.")
    page.get_by_role("button", name="Save evidence").click()
    assert success_message(page).startswith("Evidence recorded")
    assert_assets_loaded(page)
