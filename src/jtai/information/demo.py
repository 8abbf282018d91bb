"""Demonstration data: the Leeds inspection's information request, part answered.

The demo loader walks Leeds through "send the information request" with the generic
lifecycle step, so this lays down the items the send page would have sent, then has the
Leeds agencies upload through the real upload service and the lead inspector review some
of it: items requested, submitted, accepted and returned, some late, one with two
versions of a file. Files are generated here, small and free of real data."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from jtai.areas.models import AgencyKind
from jtai.inspections.models import Inspection, InspectionEvent, Status

from . import services
from .models import InformationItem
from .selectors import planned_items

if TYPE_CHECKING:
    from jtai.accounts.models import User

_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def pdf_bytes(*lines: str) -> bytes:
    """A small, valid one-page PDF showing ``lines``."""
    text = " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 11 Tf 56 780 Td {text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def xlsx_bytes(rows: list[tuple[object, ...]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:  # a new workbook always has one
        sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(list(row))
    saved = io.BytesIO()
    workbook.save(saved)
    # openpyxl stamps the time of saving; fixed stamps make the same rows the same bytes,
    # so reloading the demo finds its files already stored instead of adding copies.
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2026-01-01T00:00:00Z",
                    data,
                )
            zip_.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def children_csv(count: int, first_referral: dt.date) -> bytes:
    """A child-level list in the Annex A shape: references and characteristics only."""
    genders = ("F", "M", "F", "M", "Unborn")
    ethnicities = ("White British", "Pakistani", "Black African", "Mixed", "White Other")
    lines = ["case_reference,gender,ethnicity,age,disability,referral_date,allocated_team"]
    for n in range(count):
        lines.append(
            f"LDS-{104200 + n * 7},{genders[n % 5]},{ethnicities[n % 5]},"
            f"{'' if n % 5 == 4 else n % 16},{'Yes' if n % 9 == 0 else 'No'},"
            f"{first_referral + dt.timedelta(days=3 * n)},Duty and assessment {1 + n % 4}"
        )
    return ("\n".join(lines) + "\n").encode()


def _upload(
    actor: User, item: InformationItem, when: dt.datetime, *files: tuple[str, bytes]
) -> None:
    services.documents_upload(
        actor=actor,
        item=item,
        files=[SimpleUploadedFile(name, data) for name, data in files],
        now=when,
    )


def load_demo(*, users: dict[str, User]) -> None:
    """Users by their demo email's local part, as jtai.demo.loader builds them."""
    inspection = (
        Inspection.objects.filter(area__name="Leeds", status=Status.INFORMATION_GATHERING)
        .select_related("area", "theme")
        .first()
    )
    if inspection is None or InformationItem.objects.filter(inspection=inspection).exists():
        return
    sent = (
        InspectionEvent.objects.filter(
            inspection=inspection, data__transition="request_information"
        )
        .values_list("occurred_at", flat=True)
        .first()
    ) or timezone.now()
    items = services.request_items_create(
        inspection=inspection, plan=planned_items(inspection), now=sent
    )
    now = timezone.now()

    def at(hours: int) -> dt.datetime:
        """Some hours after the request went, never in the future."""
        return min(sent + dt.timedelta(hours=hours), now - dt.timedelta(minutes=30))

    def find(kind: str, words: str) -> InformationItem:
        """The agency's item whose title has ``words``, else its first item."""
        own = [i for i in items if i.agency.kind == kind]
        return next((i for i in own if words.lower() in i.title.lower()), own[0])

    coordinator, police, health = (
        users["leeds.coordinator"],
        users["leeds.police"],
        users["leeds.health"],
    )
    lead = users["lead"]
    children = find(AgencyKind.LOCAL_AUTHORITY, "children")
    self_evaluation = find(AgencyKind.LOCAL_AUTHORITY, "self-evaluation")
    referral_start = timezone.localdate(sent) - dt.timedelta(days=180)

    # The children's list, sent the next morning, then corrected: version 2.
    _upload(coordinator, children, at(22), ("children-list.csv", children_csv(40, referral_start)))
    _upload(coordinator, children, at(26), ("children-list.csv", children_csv(43, referral_start)))
    services.item_review(actor=lead, item=children, accept=True, now=at(28))

    _upload(
        coordinator,
        self_evaluation,
        at(48),
        (
            "Leeds multi-agency self-evaluation.pdf",
            pdf_bytes(
                "Leeds Safeguarding Children Partnership",
                "Multi-agency self-evaluation: children living with domestic abuse",
                "Demonstration document: no real data.",
            ),
        ),
    )

    # Police: two files at once for the notifications; the structure chart accepted.
    notifications = find(AgencyKind.POLICE, "notifications")
    structure = find(AgencyKind.POLICE, "structure")
    _upload(
        police,
        notifications,
        at(30),
        (
            "ppn-domestic-abuse-6-months.xlsx",
            xlsx_bytes(
                [
                    ("Month", "Incidents with children present", "Shared with MASH", "Schools"),
                    *((f"Month {m}", 180 + 9 * m, 172 + 9 * m, 160 + 8 * m) for m in range(1, 7)),
                ]
            ),
        ),
        (
            "ppn-sharing-summary.pdf",
            pdf_bytes("West Yorkshire Police", "How notifications are shared: demonstration"),
        ),
    )
    _upload(
        police,
        structure,
        at(50),
        ("public-protection-structure.pdf", pdf_bytes("Public protection unit, Leeds district")),
    )
    services.item_review(actor=lead, item=structure, accept=True, now=at(52))

    # Health: the health visiting figures came back incomplete.
    health_visiting = find(AgencyKind.HEALTH, "health visiting")
    _upload(
        health,
        health_visiting,
        at(46),
        (
            "health-visiting-routine-enquiry.xlsx",
            xlsx_bytes([("Quarter", "Asked", "Disclosed", "Referred"), ("Q1", 2311, 64, 41)]),
        ),
    )
    services.item_review(
        actor=lead,
        item=health_visiting,
        accept=False,
        note="The figures cover one quarter only: please add the last two quarters, and "
        "midwifery as well as health visiting.",
        now=at(50),
    )
