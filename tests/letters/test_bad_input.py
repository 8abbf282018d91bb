"""Bad input gives a record with a clear reason, never an exception."""

from pathlib import Path

import pytest

from jtai.letters import Status, read_letter, read_letters
from tests.letters.inputs import (
    LIVERPOOL_2016,
    blank_pdf,
    docx_bytes,
    encrypted,
    minimal_pdf,
    scanned_pdf,
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (docx_bytes(), "Word document (.docx) renamed as a PDF"),
        (b"PK\x03\x04not really a zip", "damaged ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-style Office document"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "HTML or XML page"),
        (b"Just some text", "does not start with a PDF header"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "damaged and cannot be read"),
        (LIVERPOOL_2016.read_bytes()[:5000], "damaged and cannot be read"),
        (scanned_pdf(), "only images (a scan)"),
        (blank_pdf(), "no readable text"),
        (encrypted(LIVERPOOL_2016.read_bytes(), user_password="secret"), "encrypted"),
    ],
    ids=[
        "empty",
        "docx",
        "bad-zip",
        "doc",
        "html",
        "text",
        "corrupt",
        "truncated",
        "scanned",
        "blank",
        "encrypted",
    ],
)
def test_bad_input_is_unreadable_with_a_reason(data: bytes, reason: str) -> None:
    record = read_letter(data, name="upload.pdf")
    assert record.status is Status.UNREADABLE
    assert not record.is_jtai
    assert record.reason is not None
    assert reason in record.reason
    assert record.to_json()["source"] == "upload.pdf"


def test_owner_password_only_pdf_still_reads() -> None:
    record = read_letter(encrypted(LIVERPOOL_2016.read_bytes(), user_password=""))
    assert record.status is Status.READ
    assert record.area == "Liverpool"


def test_a_pdf_with_text_but_no_letter_is_refused() -> None:
    text = (
        b"BT /F1 12 Tf 72 720 Td ("
        + b"Minutes of the board meeting held in March. " * 8
        + b") Tj ET"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    record = read_letter(minimal_pdf(text, b"<< /Font << /F1 5 0 R >> >>", extra=(font,)))
    assert record.status is Status.REFUSED
    assert record.reason is not None
    assert "no 'Joint targeted area inspection' title" in record.reason


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    record = read_letter(tmp_path / "absent.pdf")
    assert record.status is Status.UNREADABLE
    assert record.source == "absent.pdf"
    assert record.reason is not None
    assert "cannot be opened" in record.reason


def test_a_batch_survives_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes(docx_bytes())
    records = read_letters([empty, LIVERPOOL_2016, renamed], workers=2)
    assert [(r.source, r.status) for r in records] == [
        ("empty.pdf", Status.UNREADABLE),
        ("jtai-2016-liverpool.pdf", Status.READ),
        ("report.pdf", Status.UNREADABLE),
    ]
