import csv
import json
import shutil
from pathlib import Path

import pytest

from jtai.letters import evaluate, read
from tests.letters.inputs import HARROW_2023, LIVERPOOL_2016, SEND_REPORT


def test_read_prints_a_json_array_in_argument_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert read.main([str(HARROW_2023), str(SEND_REPORT), "--json", "--workers", "1"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["is_jtai"]) for r in records] == [
        ("jtai-2023-harrow.pdf", True),
        ("send-2024-hillingdon.pdf", False),
    ]


def test_read_summary_and_exit_code_for_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert read.main([str(LIVERPOOL_2016), str(empty)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("jtai-2016-liverpool.pdf: read: Liverpool (E08000012)")
    assert lines[1] == "empty.pdf: unreadable: the file is empty"


def test_evaluate_reports_accuracy_refusals_and_mismatches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (LIVERPOOL_2016, HARROW_2023, SEND_REPORT):
        shutil.copy(path, tmp_path / path.name)
    fields = [
        "file",
        "ons_code",
        "area",
        "letter_date",
        "fieldwork_start",
        "fieldwork_end",
        "inspectorates",
        "theme",
        "published",
    ]
    rows = [
        [
            "jtai-2016-liverpool.pdf",
            "E08000012",
            "Liverpool",
            "2016-08-02",
            "2016-06-20",
            "2016-06-24",
            "cqc;hmicfrs;hmip;ofsted",
            "cse-missing",
            "2016-08-03",
        ],
        [
            "jtai-2023-harrow.pdf",
            "E09000015",
            "Harrow",
            "2023-05-24",
            "2023-03-26",
            "2023-03-31",
            "ofsted;cqc;hmicfrs",
            "early-help",
            "2023-05-24",
        ],
    ]
    with (tmp_path / "labels.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        writer.writerows(rows)
    assert evaluate.main([str(tmp_path), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "  theme              2/2  100.0%" in out
    assert "  published          1/2   50.0%" in out
    assert "refused or unreadable: 1 (of which labelled as JTAI: 0)" in out
    assert "send-2024-hillingdon.pdf: refused: not a JTAI findings letter" in out
    assert "Mismatches: 1" in out
    assert "jtai-2016-liverpool.pdf  published  expected='2016-08-03'  got='2016-08-02'" in out
