"""Weeks 1 and 2 of two inspections at once, in a real browser: each area's coordinator
uploads a case list (after a refused one), the inspectors filter the children, build long
and short lists with the suggestion and their own edits, and ask for audits; agency
contacts complete only their own agency's sections; the coordinators submit; the
inspectors read the submitted audits. Neither area ever sees the other's children, and
an area sees nothing before it is notified. Every page is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
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
ANSWER_EVERY_QUESTION = "Answer this question, or save the section as a draft"


@dataclass(frozen=True)
class Area:
    """One area's side of the exchange, read before the browser opens."""

    name: str
    reference: str
    coordinator: str  # demo user keys
    contact: str
    inspector: str
    contact_agency: str  # the agency contact's agency's name
    case_list: Path
    rows: int
    audit_due_passed: bool


@dataclass(frozen=True)
class Exchange:
    leeds: Area
    kent: Area
    named_list: Path  # a list with a column of names
    kent_planned: str  # Kent's demo inspection, not yet notified


@pytest.fixture
def exchange(demo: DemoFacts, tmp_path: Path) -> Exchange:
    """Leeds starts afresh from notification (the demo's lists, choices and audits are
    cleared) and Kent is notified of a second inspection, staffed by the same lead and
    inspector, so one team works on two areas at once."""
    from jtai.accounts.models import User
    from jtai.areas.models import Agency
    from jtai.cases.models import AuditRequest, CaseList, RejectedUpload, SelectedChild
    from jtai.cases.synthetic import synthetic_csv, synthetic_xlsx
    from jtai.evidence.models import EvidenceNote, TrackingRecord
    from jtai.inspections.models import Inspection
    from tests.cases.factories import notify_second_area
    from tests.conftest import DEMO_ROLES, demo_user

    leeds = Inspection.objects.get(reference=demo.references["leeds"])
    AuditRequest.objects.filter(inspection=leeds).delete()
    # The demo's case tracking and evidence cite chosen children; they go first.
    EvidenceNote.objects.filter(inspection=leeds, child__isnull=False).delete()
    TrackingRecord.objects.filter(selection__inspection=leeds).delete()
    SelectedChild.objects.filter(inspection=leeds).delete()  # and their audits
    CaseList.objects.filter(inspection=leeds).delete()
    RejectedUpload.objects.filter(inspection=leeds).delete()
    users: dict[str, User] = {key: demo_user(key) for key in DEMO_ROLES}
    kent = notify_second_area(users)
    today = timezone.localdate()

    def area(inspection: Inspection, prefix: str, rows: int, **keys: str) -> Area:
        assert inspection.notified_at is not None
        notified = timezone.localdate(inspection.notified_at)
        if prefix == "LDS":
            data = synthetic_csv(rows, notified_on=notified, prefix=prefix, seed=21)
            path = tmp_path / "Leeds children living with domestic abuse.csv"
        else:
            data = synthetic_xlsx(rows, notified_on=notified, prefix=prefix, seed=22)
            path = tmp_path / "Kent children.xlsx"
        path.write_bytes(data)
        contact = demo_user(keys["contact"])
        due = inspection.planned("audit_due")
        return Area(
            name=inspection.area.name,
            reference=inspection.reference,
            case_list=path,
            rows=rows,
            contact_agency=Agency.objects.get(pk=contact.agency_id).name,
            audit_due_passed=due is not None and today > due,
            **keys,
        )

    named = tmp_path / "with names.csv"
    named.write_text("Child ID,Child name,Gender,Ethnicity,Age\nA1,Jo,F,Indian,4\n")
    return Exchange(
        leeds=area(
            leeds,
            "LDS",
            60,
            coordinator="leeds_coordinator",
            contact="leeds_police",
            inspector="inspector",
        ),
        kent=area(
            kent,
            "KNT",
            40,
            coordinator="kent_coordinator",
            contact="kent_health",
            inspector="lead_inspector",
        ),
        named_list=named,
        kent_planned=demo.references["kent_planned"],
    )


def cases(area: Area, rest: str = "") -> str:
    return f"/inspections/{area.reference}/cases/{rest}"


