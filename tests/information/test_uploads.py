"""Uploading documents: every file checked from its content, all of a batch or none of
it, versions that never overwrite, and clear messages for everything refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import Storage
from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.information import services
from jtai.information.models import Document, InformationItem, ItemStatus
from jtai.information.services import InformationError, document_storage
from jtai.inspections.models import Inspection, Status
from tests.accounts.factories import sign_in_fully

from .factories import (
    contact,
    docx_bytes,
    fresh_item,
    item_of,
    leeds_inspection,
    unique_pdf,
    upload,
    xlsx_bytes,
)
from .test_filetypes import CSV, WINDOWS_PROGRAM


@pytest.fixture
def leeds(db: None) -> Inspection:
    return leeds_inspection()


@pytest.fixture
def police_item(leeds: Inspection) -> InformationItem:
    """A police item nobody has uploaded to yet."""
    return fresh_item(leeds, "police")


@pytest.fixture
def police(db: None) -> User:
    return contact("leeds.police")


def stored(storage: Storage, inspection: Inspection) -> list[str]:
    folder = f"information/{inspection.reference}"
    return sorted(storage.listdir(folder)[1]) if storage.exists(folder) else []


def refused(actor: User, item: InformationItem, *pairs: tuple[str, bytes]) -> list[str]:
    with pytest.raises(InformationError) as error:
        upload(actor, item, *pairs)
    return error.value.messages


def test_two_files_at_once(police: User, police_item: InformationItem) -> None:
    pdf, sheet = unique_pdf(), xlsx_bytes([("Month", "Notifications"), ("May", 12)])
    documents = upload(police, police_item, ("summary.pdf", pdf), ("figures.xlsx", sheet))
    assert [(d.filename, d.version, d.file_kind, d.size) for d in documents] == [
        ("summary.pdf", 1, "pdf", len(pdf)),
        ("figures.xlsx", 1, "xlsx", len(sheet)),
    ]
    assert documents[1].content_type.endswith("spreadsheetml.sheet")
    storage = document_storage()
    for document, data in zip(documents, (pdf, sheet), strict=True):
        with storage.open(document.storage_name) as handle:
            assert handle.read() == data
    police_item.refresh_from_db()
    assert police_item.status == ItemStatus.SUBMITTED
    assert police_item.submitted_at == documents[0].uploaded_at


def test_a_new_upload_with_the_same_name_is_the_next_version(
    police: User, police_item: InformationItem
) -> None:
    first, second = unique_pdf("one"), unique_pdf("two")
    (v1,) = upload(police, police_item, ("plan.pdf", first))
    (v2,) = upload(police, police_item, ("plan.pdf", second))
    assert (v1.version, v2.version) == (1, 2)
    assert v1.storage_name != v2.storage_name
    storage = document_storage()
    with storage.open(v1.storage_name) as handle:
        assert handle.read() == first  # never overwritten
    assert Document.objects.filter(item=police_item, filename="plan.pdf").count() == 2


def test_the_coordinator_uploads_for_any_agency(police_item: InformationItem) -> None:
    (document,) = upload(contact("leeds.coordinator"), police_item, ("list.csv", CSV))
    assert (document.file_kind, document.content_type) == ("text", "text/csv")


def test_a_duplicate_upload_says_so_and_stores_nothing_twice(
    police: User, police_item: InformationItem
) -> None:
    data = unique_pdf()
    upload(police, police_item, ("return.pdf", data))
    files_before = stored(document_storage(), police_item.inspection)
    for name in ("return.pdf", "return (1).pdf"):
        (message,) = refused(police, police_item, (name, data))
        assert message.startswith(
            f"{name} has already been uploaded to this item: it is version 1 of return.pdf, "
            "uploaded by James Booth on "
        )
    assert Document.objects.filter(item=police_item).count() == 1
    assert stored(document_storage(), police_item.inspection) == files_before


@pytest.mark.parametrize(
    ("pairs", "messages"),
    [
        ((("empty.csv", b""),), ["empty.csv is empty"]),
        (
            (("budget.pdf", WINDOWS_PROGRAM),),
            [
                "budget.pdf is not an allowed type of file: its content is a Windows program, "
                "not a PDF. Upload a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file."
            ],
        ),
        (
            (("plan.pdf", docx_bytes()),),
            [
                "plan.pdf is a Word document, not a PDF: check it is the right file, and that "
                "its name ends .docx"
            ],
        ),
        (
            (("a.csv", CSV), ("b.csv", CSV)),
            ["a.csv and b.csv are the same file"],
        ),
        (
            (("same.pdf", unique_pdf()), ("Same.pdf", unique_pdf())),
            ["You chose more than one file called same.pdf: rename one, or upload them separately"],
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_kept(
    pairs: tuple[tuple[str, bytes], ...],
    messages: list[str],
    police: User,
    police_item: InformationItem,
) -> None:
    good = ("fine.pdf", unique_pdf())
    assert refused(police, police_item, good, *pairs) == messages
    assert not Document.objects.filter(item=police_item).exists()
    assert stored(document_storage(), police_item.inspection) == []
    police_item.refresh_from_db()
    assert police_item.status == ItemStatus.REQUESTED


def test_a_file_over_the_limit(settings: Any, police: User, police_item: InformationItem) -> None:
    settings.JTAI_MAX_UPLOAD_BYTES = 1024 * 1024
    big = unique_pdf() + b"\0" * (1024 * 1024)
    assert refused(police, police_item, ("scan.pdf", big)) == ["scan.pdf must be 1 MB or smaller"]


def test_too_many_files_at_once(police: User, police_item: InformationItem) -> None:
    pairs = [(f"{n}.pdf", unique_pdf()) for n in range(services.MAX_FILES_PER_UPLOAD + 1)]
    assert refused(police, police_item, *pairs) == ["Upload up to 20 files at a time"]


def test_a_failure_while_recording_removes_the_files_already_stored(
    police: User, police_item: InformationItem, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = services._record
    calls: list[str] = []

    def fail_on_the_second(*args: Any, **kwargs: Any) -> Document:
        calls.append("called")
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return record(*args, **kwargs)

    monkeypatch.setattr(services, "_record", fail_on_the_second)
    with pytest.raises(RuntimeError):
        upload(police, police_item, ("a.pdf", unique_pdf()), ("b.pdf", unique_pdf()))
    assert not Document.objects.filter(item=police_item).exists()
    assert stored(document_storage(), police_item.inspection) == []


def test_names_are_only_ever_shown_never_used_to_store(
    police: User, police_item: InformationItem
) -> None:
    (document,) = upload(police, police_item, ("../../etc/passwd.pdf", unique_pdf()))
    assert document.filename == "passwd.pdf"
    reference = police_item.inspection.reference
    assert document.storage_name == f"information/{reference}/{document.sha256}"


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("leeds.health", "Only West Yorkshire Police and the partnership coordinator"),
        ("kent.coordinator", "Only the area's partnership coordinator and the agency asked"),
        ("inspector", "Only the area's partnership coordinator and the agency asked"),
    ],
)
def test_only_the_agency_asked_and_the_coordinator_upload(
    who: str, message: str, police_item: InformationItem
) -> None:
    (text,) = refused(contact(who), police_item, ("x.pdf", unique_pdf()))
    assert text.startswith(message)


def test_uploads_close_when_fieldwork_starts(
    police: User, police_item: InformationItem, leeds: Inspection
) -> None:
    Inspection.objects.filter(pk=leeds.pk).update(status=Status.FIELDWORK)
    police_item.refresh_from_db()
    (text,) = refused(police, police_item, ("late.pdf", unique_pdf()))
    assert text.startswith("The inspection is now at fieldwork: information can only be uploaded")


# --- through the page --------------------------------------------------------------------


def upload_url(item: InformationItem) -> str:
    return reverse("information:upload", args=[item.inspection.reference, item.pk])


def post_files(client: Client, item: InformationItem, *pairs: tuple[str, bytes]) -> Any:
    from .factories import files

    return client.post(upload_url(item), {"documents": files(*pairs)})


def test_the_page_takes_several_files_at_once(
    client_for: Any, police_item: InformationItem
) -> None:
    client = client_for("leeds_police")
    response = post_files(
        client, police_item, ("one.pdf", unique_pdf()), ("two.csv", b"a,b\n1,2\n")
    )
    item_url = reverse("information:item", args=[police_item.inspection.reference, police_item.pk])
    assert response.status_code == 302
    assert response.url == item_url
    page = client.get(item_url).content.decode()
    assert "2 files uploaded to" in page
    for document in Document.objects.filter(item=police_item):
        url = reverse("information:download", args=[police_item.inspection.reference, document.pk])
        assert f'href="{url}"' in page


def test_a_double_submitted_upload_is_refused_the_second_time(
    client_for: Any, police_item: InformationItem
) -> None:
    client = client_for("leeds_police")
    pair = ("statement.pdf", unique_pdf())
    assert post_files(client, police_item, pair).status_code == 302
    again = post_files(client, police_item, pair)
    assert again.status_code == 400
    page = again.content.decode()
    assert "There is a problem" in page
    assert "statement.pdf has already been uploaded to this item" in page
    assert Document.objects.filter(item=police_item).count() == 1


def test_no_files_chosen(client_for: Any, police_item: InformationItem) -> None:
    response = client_for("leeds_police").post(upload_url(police_item), {})
    assert response.status_code == 400
    assert 'href="#id_documents">Select at least one file to upload' in response.content.decode()


def test_an_oversized_file_is_never_received_whole(
    settings: Any, client_for: Any, police_item: InformationItem, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.JTAI_MAX_UPLOAD_BYTES = 1024 * 1024

    def not_reached(**kwargs: Any) -> None:
        raise AssertionError("The upload handler should have stopped the file.")

    monkeypatch.setattr(services, "documents_upload", not_reached)
    big = unique_pdf() + b"\0" * (2 * 1024 * 1024)
    response = post_files(
        client_for("leeds_police"), police_item, ("fine.pdf", unique_pdf()), ("big.pdf", big)
    )
    assert response.status_code == 400
    assert "big.pdf must be 1 MB or smaller" in response.content.decode()
    assert not Document.objects.filter(item=police_item).exists()


def test_uploads_need_the_forms_csrf_token(police_item: InformationItem) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in_fully(client, contact("leeds.police"))
    response = post_files(client, police_item, ("x.pdf", unique_pdf()))
    assert response.status_code == 403
    assert not Document.objects.filter(item=police_item).exists()


def test_another_agencys_item_is_not_found(client_for: Any, leeds: Inspection) -> None:
    health_item = item_of(leeds, "health")
    response = post_files(client_for("leeds_police"), health_item, ("x.pdf", unique_pdf()))
    assert response.status_code == 404
