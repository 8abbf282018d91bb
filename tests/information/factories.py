"""Helpers for the information request tests: files as agencies send them, uploaded
through the real upload service."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency
from jtai.audit.models import AccessEvent, AccessEventQuerySet
from jtai.information import services
from jtai.information.demo import pdf_bytes, xlsx_bytes
from jtai.information.models import Document, InformationItem
from jtai.inspections import services as inspection_services
from jtai.inspections.models import Inspection, Status, TeamRole
from tests.inspections.factories import at, plan

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


def fresh_item(inspection: Inspection, kind: str = "police") -> InformationItem:
    """A new item on ``inspection`` for its agency of this kind, nothing uploaded yet."""
    last = InformationItem.objects.filter(inspection=inspection).order_by("-position").first()
    return InformationItem.objects.select_related("inspection", "agency").get(
        pk=InformationItem.objects.create(
            inspection=inspection,
            position=(last.position if last else 0) + 1,
            title=f"Test item for the {kind} agency",
            agency=Agency.objects.get(area=inspection.area_id, kind=kind),
            due_on=timezone.localdate() + dt.timedelta(days=7),
            requested_at=timezone.now(),
        ).pk
    )


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


MAY_2023 = dt.date(2023, 5, 22)  # fieldwork; notification Friday 5 May (8 May a bank holiday)


def notified_inspection(users: dict[str, User], area: str = "Hartlepool") -> Inspection:
    """A domestic abuse inspection with the demo lead and QA manager, notified on its
    planned day (Friday 5 May 2023) and waiting for its information request."""
    inspection = plan(users["programme_manager"], area, MAY_2023)
    for key, role in (
        ("lead_inspector", TeamRole.LEAD_INSPECTOR),
        ("qa_manager", TeamRole.QA_MANAGER),
    ):
        inspection_services.team_member_add(
            actor=users["programme_manager"], inspection=inspection, user=users[key], team_role=role
        )
    return inspection_services.inspection_transition(
        actor=users["lead_inspector"],
        inspection=inspection,
        transition="notify",
        now=at(dt.date(2023, 5, 5)),
    )


def downloads_of(document: Document) -> AccessEventQuerySet:
    """The access log's record of each download of ``document``."""
    return AccessEvent.objects.filter(
        object_type="information.document", object_id=document.pk, action="download"
    )
