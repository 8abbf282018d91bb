"""The findings letter in a real browser, from first draft to the area's action plan: an
inspector drafts a section while the lead's concurrent edit of it is refused (keeping
the lead's text), the lead sends the draft for quality assurance, the QA manager comments
and returns it, then signs it off and sends it; an agency contact and the coordinator
comment on numbered paragraphs, the coordinator submits, the lead accepts one comment
and rejects the other with a reason, and the coordinator sees the outcomes. The lead
finalises; the public site does not have the report a minute before its publication
moment and does a minute after (the clock is moved with time-machine, which also moves
the live server's); a programme manager records publication and the coordinator sends
the written statement of action. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from jtai.timelines.wording import long_date

from .helpers import (
    DemoFacts,
    assert_accessible,
    expect_error_summary,
    heading,
    key_dates,
    status_tag,
    success_message,
    visit,
)

pytestmark = pytest.mark.browser

PageAs = Callable[[str], Page]
MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Drafting:
    reference: str
    letter_url: str
    publish_at: dt.datetime
    statement: Path


@pytest.fixture
def drafting(demo: DemoFacts, tmp_path: Path) -> Drafting:
    """The Leeds inspection walked on to drafting, its letter started from two evidence
    notes and every required section but the headline findings written: read before the
    browser opens, as nothing may touch the database while it is."""
    from jtai.information.demo import pdf_bytes
    from jtai.publication.services import publication_moment
    from jtai.reports import services
    from tests.reports.factories import SIGNATORY_NAMES, drafting_letter, person

    letter = drafting_letter()
    services.details_save(
        actor=person("lead"),
        letter=letter,
        addressees=letter.addressees,
        signatories=[dict(s, name=SIGNATORY_NAMES[s["inspectorate"]]) for s in letter.signatories],
        version=letter.details_version,
    )
    for section in letter.sections.filter(required=True).exclude(key="headline_findings"):
        if section.is_empty:
            services.section_save(
                actor=person("inspector"),
                section=section,
                text=f"Inspectors found the {section.heading.lower()} of Leeds's partnership.",
                version=section.version,
            )
    reference = letter.inspection.reference
    planned_publication = letter.inspection.planned("publication")
    assert planned_publication is not None
    statement = tmp_path / "Leeds written statement of action.pdf"
    statement.write_bytes(pdf_bytes("Leeds written statement of proposed action"))
    return Drafting(
        reference=reference,
        letter_url=f"/inspections/{reference}/letter/",
        publish_at=publication_moment(planned_publication),
        statement=statement,
    )


def test_a_letter_from_first_draft_to_publication_and_the_action_plan(
    drafting: Drafting, page_as: PageAs, new_page: Callable[..., Page]
) -> None:
    inspector = page_as("inspector")
    lead = page_as("lead_inspector")

    # Both open the headline findings; the inspector saves first.
    visit(inspector, drafting.letter_url)
    assert heading(inspector) == "Findings letter"
    assert_accessible(inspector)
    inspector.get_by_role("link", name="Change Headline findings").click()
    visit(lead, drafting.letter_url)
    lead.get_by_role("link", name="Change Headline findings").click()
    assert_accessible(lead)
    inspector.get_by_label("Text").fill(
        "Children in Leeds who live with domestic abuse are mostly identified quickly.\n\n"
        "Health partners are not always part of the first decisions."
    )
    inspector.get_by_role("button", name="Save headline findings").click()
    assert success_message(inspector) == "Headline findings saved."
    expect(inspector.get_by_text("Children in Leeds who live with domestic abuse")).to_be_visible()

    lead.get_by_label("Text").fill("The lead's own headline.")
    lead.get_by_role("button", name="Save headline findings").click()
    expect_error_summary(
        lead,
        "Someone else saved this section since you opened it. Your text is below but has "
        "not been saved: compare it with theirs, then save again.",
    )
    expect(lead.get_by_label("Text")).to_have_value("The lead's own headline.")
    expect(lead.locator(".govuk-inset-text")).to_contain_text("Children in Leeds")
    assert_accessible(lead)

    # Having read the inspector's text, the lead saves on purpose, then compares.
    lead.get_by_label("Text").fill(
        "Children in Leeds who live with domestic abuse are mostly identified quickly.\n\n"
        "Health partners are not always part of the first decisions about them."
    )
    lead.get_by_role("button", name="Save headline findings").click()
    assert success_message(lead) == "Headline findings saved."
    lead.get_by_role("link", name="Versions of Headline findings").click()
    expect(lead.get_by_role("heading", name="Changes from version 1 to version 2")).to_be_visible()
    expect(lead.locator(".jtai-diff ins")).to_contain_text("about them.")
    assert_accessible(lead)
    visit(lead, drafting.letter_url + "details/")
    assert_accessible(lead)

    # The lead sends the draft for quality assurance.
    visit(lead, drafting.letter_url)
    lead.get_by_role("link", name="Send the draft for quality assurance").click()
    assert_accessible(lead)
    lead.get_by_role("button", name="Send the draft for quality assurance").click()
    assert success_message(lead) == "Draft sent for quality assurance."
    assert status_tag(lead) == "Quality assurance"

    # The QA manager comments on a section and returns the draft.
    qa = page_as("qa_manager")
    visit(qa, drafting.letter_url)
    qa.get_by_role("link", name="Comment on Strengths").click()
    assert_accessible(qa)
    qa.get_by_label("Your comment for the team").fill("Say which police teams this was.")
    qa.get_by_role("button", name="Add comment").click()
    assert success_message(qa) == "Comment added to Strengths."
    expect(qa.get_by_text("Say which police teams this was.")).to_be_visible()
    qa.get_by_role("link", name="Sign off or return the draft").click()
    assert_accessible(qa)
    qa.get_by_role("button", name="Return the draft").click()
    expect_error_summary(qa, "Enter what the team needs to change")
    qa.get_by_label("What the team needs to change").fill("Name the police teams.")
    qa.get_by_role("button", name="Return the draft").click()
    assert success_message(qa) == "Draft returned to the team."

    # The lead sends it again; the QA manager signs off and sends it to the area.
    visit(lead, drafting.letter_url)
    expect(lead.get_by_text("Say which police teams this was.")).to_be_visible()
    lead.get_by_role("link", name="Send the draft for quality assurance").click()
    lead.get_by_role("button", name="Send the draft for quality assurance").click()
    visit(qa, drafting.letter_url)
    qa.get_by_role("link", name="Sign off or return the draft").click()
    qa.get_by_role("button", name="Sign off the draft").click()
    assert success_message(qa) == "Draft signed off. You can now send it to the area."
    assert heading(qa) == "Send the draft to the area"
    assert_accessible(qa)
    qa.get_by_role("button", name="Send the draft to the area").click()
    assert success_message(qa) == "Draft sent to Leeds for factual accuracy."
    assert status_tag(qa) == "Factual accuracy check"

    # The police comment on paragraph 2; the coordinator on paragraph 1, then submits.
    police = page_as("leeds_police")
    visit(police, drafting.letter_url)
    assert heading(police) == "Draft findings letter"
    expect(police.get_by_text("Say which police teams")).to_have_count(0)
    expect(police.get_by_text("Drawn from evidence")).to_have_count(0)
    police.get_by_role("link", name="Factual accuracy comments on the draft").click()
    police.get_by_role("button", name="Save comment").click()
    expect_error_summary(
        police, "Choose the paragraph your comment is about", "Enter your comment on the paragraph"
    )
    police.get_by_label("Paragraph").select_option("2")
    police.get_by_label("Your comment").fill("Our MASH officers moved in last March, not May.")
    police.get_by_role("button", name="Save comment").click()
    assert success_message(police) == "Comment on paragraph 2 saved."
    assert_accessible(police)

    coordinator = page_as("leeds_coordinator")
    visit(coordinator, drafting.letter_url + "factual-accuracy/")
    expect(coordinator.get_by_text("Our MASH officers moved in last March")).to_be_visible()
    coordinator.get_by_label("Paragraph").select_option("1")
    coordinator.get_by_label("Your comment").fill("The inspection ran for a week, not five days.")
    coordinator.get_by_role("button", name="Save comment").click()
    coordinator.get_by_role("link", name="Submit the area's comments to the inspectors").click()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Submit comments to the inspectors").click()
    assert success_message(coordinator) == "2 comments submitted to the inspectors."

    # The lead accepts the police comment and rejects the coordinator's with a reason.
    visit(lead, drafting.letter_url + "factual-accuracy/")
    assert_accessible(lead)
    lead.get_by_role("link", name="Answer the comment on paragraph 2").click()
    assert_accessible(lead)
    lead.get_by_label("Yes, accept it").check()
    lead.get_by_label("Your answer to the area").fill("Corrected to March.")
    lead.get_by_role("button", name="Save answer").click()
    assert success_message(lead) == "Comment on paragraph 2 accepted."
    lead.get_by_role("link", name="Answer the comment on paragraph 1").click()
    lead.get_by_label("No, do not accept it").check()
    lead.get_by_label("Your answer to the area").fill("Fieldwork is five working days.")
    lead.get_by_role("button", name="Save answer").click()
    assert success_message(lead) == "Comment on paragraph 1 not accepted."

    # The coordinator sees both outcomes.
    visit(coordinator, drafting.letter_url + "factual-accuracy/")
    cards = coordinator.locator(".govuk-summary-card")
    expect(cards.filter(has_text="paragraph 2")).to_contain_text(
        re.compile("Accepted.*Corrected to March", re.S)
    )
    expect(cards.filter(has_text="paragraph 1")).to_contain_text(
        re.compile("Not accepted.*Fieldwork is five working days", re.S)
    )
    assert_accessible(coordinator)

    # The lead finalises: the final report goes to publication, embargoed.
    visit(lead, drafting.letter_url)
    lead.get_by_role("link", name="Finalise and send the final report").click()
    assert_accessible(lead)
    lead.get_by_role("button", name="Finalise and send the final report").click()
    assert success_message(lead) == "Final report sent to the area's leaders, embargoed."
    assert status_tag(lead) == "Finalised (embargoed)"
    visit(coordinator, drafting.letter_url)
    assert heading(coordinator) == "Final findings letter"

    def leeds_report_slugs(page: Page) -> set[str]:
        found = page.request.get("/api/v1/reports?q=Leeds&limit=100").json()
        return {item["slug"] for item in found["items"]}

    finalised_on = timezone.localdate()

    # A minute before the moment the report is nowhere on the public site.
    with time_machine.travel(drafting.publish_at - MINUTE, tick=True):
        public = new_page()
        visit(public, "/reports/")
        assert_accessible(public)
        before = leeds_report_slugs(public)

    # A minute after, it is listed and readable, as HTML and PDF.
    with time_machine.travel(drafting.publish_at + MINUTE, tick=True):
        public = new_page()
        (slug,) = leeds_report_slugs(public) - before
        visit(public, f"/reports/{slug}/")
        letter = public.locator(".jtai-letter")
        expect(letter.get_by_role("heading", name="Headline findings")).to_be_visible()
        expect(letter).to_contain_text("Inspectors found the main findings of Leeds")
        assert_accessible(public)
        pdf = public.request.get(f"/reports/{slug}/pdf/")
        assert pdf.headers["content-type"] == "application/pdf"

        # A programme manager records publication without waiting for the job.
        programme = page_as("programme_manager")
        visit(programme, f"/inspections/{drafting.reference}/report/")
        programme.get_by_role("button", name="Publish now").click()
        assert success_message(programme) == "The report is published."
        visit(programme, f"/inspections/{drafting.reference}/")
        assert status_tag(programme) == "Published"
        dates = key_dates(programme)
        assert dates["Final report"][2] == long_date(finalised_on)
        assert dates["Publication"][2] == long_date(drafting.publish_at.date())

        # The coordinator sends the written statement of action.
        coordinator = page_as("leeds_coordinator")
        visit(coordinator, f"/inspections/{drafting.reference}/report/")
        assert_accessible(coordinator)
        coordinator.get_by_label("Upload the written statement of action").set_input_files(
            drafting.statement
        )
        coordinator.get_by_role("button", name="Send the written statement").click()
        assert success_message(coordinator) == (
            "The written statement of action has been received."
        )
        expect(coordinator.get_by_role("link", name=drafting.statement.name)).to_be_visible()
