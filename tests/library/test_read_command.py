"""`jtai letters read FILE... [--json]`: the reader's records, without the database."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .factories import HARROW_2023, SEND_REPORT

# The columns of the labelled corpus (labels.csv), then what the issue adds.
LABEL_FIELDS = {
    "file",
    "ons_code",
    "area",
    "letter_date",
    "fieldwork_start",
    "fieldwork_end",
    "inspectorates",
    "theme",
    "published",
}


def read(*args: str) -> str:
    out = io.StringIO()
    call_command("letters", "read", *args, "--workers", "1", stdout=out)
    return out.getvalue()


def test_json_has_one_record_per_file_with_the_label_fields() -> None:
    records = json.loads(read(str(HARROW_2023), str(SEND_REPORT), "--json"))
    assert [record["file"] for record in records] == [HARROW_2023.name, SEND_REPORT.name]
    harrow, send = records
    assert LABEL_FIELDS | {"is_jtai", "reason", "sections"} <= set(harrow)
    assert {
        field: harrow[field] for field in ("ons_code", "area", "letter_date", "theme", "published")
    } == {
        "ons_code": "E09000015",
        "area": "Harrow",
        "letter_date": "2023-05-24",
        "theme": "early-help",
        "published": "2023-05-24",
    }
    assert harrow["is_jtai"] is True
    assert harrow["inspectorates"] == ["cqc", "hmicfrs", "ofsted"]
    assert harrow["sections"][0]["key"] == "introduction"
    assert all(set(section) == {"key", "heading", "text"} for section in harrow["sections"])
    assert send["is_jtai"] is False
    assert send["reason"].startswith("not a JTAI findings letter")


def test_summary_lines_and_an_unreadable_file_fails_the_command(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files could not be read") as raised:
        call_command("letters", "read", str(HARROW_2023), str(empty), "--workers", "1", stdout=out)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("jtai-2023-harrow.pdf: read: Harrow (E09000015)")
    assert lines[1] == "empty.pdf: unreadable: the file is empty"


def test_read_and_import_are_the_only_actions() -> None:
    with pytest.raises(CommandError):
        call_command("letters", "write", stdout=io.StringIO(), stderr=io.StringIO())
