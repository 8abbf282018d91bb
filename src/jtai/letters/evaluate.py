"""Compare the reader with a folder's labels.csv and print accuracy per field.

    python -m jtai.letters.evaluate DIR [--labels DIR/labels.csv] [--workers N]

Every PDF in DIR is read. Labelled letters are scored field by field; unlabelled files are
only counted (read as JTAI letters, or refused with the reason shown). The exit code is 0
whatever the accuracy: this is a report, the acceptance bar lives with whoever reads it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from jtai.letters.reader import read_letters
from jtai.letters.record import LetterRecord

FIELDS = (
    "area",
    "ons_code",
    "letter_date",
    "fieldwork_start",
    "fieldwork_end",
    "inspectorates",
    "theme",
    "published",
)


@dataclass(frozen=True)
class Mismatch:
    file: str
    field: str
    expected: str
    got: str


def _value(record: LetterRecord, field: str) -> str:
    """The record's value in the form labels.csv writes it."""
    value = record.to_json()[field]
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else str(value)


def compare(records: dict[str, LetterRecord], labels: list[dict[str, str]]) -> list[Mismatch]:
    """Every labelled field the reader got wrong (a missing file counts as all wrong)."""
    mismatches = []
    for label in labels:
        record = records.get(label["file"])
        for field in FIELDS:
            expected = label.get(field, "").strip()
            got = _value(record, field) if record else "(file missing)"
            if field == "inspectorates":
                expected = ";".join(sorted(filter(None, expected.split(";"))))
            if got != expected:
                mismatches.append(Mismatch(label["file"], field, expected, got))
    return mismatches


def report(
    records: dict[str, LetterRecord], labels: list[dict[str, str]], out: TextIO
) -> list[Mismatch]:
    """Print the per-field accuracy, the refusals and the mismatches; return mismatches."""
    mismatches = compare(records, labels)
    total = len(labels)
    print(f"Labelled letters: {total}", file=out)
    for field in FIELDS:
        wrong = sum(1 for mismatch in mismatches if mismatch.field == field)
        share = (total - wrong) / total if total else 1.0
        print(f"  {field:<16} {total - wrong:>3}/{total}  {share:6.1%}", file=out)
    labelled = {label["file"] for label in labels}
    jtai = [record for record in records.values() if record.is_jtai]
    refused = [record for record in records.values() if not record.is_jtai]
    print(
        f"Files read: {len(records)}; JTAI letters: {len(jtai)}; refused or unreadable: "
        f"{len(refused)} (of which labelled as JTAI: "
        f"{sum(1 for record in refused if record.source in labelled)})",
        file=out,
    )
    for record in refused:
        print(f"  {record.source}: {record.status}: {record.reason}", file=out)
    print(f"Mismatches: {len(mismatches)}", file=out)
    for mismatch in mismatches:
        print(
            f"  {mismatch.file}  {mismatch.field}  expected={mismatch.expected!r}  "
            f"got={mismatch.got!r}",
            file=out,
        )
    return mismatches


def main(argv: list[str] | None = None, prog: str = "python -m jtai.letters.evaluate") -> int:
    """Run the command; ``prog`` names it in help when another CLI exposes it."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Compare the letter reader with labels.csv and print accuracy per field.",
    )
    parser.add_argument("folder", type=Path, help="folder of published letters (PDF)")
    parser.add_argument("--labels", type=Path, help="labels CSV (default: FOLDER/labels.csv)")
    parser.add_argument("--workers", type=int, help="processes to read with (default: all CPUs)")
    args = parser.parse_args(argv)
    labels_path = args.labels or args.folder / "labels.csv"
    with labels_path.open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    paths = sorted(args.folder.glob("*.pdf"))
    records = {record.source or "": record for record in read_letters(paths, args.workers)}
    report(records, labels, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
