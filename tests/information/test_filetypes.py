"""A file's type comes from its content, and its name must agree."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from jtai.information.filetypes import ALLOWED_TYPES, TextCheck, identify, refusal
from jtai.information.models import FileKind

from .factories import docx_bytes, pdf_bytes, xlsx_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run"
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 80
CSV = b"case_reference,gender,age\nLDS-1,F,4\nLDS-2,M,7\n"
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
GIF = b"GIF89a" + b"\x01\x00\x01\x00" + b"\x00" * 40


def zip_of(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return out.getvalue()


def what(data: bytes) -> tuple[str | None, str | None]:
    check = TextCheck()
    check.feed(data)
    found = identify(io.BytesIO(data), is_text=check.is_text and bool(data))
    return (found.allowed.key if found.allowed else None), found.description


def problem(name: str, data: bytes) -> str | None:
    check = TextCheck()
    check.feed(data)
    return refusal(name, identify(io.BytesIO(data), is_text=check.is_text))


def test_the_allowed_types_are_the_document_kinds() -> None:
    assert [t.key for t in ALLOWED_TYPES] == list(FileKind.values)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes("hello"), "pdf"),
        (b"\r\n\r\n%PDF-1.7\n" + b"\x00" * 10, "pdf"),  # junk before the header is allowed
        (docx_bytes(), "docx"),
        (xlsx_bytes([("a", 1)]), "xlsx"),
        (zip_of("[Content_Types].xml", "ppt/presentation.xml"), "pptx"),
        (CSV, "text"),
        ("Name,Notes\nA,café\n".encode("cp1252"), "text"),
        (PNG, "png"),
        (JPEG, "jpeg"),
    ],
)
def test_allowed_content_is_recognised(data: bytes, kind: str) -> None:
    assert what(data)[0] == kind


@pytest.mark.parametrize(
    ("data", "description"),
    [
        (WINDOWS_PROGRAM, "a Windows program"),
        (LINUX_PROGRAM, "a Linux program"),
        (b"#!/bin/sh\nrm -rf /\n", "a script"),
        (zip_of("a.txt", "b.txt"), "a ZIP archive"),
        (
            zip_of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
            "a Word document with macros",
        ),
        (OLD_WORD, "an Office 97-2003 or password-protected Office file"),
        (GIF, "a GIF file"),
        (b"PK\x03\x04 not really a zip", "a damaged or incomplete ZIP file"),
        (b"\x00\x01\x02\x03" * 10, None),
    ],
)
def test_other_content_is_described(data: bytes, description: str | None) -> None:
    assert what(data) == (None, description)


def test_a_program_renamed_pdf_is_refused_by_what_it_is() -> None:
    assert problem("budget.pdf", WINDOWS_PROGRAM) == (
        "budget.pdf is not an allowed type of file: its content is a Windows program, not a "
        "PDF. Upload a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file."
    )
    assert problem("setup.exe", WINDOWS_PROGRAM) == (
        "setup.exe is not an allowed type of file: its content is a Windows program. Upload "
        "a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file."
    )


def test_the_name_must_agree_with_the_content() -> None:
    assert problem("plan.pdf", docx_bytes()) == (
        "plan.pdf is a Word document, not a PDF: check it is the right file, and that its "
        "name ends .docx"
    )
    assert problem("report.dat", pdf_bytes("x")) == "report.dat is a PDF: its name must end .pdf"
    assert problem("children.CSV", CSV) is None
    assert problem("notes.txt", CSV) is None
    assert problem("photo.JPEG", JPEG) is None


def test_advice_for_files_that_can_be_saved_differently() -> None:
    assert problem("old.doc", OLD_WORD) == (
        "old.doc is not an allowed type of file: its content is an Office 97-2003 or "
        "password-protected Office file. Save it in the current format (.docx, .xlsx or "
        ".pptx) without a password."
    )


def test_binary_content_anywhere_stops_a_file_being_text() -> None:
    check = TextCheck()
    check.feed(CSV)
    assert check.is_text
    check.feed(b"more,rows\n" + struct.pack("<I", 7))
    assert not check.is_text
    check.feed(CSV)
    assert not check.is_text
