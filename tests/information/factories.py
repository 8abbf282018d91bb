"""Helpers for the information request tests: files as agencies send them, uploaded
through the real upload service."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile

from jtai.accounts.models import User
from jtai.information import services
from jtai.information.demo import pdf_bytes, xlsx_bytes
from jtai.information.models import Document, InformationItem
from jtai.inspections.models import Inspection, Status

_serial = itertools.count(1)

__all__ = ["pdf_bytes", "xlsx_bytes"]


def leeds_inspection() -> Inspection:
    return Inspection.objects.select_related("area").get(
        area__name="Leeds", status=Status.INFORMATION_GATHERING
    )


def contact(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@demo.jtai.example")


def item_of(inspection: Inspection, kind: str = "police") -> InformationItem:
    """The inspection's first item owned by an agency of this kind."""
    item = (
        InformationItem.objects.select_related("inspection", "agency")
        .filter(inspection=inspection, agency__kind=kind)
        .order_by("position")
        .first()
    )
    assert item is not None, f"The demo request has no {kind} item."
    return item


def unique_pdf(label: str = "") -> bytes:
    """A PDF whose bytes (and so checksum) no other call returns."""
    return pdf_bytes(f"Test document {label} {next(_serial)}")


def docx_bytes() -> bytes:
    """The smallest ZIP that Word (and the content check) take for a .docx."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def files(*pairs: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data) for name, data in pairs]


def upload(actor: User, item: InformationItem, *pairs: tuple[str, bytes]) -> Sequence[Document]:
    return services.documents_upload(actor=actor, item=item, files=files(*pairs))


def uploaded_document(inspection: Inspection | None = None) -> Document:
    """A document on the Leeds inspection's first police item, uploaded by the police."""
    item = item_of(inspection or leeds_inspection(), "police")
    return upload(contact("leeds.police"), item, ("statement.pdf", unique_pdf("police")))[0]