def open_cases(page: Page, area: Area) -> None:
    """From the inspection's page, follow the link to its children's cases."""
    visit(page, f"/inspections/{area.reference}/")
    page.get_by_role("link", name="Case lists, children chosen and audits").click()
    expect(page.locator("main h1")).to_have_text("Children's cases")
    assert_accessible(page)


def upload_list(page: Page, area: Area, named_list: Path) -> None:
    open_cases(page, area)
    page.get_by_role("button", name="Upload a case list").click()
    expect(page.locator("main h1")).to_have_text("Upload a case list")
    assert_accessible(page)
    # Nothing chosen: both questions are asked for.
    page.get_by_role("button", name="Upload and check").click()
    expect_error_summary(page, "Choose which list this is", "Select a case list file")
    assert_accessible(page)
    # A list with a column of names is refused whole.
    page.get_by_label("Children identified with the theme's risk").check()
    page.get_by_label("Case list file").set_input_files(named_list)
    page.get_by_role("button", name="Upload and check").click()
    expect_error_summary(
        page,
        "Row 1: Column B, 'Child name', looks like it holds names. The service must never "
        "hold a child's name: delete the column and upload the list again.",
    )
    assert_accessible(page)
    page.get_by_label("Children identified with the theme's risk").check()
    page.get_by_label("Case list file").set_input_files(area.case_list)
    page.get_by_role("button", name="Upload and check").click()
    assert success_message(page) == f"{area.rows} children imported from {area.case_list.name}."
    assert_accessible(page)


def choose_children(page: Page, area: Area) -> list[str]:
    """Filter, long-list three children by hand, accept the suggestion less one, add a
    child by hand for local audit and one for case tracking, and ask for the audits.
    Returns the children asked to be audited."""
    open_cases(page, area)
    page.get_by_role("link", name="Find and filter the children on the lists").click()
    expect(page.locator("main h1")).to_have_text("Children on the lists")
    page.get_by_text("Filter children").click()
    page.get_by_label("Status", exact=True).select_option(label="Child protection plan")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Age", exact=True).click()
    expect(page.locator("th[aria-sort='ascending']")).to_have_text(re.compile("^Age"))
    assert_accessible(page)
    children = page.url
    for n in range(3):
        visit(page, children)
        link = page.get_by_role("link", name=re.compile("^Add to long list")).first
        reference = link.inner_text().split(": ")[-1].strip()
        link.click()
        expect(page.locator("main h1")).to_have_text(f"Add {reference} to the long list")
        if n == 0:
            page.get_by_role("button", name="Add to the long list").click()
            expect_error_summary(page, "Enter why you chose this child")
            assert_accessible(page)
        page.get_by_label("Why are you choosing this child?").fill(
            "Police attended incidents at home: follow how the notification was shared."
        )
        page.get_by_role("button", name="Add to the long list").click()
        assert success_message(page) == f"{reference} added to the long list."

    visit(page, cases(area, "selection/"))
    expect(page.locator("main h1")).to_have_text("Long and short lists")
    assert_accessible(page)
    page.get_by_role("button", name="Suggest a short list for local audit").click()
    expect(page.locator("main h1")).to_have_text("Suggested short list for local audit")
    boxes = page.locator("input[name='children']")
    expect(boxes).to_have_count(6)
    assert "This child adds " in page.locator(".govuk-checkboxes__hint").first.inner_text()
    assert_accessible(page)
    boxes.nth(5).uncheck()  # the inspector edits the suggestion
    page.get_by_role("button", name="Add to the short list").click()
    assert success_message(page) == "5 children added to the short list for local audit."

    for purpose, label in (("Local multi-agency audit", "local"), ("Case tracking on site", "")):
        page.get_by_role("link", name=re.compile("^Short-list")).first.click()
        expect(page.locator("main h1")).to_have_text(re.compile("^Short-list "))
        if label:
            assert_accessible(page)
        page.get_by_label(purpose).check()
        page.get_by_label("Why is this child on the short list?").fill(
            "Shows the response from the first incident to a plan."
        )
        page.get_by_role("button", name="Save").click()
        if label:  # an eighth child would be one too many for local audit: six is fine
            assert re.fullmatch(r".+ is on the short list\.", success_message(page))
    expect(page.locator("h3", has_text="For local audit (6)")).to_be_visible()
    expect(page.locator("h3", has_text="For case tracking (1)")).to_be_visible()
    warnings = page.locator(".govuk-warning-text__text").all_inner_texts()
    assert any("The long list has " in w for w in warnings), warnings
    short_listed = (
        page.locator("table", has=page.locator("caption", has_text="for local audit"))
        .locator("tbody tr td:first-child")
        .all_inner_texts()
    )

    page.get_by_role("button", name="Ask the area to audit the children").click()
    expect(page.locator("main h1")).to_have_text("Ask the area to audit the children")
    page.get_by_role("button", name="Ask for the audits").click()
    expect_error_summary(page, "Confirm that you want to ask for the audits despite the warnings")
    assert_accessible(page)
    page.get_by_label("I have read the warnings and want to ask for the audits").check()
    page.get_by_role("button", name="Ask for the audits").click()
    assert success_message(page) == "The area has been asked to audit the children."
    expect(page.locator("main h1")).to_have_text("Multi-agency audits")
    assert_accessible(page)
    return [text.strip() for text in short_listed]


