"""Inputs for the letter reader tests: four real published letters (Open Government
Licence, in fixtures/) and bad inputs built in code, so no test needs the shared corpus."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

FIXTURES = Path(__file__).parent / "fixtures"
LIVERPOOL_2016 = FIXTURES / "jtai-2016-liverpool.pdf"
GREENWICH_2018 = FIXTURES / "jtai-2018-greenwich.pdf"
HARROW_2023 = FIXTURES / "jtai-2023-harrow.pdf"
SEND_REPORT = FIXTURES / "send-2024-hillingdon.pdf"


def minimal_pdf(
    content: bytes, resources: bytes = b"<< >>", extra: tuple[bytes, ...] = ()
) -> bytes:
    """A one-page PDF with the given content stream, written by hand with a valid xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def scanned_pdf() -> bytes:
    """A page that only paints a (tiny, grey) image: what a scanner produces."""
    pixels = bytes([128]) * 64
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream"
    )
    return minimal_pdf(
        b"q 595 0 0 842 0 0 cm /Im0 Do Q",
        resources=b"<< /XObject << /Im0 5 0 R >> >>",
        extra=(image,),
    )


def blank_pdf() -> bytes:
    return minimal_pdf(b"")


def docx_bytes() -> bytes:
    """The skeleton of a Word document: a ZIP with the parts Word writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
