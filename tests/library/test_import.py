"""Importing letters: idempotent, one transaction per file, a reason for every refusal."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from pypdf import PdfReader, PdfWriter

from jtai.library import services
from jtai.library.models import LetterPassage, LetterSection, PublishedLetter
from jtai.library.services import Result
from tests.letters.inputs import scanned_pdf

from .factories import HARROW_2023, LIVERPOOL_2016, SEND_REPORT, letter_record, pdf_bytes

pytestmark = pytest.mark.django_db


def run_import(folder: Path) -> list[str]:
    out = io.StringIO()
    call_command("letters", "import", str(folder), "--workers", "1", stdout=out)
    return out.getvalue().splitlines()


def zip_bytes(names: tuple[str, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def encrypted_pdf(source: Path) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two real letters, an area SEND report, and every kind of bad file."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for path in (LIVERPOOL_2016, HARROW_2023, SEND_REPORT):
        shutil.copy(path, folder / path.name)
    shutil.copy(HARROW_2023, folder / "zz-harrow-copy.pdf")  # the same file twice
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog" + b"\x00" * 50)
    (folder / "archive.pdf").write_bytes(zip_bytes(("readme.txt",)))
    (folder / "report.pdf").write_bytes(zip_bytes(("[Content_Types].xml", "word/document.xml")))
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "locked.pdf").write_bytes(encrypted_pdf(LIVERPOOL_2016))
    (folder / "labels.csv").write_text("file,area\n")
    return folder


def test_a_folder_imports_with_a_reason_for_each_refusal_then_reimports_unchanged(
    folder: Path,
) -> None:
    first = run_import(folder)
    lines = dict(line.split(": ", 1) for line in first[:-1])
    assert lines["jtai-2016-liverpool.pdf"].startswith("imported: Liverpool (E08000012)")
    assert lines["jtai-2023-harrow.pdf"].startswith("imported: Harrow (E09000015)")
    assert lines["zz-harrow-copy.pdf"].startswith("unchanged: already in the library")
    assert lines["send-2024-hillingdon.pdf"].startswith(
        "refused: not a JTAI findings letter: it looks like an area SEND inspection report"
    )
    assert lines["empty.pdf"] == "refused: the file is empty"
    assert lines["archive.pdf"] == "refused: the file is a ZIP archive, not a PDF"
    assert "Word document" in lines["report.pdf"]
    assert lines["corrupt.pdf"].startswith("refused: the PDF is damaged")
    assert "scan" in lines["scan.pdf"]
    assert lines["scan.pdf"].startswith("refused:")
    assert "encrypted" in lines["locked.pdf"]
    assert lines["locked.pdf"].startswith("refused:")
    assert first[-1] == (
        "Summary: 2 imported, 1 unchanged, 7 refused (10 files); "
        "ignored 1 not named .pdf: labels.csv"
    )

    letters = {letter.source_name: letter for letter in PublishedLetter.objects.all()}
    assert set(letters) == {"jtai-2016-liverpool.pdf", "jtai-2023-harrow.pdf"}
    harrow = letters["jtai-2023-harrow.pdf"]
    assert harrow.sha256 == hashlib.sha256(HARROW_2023.read_bytes()).hexdigest()
    assert harrow.area is not None
    assert harrow.area.name == "Harrow"
    assert harrow.theme is not None
    assert harrow.theme.key == "early-help"
    assert harrow.fieldwork_start is not None
    assert harrow.published == harrow.letter_date
    assert harrow.inspectorates == ["cqc", "hmicfrs", "ofsted"]
    strengths = harrow.sections.get(key="strengths")
    assert [p.text for p in strengths.passages.all()] == [
        line.lstrip("\u25fc ") for line in strengths.text.split("\n") if line.strip()
    ]
    assert default_storage.open(harrow.pdf.name).read() == HARROW_2023.read_bytes()
    before = (
        list(PublishedLetter.objects.values().order_by("pk")),
        list(LetterSection.objects.values_list("pk", "text").order_by("pk")),
        list(LetterPassage.objects.values_list("pk", "text").order_by("pk")),
        sorted(default_storage.listdir("library/letters")[1]),
    )

    second = run_import(folder)
    assert second[-1].startswith("Summary: 0 imported, 3 unchanged, 7 refused (10 files)")
    assert (
        list(PublishedLetter.objects.values().order_by("pk")),
        list(LetterSection.objects.values_list("pk", "text").order_by("pk")),
        list(LetterPassage.objects.values_list("pk", "text").order_by("pk")),
        sorted(default_storage.listdir("library/letters")[1]),
    ) == before


def test_reading_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="is not a folder"):
        call_command("letters", "import", str(tmp_path / "missing"), stdout=io.StringIO())


def test_a_letter_for_a_former_area_is_imported_with_a_note() -> None:
    note = (
        "Northamptonshire no longer exists: abolished in April 2021 and replaced by "
        "North Northamptonshire and West Northamptonshire"
    )
    record = letter_record(
        area="Northamptonshire",
        ons_code="E10000021",
        letter_date=dt.date(2019, 3, 12),
        theme="csa-family",
        reason=note,
    )
    outcome = services.letter_import(
        data=pdf_bytes("northamptonshire"), source_name="northants.pdf", record=record
    )
    assert outcome.result is Result.IMPORTED
    assert outcome.line.startswith("northants.pdf: imported: Northamptonshire (E10000021)")
    assert note in outcome.line
    letter = outcome.letter
    assert letter is not None
    assert letter.area is None
    assert letter.area_name == "Northamptonshire"
    assert letter.former_area_note == note
    assert letter.reader_notes == ""


def test_another_file_with_a_letter_already_in_the_library_is_refused() -> None:
    record = letter_record(area="Leeds", ons_code="E08000035", letter_date=dt.date(2019, 5, 2))
    first = services.letter_import(data=pdf_bytes("a"), source_name="a.pdf", record=record)
    again = services.letter_import(data=pdf_bytes("b"), source_name="b.pdf", record=record)
    assert first.result is Result.IMPORTED
    assert again.result is Result.REFUSED
    assert again.message == (
        "a letter for Leeds dated 2019-05-02 is already in the library from another file (a.pdf)"
    )
    assert PublishedLetter.objects.filter(ons_code="E08000035").count() == 1


def test_an_incomplete_letter_is_imported_with_what_was_missing() -> None:
    record = letter_record(
        area="Leeds",
        ons_code="E08000035",
        letter_date=dt.date(2019, 5, 2),
        theme=None,
        reason="the theme was not recognised",
    )
    outcome = services.letter_import(data=pdf_bytes("x"), source_name="x.pdf", record=record)
    assert outcome.result is Result.IMPORTED
    assert outcome.letter is not None
    assert outcome.letter.theme is None
    assert outcome.letter.reader_notes == "the theme was not recognised"
    assert "theme not recognised; note: the theme was not recognised" in outcome.message


def test_a_letter_whose_area_was_not_found_is_refused() -> None:
    record = letter_record(area="Leeds", ons_code="E08000035", letter_date=dt.date(2019, 5, 2))
    record.area = record.ons_code = None
    record.reason = "the area could not be matched to a local authority"
    outcome = services.letter_import(data=pdf_bytes("y"), source_name="y.pdf", record=record)
    assert outcome.line == "y.pdf: refused: the area could not be matched to a local authority"
    assert not PublishedLetter.objects.exists()


def test_a_failure_while_storing_leaves_nothing_behind_and_the_folder_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in (LIVERPOOL_2016, HARROW_2023):
        shutil.copy(path, tmp_path / path.name)
    real_bulk_create = LetterSection.objects.bulk_create

    def fail_for_liverpool(objs: Any, *args: Any, **kwargs: Any) -> Any:
        sections = list(objs)
        if sections[0].letter.area_name == "Liverpool":
            raise RuntimeError("disk full")
        return real_bulk_create(sections, *args, **kwargs)

    monkeypatch.setattr(LetterSection.objects, "bulk_create", fail_for_liverpool)
    report = services.letters_import_folder(folder=tmp_path, workers=1)
    assert next(outcome.line for outcome in report.outcomes) == (
        "jtai-2016-liverpool.pdf: refused: could not be stored (RuntimeError: disk full)"
    )
    assert report.outcomes[1].result is Result.IMPORTED
    assert list(PublishedLetter.objects.values_list("area_name", flat=True)) == ["Harrow"]
    stored = default_storage.listdir("library/letters")[1]
    assert stored == [f"{hashlib.sha256(HARROW_2023.read_bytes()).hexdigest()}.pdf"]


def test_text_the_database_cannot_hold_is_cleaned() -> None:
    record = letter_record(area="Leeds", ons_code="E08000035", letter_date=dt.date(2019, 5, 2))
    record.sections[1] = type(record.sections[1])(
        "strengths", "Strengths", "Nul\x00 and \x02marks\x03 are dropped.\nLines stay."
    )
    outcome = services.letter_import(data=pdf_bytes("z"), source_name="z.pdf", record=record)
    assert outcome.letter is not None
    text = outcome.letter.sections.get(position=1).text
    assert text == "Nul and marks are dropped.\nLines stay."
