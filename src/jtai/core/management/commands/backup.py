from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.backups.archive import backup_create
from jtai.backups.manifest import BackupRefused


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite or PostgreSQL) and the stored files to one archive "
        "with a manifest of migrations, row counts and SHA-256 checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Where to write the archive (.tar.gz).")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["path"]
        if target.is_dir():
            raise CommandError(f"{target} is a folder: give the archive's file name.")
        try:
            manifest = backup_create(target)
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            f"Backed up {manifest.engine}: {len(manifest.row_counts)} tables, {rows:,} rows, "
            f"{len(manifest.files):,} files to {target}"
        )
        for alias, reason in manifest.not_included.items():
            self.stdout.write(f"Not included: the {alias} storage ({reason}).")
