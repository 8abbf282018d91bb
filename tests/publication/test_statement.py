"""The written statement of action: uploaded by the area's coordinator after
publication, checked by content and size, recorded with the lifecycle step, once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jtai.accounts.models import User
from jtai.inspections.models import EventKind, InspectionEvent, Status
from jtai.publication import statements
from jtai.publication.models import WrittenStatement
from jtai.publication.services import PublicationError
from tests.information.factories import docx_bytes, unique_pdf

from .helpers import kent_report


def _kent_coordinator() -> User:
    return User.objects.get(email="kent.coordinator@demo.jtai.example")


def _stored() -> int:
    storage = storages["documents"]
    try:
        folders, _ = storage.listdir("statements")
    except FileNotFoundError:
        return 0
    return sum(len(storage.listdir(f"statements/{f}")[1]) for f in folders)


def test_the_coordinator_sends_the_statement_and_the_step_is_recorded(db: None) -> None:
    report = kent_report()
    statement = statements.statement_upload(
        actor=_kent_coordinator(),
        report=report,
        upload=SimpleUploadedFile("Written statement of action.pdf", unique_pdf("wsoa")),
    )
    assert statement.file_kind == "pdf"
    assert statement.content_type == "application/pdf"
    assert _stored() == 1
    inspection = report.inspection
    assert inspection is not None
    inspection.refresh_from_db()
    assert inspection.status == Status.ACTION_PLAN_RECEIVED
    assert InspectionEvent.objects.filter(
        inspection=inspection, kind=EventKind.TRANSITION, to_status=Status.ACTION_PLAN_RECEIVED
    ).exists()
    with pytest.raises(PublicationError, match="already received"):
        statements.statement_upload(
            actor=_kent_coordinator(),
            report=report,
            upload=SimpleUploadedFile("Second go.pdf", unique_pdf("again")),
        )
    assert WrittenStatement.objects.filter(report=report).count() == 1


def test_a_word_document_is_accepted(db: None) -> None:
    statement = statements.statement_upload(
        actor=_kent_coordinator(),
        report=kent_report(),
        upload=SimpleUploadedFile("Statement.docx", docx_bytes()),
    )
    assert statement.file_kind == "docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Statement.pdf", b"MZ\x90\x00" + b"\x00" * 200, "its content is a Windows program"),
        ("Statement.pdf", b"%PDF-1.7\nthis is not really a PDF at all", "is damaged"),
        ("Statement.xlsx", b"", "is empty"),
        ("Statement.txt", b"We will do better.\n", "must be a PDF or a Word document"),
        ("Statement.docx", unique_pdf("named docx"), "is a PDF, not a Word document"),
    ],
)
def test_a_wrong_or_damaged_file_is_refused_and_nothing_changes(
    db: None, name: str, content: bytes, message: str
) -> None:
    report = kent_report()
    with pytest.raises(PublicationError, match=message):
        statements.statement_upload(
            actor=_kent_coordinator(), report=report, upload=SimpleUploadedFile(name, content)
        )
    assert not WrittenStatement.objects.filter(report=report).exists()
    assert report.inspection is not None
    report.inspection.refresh_from_db()
    assert report.inspection.status == Status.PUBLISHED
    assert _stored() == 0


def test_a_file_over_the_limit_is_refused(db: None, settings: object) -> None:
    settings.JTAI_MAX_UPLOAD_BYTES = 1000  # type: ignore[attr-defined]
    with pytest.raises(PublicationError, match=r"must be 0\.000953674 MB or smaller"):
        statements.statement_upload(
            actor=_kent_coordinator(),
            report=kent_report(),
            upload=SimpleUploadedFile("Statement.pdf", unique_pdf("x" * 2000)),
        )


def test_only_the_area_sends_it(users: dict[str, User]) -> None:
    with pytest.raises(PublicationError, match="Only the area's partnership coordinator"):
        statements.statement_upload(
            actor=users["kent_health"],
            report=kent_report(),
            upload=SimpleUploadedFile("Statement.pdf", unique_pdf("health")),
        )


def test_the_page_says_why_a_file_was_refused_and_keeps_the_page(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    assert report.inspection is not None
    url = f"/inspections/{report.inspection.reference}/report/statement/"
    response = client_for("kent_coordinator").post(
        url, {"document": SimpleUploadedFile("Statement.pdf", b"PK\x03\x04broken zip")}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html
    assert "Statement.pdf is not an allowed type of file" in html
    empty = client_for("kent_coordinator").post(url, {})
    assert "Select the written statement to upload" in empty.content.decode()
    other_area = client_for("leeds_coordinator").post(
        url, {"document": SimpleUploadedFile("Statement.pdf", unique_pdf("leeds"))}
    )
    assert other_area.status_code == 404


def test_the_statement_downloads_for_the_area_and_is_logged(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    assert report.inspection is not None
    base = f"/inspections/{report.inspection.reference}/report/"
    client = client_for("kent_coordinator")
    content = unique_pdf("download")
    response = client.post(
        base + "statement/", {"document": SimpleUploadedFile("WSoA.pdf", content)}
    )
    assert response.status_code == 302
    page = client.get(base).content.decode()
    assert "WSoA.pdf" in page
    download = client_for("lead_inspector").get(base + "statement/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content  # type: ignore[attr-defined]
    assert client_for("leeds_coordinator").get(base + "statement/download/").status_code == 404