def complete_section(page: Page, answer: str, *, first_try_empty: bool = False) -> None:
    expect(page.locator("main form textarea").first).to_be_visible()
    questions = page.locator("main form textarea").count()
    if first_try_empty:
        page.get_by_role("button", name="Save and mark as complete").click()
        expect_error_summary(page, *([ANSWER_EVERY_QUESTION] * questions))
        assert_accessible(page)
    textareas = page.locator("main form textarea")
    for n in range(questions):
        textareas.nth(n).fill(f"{answer} ({n + 1})")
    page.get_by_role("button", name="Save and mark as complete").click()
    assert success_message(page).endswith("section marked as complete.")


def test_two_areas_exchange_lists_choices_and_audits_at_once(
    exchange: Exchange, page_as: PageAs
) -> None:
    leeds, kent = exchange.leeds, exchange.kent
    pages = {
        key: page_as(key)
        for key in (
            "leeds_coordinator",
            "kent_coordinator",
            "inspector",
            "lead_inspector",
            "leeds_police",
            "kent_health",
        )
    }

    # Week 1: both areas send their lists.
    for area in (leeds, kent):
        upload_list(pages[area.coordinator], area, exchange.named_list)
    # Neither area learns anything of the other's inspection; Kent's planned one is hidden.
    for who, other in (("kent_coordinator", leeds), ("leeds_police", kent)):
        for rest in ("", "children/", "audits/"):
            visit(pages[who], cases(other, rest), status=404)
            assert heading(pages[who]) == "Page not found"
    visit(pages["kent_coordinator"], f"/inspections/{exchange.kent_planned}/cases/", status=404)

    # The inspectors choose children in both areas.
    audited = {area.name: choose_children(pages[area.inspector], area) for area in (leeds, kent)}
    assert not set(audited["Leeds"]) & set(audited["Kent"])
    assert all(ref.startswith("LDS") for ref in audited["Leeds"])
    assert all(ref.startswith("KNT") for ref in audited["Kent"])

    # Week 2: each agency contact completes their own agency's section, and sees no other.
    for area in (leeds, kent):
        page = pages[area.contact]
        open_cases(page, area)
        page.get_by_role("link", name="Complete and submit the audits").click()
        expect(page.locator("main h1")).to_have_text("Multi-agency audits")
        sections = page.locator("tbody li").all_inner_texts()
        assert sections
        assert all(text.startswith(f"{area.contact_agency}:") for text in sections), sections
        if area.audit_due_passed:
            expect(page.locator(".govuk-tag--red", has_text="Late").first).to_be_visible()
        assert_accessible(page)
        page.locator("tbody tr td:first-child a").first.click()
        expect(page.locator("main h1")).to_have_text(re.compile("^Audit of "))
        assert page.locator("main h2").all_inner_texts() == [area.contact_agency]
        assert_accessible(page)
        page.get_by_role("link", name=f"Start the {area.contact_agency} section").click()
        expect(page.locator("main h1")).to_have_text(area.contact_agency)
        assert_accessible(page)
        complete_section(page, f"Typed by {area.contact_agency}", first_try_empty=True)

    # The coordinator completes what is left of that audit and submits it.
    for area in (leeds, kent):
        page = pages[area.coordinator]
        visit(page, cases(area, "audits/"))
        row = page.locator("tbody tr", has=page.get_by_text(f"{area.contact_agency}: Completed"))
        row.locator("td:first-child a").first.click()
        child = heading(page).removeprefix("Audit of ")
        audit = page.url.split("/inspections/", 1)[1]
        page.get_by_role("button", name="Review and submit to the inspectors").click()
        expect(page.locator(".govuk-warning-text")).to_contain_text(
            "These sections are not complete yet:"
        )
        page.get_by_label("The partnership's overall findings").fill("Too early")
        page.get_by_role("button", name="Submit to the inspectors").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "These sections are not complete yet:"
        )
        assert_accessible(page)
        visit(page, f"/inspections/{audit}")
        while page.get_by_role("link", name=re.compile(r"^Start the .+ section$")).count():
            page.get_by_role("link", name=re.compile(r"^Start the .+ section$")).first.click()
            complete_section(page, "Completed by the partnership coordinator")
        page.get_by_role("button", name="Review and submit to the inspectors").click()
        expect(page.locator("main h1")).to_have_text(
            f"Submit the audit of {child} to the inspectors"
        )
        page.get_by_label("The partnership's overall findings").fill("")
        page.get_by_role("button", name="Submit to the inspectors").click()
        expect_error_summary(page, "Enter the partnership's overall findings from this audit")
        assert_accessible(page)
        page.get_by_label("The partnership's overall findings").fill(
            "Agencies shared information quickly; the father was engaged too late."
        )
        page.get_by_role("button", name="Submit to the inspectors").click()
        assert success_message(page) == (f"The audit of {child} was submitted to the inspectors.")
        assert_accessible(page)

        # The inspector reads it: every agency's answers and the overall findings.
        inspector = pages[area.inspector]
        visit(inspector, cases(area, "audits/"))
        inspector.get_by_role("link", name=child, exact=True).click()
        expect(inspector.locator("main .govuk-tag").first).to_have_text("Submitted")
        main = inspector.locator("main").inner_text()
        assert f"Typed by {area.contact_agency} (1)" in main
        assert "Agencies shared information quickly" in main
        assert_accessible(inspector)

    # An audit not yet submitted shows the inspectors its progress, not its answers.
    inspector = pages[leeds.inspector]
    visit(inspector, cases(leeds, "audits/"))
    expect(inspector.locator(".govuk-tag", has_text="Submitted")).to_have_count(1)
    inspector.locator("tbody tr", has=inspector.get_by_text("With the area")).first.locator(
        "a"
    ).click()
    expect(inspector.get_by_text("You will see the agencies' answers when")).to_be_visible()
    assert_accessible(inspector)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_list_with_many_problems_lists_them_and_offers_them_all(
    exchange: Exchange, new_page: Callable[..., Page], tmp_path: Path, javascript: bool
) -> None:
    rows = "\n".join(f"K{n},?,White British,01/01/2015" for n in range(150))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"Child ID,Gender,Ethnicity,Date of birth\n{rows}\n")
    page = new_page(javascript=javascript)
    sign_in(page, "kent_coordinator")
    visit(page, cases(exchange.kent, "lists/upload/"))
    page.get_by_label("Children identified with the theme's risk").check()
    page.get_by_label("Case list file").set_input_files(bad)
    page.get_by_role("button", name="Upload and check").click()
    expect_error_summary(
        page,
        "The list was not imported: 150 problems found. Fix them and upload the file again",
    )
    expect(page.locator("#problems")).to_have_text("150 problems found")
    expect(page.locator("table.jtai-cases-problems tbody tr")).to_have_count(100)
    expect(page.get_by_role("link", name="Download all 150 problems (CSV)")).to_be_visible()
    if javascript:
        assert_accessible(page)
    else:  # axe cannot run without JavaScript; the JavaScript run checks the same page
        assert_assets_loaded(page)
