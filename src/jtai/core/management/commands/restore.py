from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.backups.archive import backup_restore, read_manifest
from jtai.backups.manifest import BackupRefused


class Command(BaseCommand):
    help = (
        "Replace the database and the stored files with a backup made by `jtai backup`. "
        "A corrupt backup, or one from another database engine or a newer version of the "
        "service, is refused before anything changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive to restore.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["path"]
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        try:
            manifest = read_manifest(source)
            if options["interactive"]:
                answer = input(
                    f"This replaces ALL data and stored files with the backup of "
                    f"{manifest.created_at}. Type 'yes' to continue: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled: nothing was changed.")
            result = backup_restore(source)
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {result.manifest.created_at}: {result.tables} tables, "
            f"{result.rows:,} rows and {result.files:,} files, all matching the manifest. "
            "Run `jtai migrate` if this version of the service has newer migrations."
        )
