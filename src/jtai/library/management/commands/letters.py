"""jtai letters read FILE... [--json] | jtai letters import DIR

``read`` reads letters without touching the database: with ``--json`` one JSON array
holding one record per file, in the order given, with the field names of the labelled
corpus (file, ons_code, area, letter_date, fieldwork_start, fieldwork_end, inspectorates,
theme, published) plus is_jtai, reason and sections ([{key, heading, text}]) and the
reader's other fields. It exits 1 when a file could not be read at all.

``import`` loads every PDF in a folder into the learning library and prints one line per
file (imported, unchanged or refused, with the reason) and a summary. Importing again
changes nothing. It exits 0 whenever the run completes: a refused file is an answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.letters import LetterRecord, Status, read_letters
from jtai.letters.read import summary
from jtai.library.services import letters_import_folder


def record_json(record: LetterRecord) -> dict[str, Any]:
    """The record's JSON with ``file`` first, as labels.csv names the file column."""
    return {"file": record.source, **record.to_json()}


def _workers(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Read published JTAI letters (read), or import a folder of them into the library."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{read,import}")
        read = actions.add_parser("read", help="read letters and print what they say")
        read.add_argument("files", nargs="+", type=Path, metavar="FILE")
        read.add_argument("--json", action="store_true", help="print a JSON array of records")
        read.add_argument(
            "--workers", type=_workers, help="processes to read with (default: all CPUs)"
        )
        load = actions.add_parser("import", help="import a folder of letters into the library")
        load.add_argument("folder", type=Path, metavar="DIR")
        load.add_argument(
            "--workers", type=_workers, help="processes to read with (default: all CPUs)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "read":
            self.read(options["files"], as_json=options["json"], workers=options["workers"])
        else:
            self.load(options["folder"], workers=options["workers"])

    def read(self, files: list[Path], *, as_json: bool, workers: int | None) -> None:
        records = read_letters(files, workers)
        if as_json:
            document = [record_json(record) for record in records]
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            for record in records:
                self.stdout.write(summary(record))
        unreadable = sum(1 for record in records if record.status == Status.UNREADABLE)
        if unreadable:
            raise CommandError(
                f"{unreadable} of {len(records)} file{'s' if len(records) > 1 else ''} "
                "could not be read.",
                returncode=1,
            )

    def load(self, folder: Path, *, workers: int | None) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        report = letters_import_folder(folder=folder, workers=workers)
        for outcome in report.outcomes:
            self.stdout.write(outcome.line)
        self.stdout.write(f"Summary: {report.summary}")
