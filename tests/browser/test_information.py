"""The information request in a real browser: the lead inspector reviews and sends a
request, an agency contact uploads two files at once (with and without JavaScript) and is
told clearly why a bad file is refused, and the coordinator sees progress across
agencies. Every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    table_column,
    visit,
)

pytestmark = pytest.mark.browser

PageAs = Callable[[str], Page]


def check(page: Page, *, javascript: bool) -> None:
    """axe-core on a page with JavaScript; without it axe cannot run (its scans wait on
    timers that never fire), so only the assets are checked and the same pages are
    checked with axe in the JavaScript run."""
    if javascript:
        assert_accessible(page)
    else:
        assert_assets_loaded(page)


@dataclass(frozen=True)
class Upload:
    """What the upload test needs, read before the browser opens."""

    reference: str
    item_id: int
    item_title: str
    police_name: str
    police_received: int  # the police items received before the upload
    police_total: int
    files: tuple[Path, Path]
    program: Path


@pytest.fixture
def upload(demo: DemoFacts, tmp_path: Path) -> Upload:
    from jtai.information.demo import pdf_bytes, xlsx_bytes
    from jtai.information.models import InformationItem, ItemStatus
    from jtai.information.selectors import request_overview
    from tests.information.factories import contact

    item = InformationItem.objects.select_related("inspection", "agency").get(
        inspection__reference=demo.references["leeds"],
        agency__kind="police",
        title="MARAC data",
    )
    assert item.status == ItemStatus.REQUESTED
    overview = request_overview(user=contact("leeds.coordinator"), inspection=item.inspection)
    (police,) = [p for p in overview.by_agency if p.agency == item.agency]
    minutes, figures, program = (
        tmp_path / "MARAC minutes.pdf",
        tmp_path / "marac-referrals.xlsx",
        tmp_path / "budget.pdf",
    )
    minutes.write_bytes(pdf_bytes("MARAC minutes: demonstration"))
    figures.write_bytes(xlsx_bytes([("Month", "Referrals", "Repeat"), ("April", 61, 17)]))
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    return Upload(
        reference=demo.references["leeds"],
        item_id=item.pk,
        item_title=item.title,
        police_name=item.agency.name,
        police_received=police.received,
        police_total=police.total,
        files=(minutes, figures),
        program=program,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_agency_uploads_two_files_and_the_coordinator_sees_progress(
    javascript: bool,
    upload: Upload,
    new_page: Callable[..., Page],
    page_as: PageAs,
) -> None:
    police = new_page(javascript=javascript)
    sign_in(police, "leeds_police")
    visit(police, f"/inspections/{upload.reference}/")
    police.get_by_role("link", name="items", exact=False).first.click()
    expect(police.locator("main h1")).to_have_text("Information request")
    # The police see their own items only, with no table of other agencies.
    expect(police.get_by_role("table", name="Progress by agency")).to_have_count(0)
    check(police, javascript=javascript)

    police.get_by_role("link", name=upload.item_title).click()
    assert heading(police) == upload.item_title
    check(police, javascript=javascript)

    # A program renamed .pdf is refused, with the reason, and nothing is kept.
    police.locator("input[type=file]").set_input_files(upload.program)
    police.get_by_role("button", name="Upload files").click()
    expect_error_summary(
        police,
        "budget.pdf is not an allowed type of file: its content is a Windows program, not a "
        "PDF. Upload a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file.",
    )
    expect(police.get_by_text("Nothing has been uploaded yet.")).to_be_visible()
    check(police, javascript=javascript)

    police.locator("input[type=file]").set_input_files(list(upload.files))
    police.get_by_role("button", name="Upload files").click()
    assert success_message(police) == f"2 files uploaded to {upload.item_title}."
    documents = police.get_by_role("table", name="Documents uploaded for this item")
    for path in upload.files:
        expect(documents.get_by_role("link", name=path.name)).to_be_visible()
    check(police, javascript=javascript)

    coordinator = page_as("leeds_coordinator")
    visit(coordinator, f"/inspections/{upload.reference}/information/")
    agencies = table_column(coordinator, "Progress by agency", 2)  # items
    received = table_column(coordinator, "Progress by agency", 3)
    names = [
        text.strip()
        for text in coordinator.get_by_role("table", name="Progress by agency")
        .locator("tbody th")
        .all_inner_texts()
    ]
    row = names.index(upload.police_name)
    assert agencies[row] == str(upload.police_total)
    assert received[row] == str(upload.police_received + 1)
    assert_accessible(coordinator)


@dataclass(frozen=True)
class Notified:
    reference: str
    first_item: str
    count: int


@pytest.fixture
def notified(demo: DemoFacts) -> Notified:
    from jtai.accounts.models import User
    from jtai.information.selectors import planned_items
    from tests.information.factories import notified_inspection

    users = {
        "programme_manager": User.objects.get(email="programme@demo.jtai.example"),
        "lead_inspector": User.objects.get(email="lead@demo.jtai.example"),
        "qa_manager": User.objects.get(email="qa@demo.jtai.example"),
    }
    inspection = notified_inspection(users)
    plan = planned_items(inspection)
    return Notified(inspection.reference, plan[0].title, len(plan))


def test_the_lead_reviews_and_sends_the_request(notified: Notified, page_as: PageAs) -> None:
    lead = page_as("lead_inspector")
    visit(lead, f"/inspections/{notified.reference}/")
    lead.get_by_role("link", name="Send the information request").click()
    expect(lead.locator("main h1")).to_have_text("Send the information request")
    boxes = lead.get_by_role("checkbox")
    expect(boxes).to_have_count(notified.count)
    assert_accessible(lead)

    # Leaving everything out is refused with a message linked to the first box.
    for box in boxes.all():
        box.uncheck()
    lead.get_by_role("button", name="Send the information request").click()
    expect_error_summary(lead, "Choose at least one item to ask for")
    assert_accessible(lead)

    for box in boxes.all():
        box.check()
    lead.get_by_label(notified.first_item).uncheck()
    lead.get_by_role("button", name="Send the information request").click()
    assert success_message(lead) == (
        f"Information request sent: {notified.count - 1} items to Hartlepool's agencies."
    )
    expect(lead.get_by_role("link", name=notified.first_item)).to_have_count(0)
    assert_accessible(lead)
