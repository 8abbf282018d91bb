"""Read published letters from the command line.

    python -m jtai.letters.read FILE... [--json] [--workers N]

With ``--json`` the output is one JSON array holding one record per file, in the order the
files were given (see LetterRecord.to_json for the fields). Without it, one summary line
per file. A file that cannot be read still gets its record, with ``status`` "unreadable"
and a ``reason``; the exit code is then 1 so scripts notice, and 0 when every file was read
(including documents refused as not being JTAI letters).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from jtai.letters.reader import read_letters
from jtai.letters.record import LetterRecord, Status


def summary(record: LetterRecord) -> str:
    """One line a person can scan: what the letter is, or why it was not read."""
    if not record.is_jtai:
        return f"{record.source}: {record.status}: {record.reason}"
    fieldwork = f"{record.fieldwork_start} to {record.fieldwork_end}"
    parts = [
        f"{record.area} ({record.ons_code})",
        f"letter {record.letter_date}",
        f"fieldwork {fieldwork}",
        f"theme {record.theme}",
        f"inspectorates {';'.join(record.inspectorates)}",
    ]
    if record.wsoa_due:
        parts.append(f"WSoA due {record.wsoa_due}")
    line = f"{record.source}: {record.status}: " + ", ".join(parts)
    return f"{line} [{record.reason}]" if record.reason else line


def write(records: list[LetterRecord], as_json: bool, out: TextIO) -> None:
    if as_json:
        json.dump([record.to_json() for record in records], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for record in records:
            print(summary(record), file=out)


def main(argv: list[str] | None = None, prog: str = "python -m jtai.letters.read") -> int:
    """Run the command; ``prog`` names it in help when another CLI exposes it."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Read published JTAI findings letters (PDF) into records.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="letters to read (PDF)")
    parser.add_argument("--json", action="store_true", help="print a JSON array of records")
    parser.add_argument("--workers", type=int, help="processes to read with (default: all CPUs)")
    args = parser.parse_args(argv)
    records = read_letters(args.files, args.workers)
    write(records, args.json, sys.stdout)
    return 1 if any(record.status is Status.UNREADABLE for record in records) else 0


if __name__ == "__main__":
    sys.exit(main())
