"""What a backup archive holds, and the checks made before a restore changes anything.
Pure Python: no Django, so the rules are testable on their own."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """A backup this code must not restore (or cannot make), with the reason in words."""


@dataclass(frozen=True)
class StoredFile:
    storage: str
    name: str
    size: int
    sha256: str

    @property
    def member(self) -> str:
        return f"files/{self.storage}/{self.name}"


@dataclass(frozen=True)
class Manifest:
    format: int
    created_at: str
    engine: str  # "sqlite" or "postgresql"
    database_member: str
    database_sha256: str
    migrations: dict[str, list[str]]
    row_counts: dict[str, int]
    files: list[StoredFile] = field(default_factory=list)
    # Storages whose files are not in the archive (an S3 bucket keeps its own versions).
    not_included: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data: dict[str, Any] = json.loads(raw)
            if data.get("format") != FORMAT_VERSION:
                raise BackupRefused(
                    f"The backup's format is version {data.get('format')!r}; this version of "
                    f"the service reads version {FORMAT_VERSION} only."
                )
            files = [StoredFile(**item) for item in data.pop("files", [])]
            manifest = cls(files=files, **data)
        except (ValueError, TypeError, KeyError) as error:
            raise BackupRefused(f"The backup's manifest cannot be read: {error}") from error
        for stored in manifest.files:
            _check_name(stored.storage, stored.name)
        return manifest

    def members(self) -> dict[str, str]:
        """Every archive member the manifest vouches for, with its SHA-256."""
        members = {self.database_member: self.database_sha256}
        members.update({f.member: f.sha256 for f in self.files})
        return members


def _check_name(storage: str, name: str) -> None:
    """A stored name must stay inside its storage when restored."""
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or ".." in path.parts
        or "/" in storage
        or storage in {"", ".", ".."}
    ):
        raise BackupRefused(f"The backup names a file outside its storage: {storage}/{name}")


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def unknown_migrations(
    backed_up: Mapping[str, Iterable[str]], known: Mapping[str, Iterable[str]]
) -> list[str]:
    """Migrations applied in the backup that this code does not have: restoring would give
    a database this code does not understand."""
    known_sets = {app: set(names) for app, names in known.items()}
    return sorted(
        f"{app}.{name}"
        for app, names in backed_up.items()
        for name in names
        if name not in known_sets.get(app, set())
    )


def check_restorable(
    manifest: Manifest, *, engine: str, known_migrations: Mapping[str, Iterable[str]]
) -> None:
    """Refuse, with the reason, a backup this database and code cannot take."""
    if manifest.engine != engine:
        raise BackupRefused(
            f"The backup is of a {manifest.engine} database and this service uses {engine}: "
            "restore it into a service configured with the same database engine."
        )
    unknown = unknown_migrations(manifest.migrations, known_migrations)
    if unknown:
        shown = ", ".join(unknown[:5]) + (
            f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        )
        raise BackupRefused(
            "The backup was made by a newer version of the service: this code does not have "
            f"its migrations {shown}. Install that version, then restore."
        )


def count_differences(expected: Mapping[str, int], actual: Mapping[str, int]) -> list[str]:
    return [
        f"{table}: {expected.get(table)} in the backup, {actual.get(table)} now"
        for table in sorted(set(expected) | set(actual))
        if expected.get(table) != actual.get(table)
    ]
