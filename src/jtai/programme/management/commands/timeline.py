from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.programme.selectors import UnknownFramework, timeline_document


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Print every key date of an inspection from its fieldwork start."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fieldwork-start", required=True, type=_iso_date, metavar="YYYY-MM-DD"
        )
        parser.add_argument(
            "--framework", default=None, help="Framework version key (default: current)"
        )
        parser.add_argument(
            "--published",
            default=None,
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="Actual publication date: later dates count from it",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        start: dt.date = options["fieldwork_start"]
        published: dt.date | None = options["published"]
        if published is not None and published < start:
            raise CommandError("--published must not be before --fieldwork-start.")
        try:
            document = timeline_document(
                fieldwork_start=start, framework_key=options["framework"], published=published
            )
        except (UnknownFramework, ValueError) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(document, indent=2))
            return
        for warning in document["warnings"]:
            self.stderr.write(f"Warning: {warning}")
        width = max(len(name) for name in document["dates"])
        for name, day in document["dates"].items():
            self.stdout.write(f"{name.ljust(width)}  {dt.date.fromisoformat(day):%a %d %b %Y}")
