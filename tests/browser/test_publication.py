"""Publication in a real browser: the public site one minute before a report's moment
(the report is nowhere) and one minute after (listed, readable as numbered HTML, with its
PDF), then the area's coordinator sends the written statement of action (a wrong file is
refused with the reason) and starts the action plan. Every page is checked with axe-core.

The clock is moved with time-machine in this process, which also runs the live server:
nothing is published by hand, the moment alone makes the report public."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
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

MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Facts:
    """Read before the browser opens."""

    birmingham_slug: str
    birmingham_title: str
    publish_at: dt.datetime
    kent_reference: str
    kent_council: str
    statement: Path
    program: Path


@pytest.fixture
def facts(demo: DemoFacts, tmp_path: Path) -> Facts:
    from jtai.areas.models import Agency
    from jtai.information.demo import pdf_bytes
    from jtai.publication.models import Report

    report = Report.objects.get(inspection__reference=demo.references["birmingham"])
    statement, program = tmp_path / "Written statement of action.pdf", tmp_path / "statement.pdf"
    statement.write_bytes(pdf_bytes("Kent written statement of proposed action"))
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    return Facts(
        birmingham_slug=report.slug,
        birmingham_title=report.title,
        publish_at=report.publish_at,
        kent_reference=demo.references["kent_published"],
        kent_council=Agency.objects.get(area__name="Kent", kind="local_authority").name,
        statement=statement,
        program=program,
    )


def test_the_public_site_before_and_after_the_publication_moment(
    facts: Facts, new_page: Callable[..., Page]
) -> None:
    with time_machine.travel(facts.publish_at - MINUTE, tick=True):
        page = new_page()
        visit(page, "/reports/")
        assert heading(page) == "Joint targeted area inspection reports"
        expect(page.get_by_role("link", name=facts.birmingham_title)).to_have_count(0)
        page.get_by_label("Search reports").fill("Birmingham")
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_text("No published reports match.")).to_be_visible()
        assert_accessible(page)
        visit(page, f"/reports/{facts.birmingham_slug}/", status=404)
        assert page.request.get(f"/reports/{facts.birmingham_slug}/pdf/").status == 404
        assert page.request.get(f"/api/v1/reports/{facts.birmingham_slug}").status == 404

    with time_machine.travel(facts.publish_at + MINUTE, tick=True):
        page = new_page()
        visit(page, "/reports/")
        page.get_by_role("link", name=facts.birmingham_title).click()
        assert heading(page) == facts.birmingham_title
        letter = page.locator(".jtai-letter")
        expect(letter.get_by_role("heading", name="Headline findings")).to_be_visible()
        expect(letter.locator("#paragraph-1")).to_contain_text("Paragraph 1:")
        expect(letter.get_by_role("heading", name="Next steps")).to_be_visible()
        assert_accessible(page)
        pdf_link = page.get_by_role("link", name="Download this report as a PDF")
        pdf = page.request.get(pdf_link.get_attribute("href") or "")
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF-")
        api = page.request.get("/api/v1/reports?q=Birmingham").json()
        assert [r["slug"] for r in api["items"]] == [facts.birmingham_slug]


def check(page: Page, *, javascript: bool) -> None:
    """axe-core needs JavaScript; without it the page's assets are checked instead."""
    if javascript:
        assert_accessible(page)
    else:
        assert_assets_loaded(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_coordinator_sends_the_written_statement_and_starts_the_action_plan(
    facts: Facts, new_page: Callable[..., Page], javascript: bool
) -> None:
    page = new_page(javascript=javascript)
    sign_in(page, "kent_coordinator")
    visit(page, f"/inspections/{facts.kent_reference}/")
    page.get_by_role("link", name="Published", exact=False).first.click()
    expect(page.get_by_text(f"{facts.kent_council} sends a written statement")).to_be_visible()
    expect(page.locator(".govuk-tag--red", has_text="Overdue")).to_be_visible()
    check(page, javascript=javascript)

    upload = page.get_by_label("Upload the written statement of action")
    upload.set_input_files(facts.program)
    page.get_by_role("button", name="Send the written statement").click()
    expect_error_summary(
        page,
        "statement.pdf is not an allowed type of file: its content is a Windows program, not "
        "a PDF. Upload a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file.",
    )
    check(page, javascript=javascript)

    page.get_by_label("Upload the written statement of action").set_input_files(facts.statement)
    page.get_by_role("button", name="Send the written statement").click()
    assert success_message(page) == "The written statement of action has been received."
    expect(page.get_by_role("link", name=facts.statement.name)).to_be_visible()
    expect(page.get_by_role("button", name="Send the written statement")).to_have_count(0)

    page.get_by_role("link", name="The area's action plan").click()
    assert heading(page) == "Action plan"
    page.get_by_role("button", name="Add the action").click()
    expect_error_summary(
        page, "Enter the action", "Choose the agency that owns the action", "Enter the due date"
    )
    check(page, javascript=javascript)
    page.get_by_label("Action").fill("Invite health to every strategy discussion")
    page.get_by_label("Owner agency").select_option(label="Integrated care board covering Kent")
    due = facts.publish_at.date() + dt.timedelta(days=90)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add the action").click()
    assert success_message(page) == "Action added to the plan."
    expect(page.get_by_role("table", name="1 action")).to_contain_text(
        "Invite health to every strategy discussion"
    )
    check(page, javascript=javascript)
