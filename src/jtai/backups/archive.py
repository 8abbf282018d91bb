"""Making and restoring a backup: the database (SQLite through its online backup API,
PostgreSQL through pg_dump/pg_restore) and every file in the file-system storages, in
one gzip-compressed tar archive whose first member is the manifest.

A restore reads the manifest, checks the engine and the migrations, then unpacks and
checks the SHA-256 of every member into a temporary folder, all before it changes
anything; only then does it replace the database and the files, and it finishes by
comparing row counts and file checksums with the manifest.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .manifest import (
    FORMAT_VERSION,
    MANIFEST_NAME,
    BackupRefused,
    Manifest,
    StoredFile,
    check_restorable,
    count_differences,
    sha256_of,
)

ENGINES = {"sqlite": "sqlite", "postgresql": "postgresql"}
SQLITE_MEMBER = "database/db.sqlite3"
POSTGRES_MEMBER = "database/db.pgdump"


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    tables: int
    rows: int
    files: int


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ENGINES:
        raise BackupRefused(f"Backups cover SQLite and PostgreSQL, not {vendor}.")
    return ENGINES[vendor]


# --- what is there ------------------------------------------------------------------------


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def known_migrations() -> dict[str, list[str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known: dict[str, list[str]] = {}
    for app, name in loader.disk_migrations:
        known.setdefault(app, []).append(name)
    return known


def row_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue  # SQLite's own bookkeeping
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a table name from the database itself
            counts[table] = int(cursor.fetchone()[0])
    return counts


def file_storages() -> tuple[dict[str, Path], dict[str, str]]:
    """The folder of each file-system storage (one alias per folder: the default storage
    and the documents storage often share MEDIA_ROOT), and the storages left out."""
    folders: dict[str, Path] = {}
    left_out: dict[str, str] = {}
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue  # built from the code by collectstatic, not data
        storage = storages[alias]
        if not isinstance(storage, FileSystemStorage):
            left_out[alias] = (
                f"{type(storage).__name__}: not a local folder; keep its own versioned copies"
            )
            continue
        folder = Path(storage.location).resolve()
        if folder not in folders.values():
            folders[alias] = folder
    return folders, left_out


def _walk(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        return
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(folder).as_posix(), path


def _hash(path: Path) -> str:
    with path.open("rb") as handle:
        return sha256_of(handle)


# --- databases ----------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupRefused(
            f"{name} was not found on PATH. Install the PostgreSQL client tools (on Debian: "
            "apt-get install postgresql-client) in the same major version as the server."
        )
    return found


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db: dict[str, Any] = connection.settings_dict
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools, arguments from settings
    if done.returncode != 0:
        raise BackupRefused(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> dict[str, int]:
    """Write the database to ``target`` and return its row counts, both of one moment."""
    if engine() == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        copy = sqlite3.connect(target)
        try:
            tables = [
                row[0]
                for row in copy.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            return {
                table: int(copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])  # noqa: S608 - names from the copy itself
                for table in tables
            }
        finally:
            copy.close()
    tool = _pg_tool("pg_dump")
    args, env = _pg_args()
    # Counts and dump from one snapshot: pg_dump joins the transaction's exported snapshot.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts()
        _run(
            [tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             "--file", str(target), *args],
            env,
        )  # fmt: skip
    return counts


def _load_database(source: Path) -> None:
    if engine() == "sqlite":
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupRefused("A restore cannot run inside a transaction.")
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        return
    tool = _pg_tool("pg_restore")
    args, env = _pg_args()
    connection.close()
    _run(
        [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", *args, str(source)],
        env,
    )  # fmt: skip


# --- backup -------------------------------------------------------------------------------


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup_create(target: Path) -> Manifest:
    """Write a backup of the database and the stored files to ``target``."""
    kind = engine()
    member = SQLITE_MEMBER if kind == "sqlite" else POSTGRES_MEMBER
    folders, left_out = file_storages()
    destination = target.resolve()
    for folder in folders.values():
        if destination.is_relative_to(folder):
            # Each backup would carry every earlier one, and a restore would delete them.
            raise BackupRefused(
                f"Write the backup outside {folder}: that folder is part of what is backed up."
            )
    with tempfile.TemporaryDirectory(prefix="jtai-backup-") as work:
        dump = Path(work) / "database"
        counts = _dump_database(dump)
        files = [
            StoredFile(storage=alias, name=name, size=path.stat().st_size, sha256=_hash(path))
            for alias, folder in folders.items()
            for name, path in _walk(folder)
        ]
        manifest = Manifest(
            format=FORMAT_VERSION,
            created_at=timezone.now().isoformat(timespec="seconds"),
            engine=kind,
            database_member=member,
            database_sha256=_hash(dump),
            migrations=applied_migrations(),
            row_counts=counts,
            files=files,
            not_included=left_out,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        # Private from the first byte: the archive holds children's data.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, MANIFEST_NAME, manifest.to_json())
            archive.add(dump, arcname=member, recursive=False)
            for stored in files:
                archive.add(folders[stored.storage] / stored.name, arcname=stored.member)
        partial.replace(target)  # a backup is either whole or absent
    return manifest


# --- restore ------------------------------------------------------------------------------


def read_manifest(source: Path) -> Manifest:
    try:
        with tarfile.open(source, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST_NAME or not first.isfile():
                raise BackupRefused(f"{source} is not a jtai backup: it has no manifest.")
            handle = archive.extractfile(first)
            if handle is None:
                raise BackupRefused(f"{source} is not a jtai backup: its manifest is unreadable.")
            return Manifest.from_json(handle.read())
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupRefused(f"{source} cannot be read as a backup: {error}") from error


@contextmanager
def _unpacked(source: Path, manifest: Manifest) -> Iterator[Path]:
    """The archive's members in a temporary folder, each checked against the manifest."""
    expected = manifest.members()
    with tempfile.TemporaryDirectory(prefix="jtai-restore-") as work:
        folder = Path(work)
        seen: set[str] = set()
        try:
            with tarfile.open(source, "r:gz") as archive:
                for member in archive:
                    if member.name == MANIFEST_NAME:
                        continue
                    if member.name not in expected or not member.isfile():
                        raise BackupRefused(
                            f"The backup holds {member.name}, which its manifest does not list: "
                            "it has been altered."
                        )
                    archive.extract(member, folder, filter="data")
                    if _hash(folder / member.name) != expected[member.name]:
                        raise BackupRefused(
                            f"{member.name} does not match its checksum: the backup is corrupt."
                        )
                    seen.add(member.name)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupRefused(f"The backup is corrupt and cannot be read: {error}") from error
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupRefused(
                f"The backup is incomplete: {len(missing)} files its manifest lists are missing "
                f"(first: {missing[0]})."
            )
        yield folder


def _replace_files(unpacked: Path, manifest: Manifest, folders: dict[str, Path]) -> None:
    wanted: dict[str, set[str]] = {alias: set() for alias in folders}
    for stored in manifest.files:
        if stored.storage not in folders:
            raise BackupRefused(
                f"The backup has files for the {stored.storage} storage, which this service "
                "does not keep in a local folder."
            )
        wanted[stored.storage].add(stored.name)
    for alias, folder in folders.items():
        for name, path in list(_walk(folder)):
            if name not in wanted[alias]:
                path.unlink()
        for name in wanted[alias]:
            destination = folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked / "files" / alias / name, destination)


def backup_restore(source: Path) -> RestoreResult:
    """Replace the database and the stored files with the backup at ``source``, refusing
    before any change if the backup is corrupt or not for this database and code."""
    manifest = read_manifest(source)
    check_restorable(manifest, engine=engine(), known_migrations=known_migrations())
    folders, _ = file_storages()
    unknown_storages = {f.storage for f in manifest.files} - set(folders)
    if unknown_storages:
        raise BackupRefused(
            f"The backup has files for storages this service does not keep in a local folder: "
            f"{', '.join(sorted(unknown_storages))}."
        )
    with _unpacked(source, manifest) as unpacked:
        _load_database(unpacked / manifest.database_member)
        _replace_files(unpacked, manifest, folders)
    counts = row_counts()
    # Only the backup's tables: a table a later migration added is not the backup's to judge.
    differences = count_differences(
        manifest.row_counts, {t: n for t, n in counts.items() if t in manifest.row_counts}
    )
    if differences:
        raise BackupRefused(
            "The database was restored but its row counts differ from the backup's: "
            + "; ".join(differences[:5])
        )
    for stored in manifest.files:
        if _hash(folders[stored.storage] / stored.name) != stored.sha256:
            raise BackupRefused(f"{stored.member} was restored but does not match its checksum.")
    return RestoreResult(
        manifest=manifest, tables=len(counts), rows=sum(counts.values()), files=len(manifest.files)
    )
