"""Back up, change and delete data and files, restore, and find everything as it was; a
corrupt or unsuitable backup is refused before anything changes. Runs on SQLite and on
PostgreSQL (pg_dump and pg_restore) alike.

These tests replace the whole database, so they run outside a wrapping transaction and
the database is flushed and reloaded afterwards."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from jtai.accounts.models import User
from jtai.backups.archive import backup_create, backup_restore, row_counts
from jtai.backups.manifest import MANIFEST_NAME, BackupRefused
from jtai.cases.models import CaseList, ListedChild
from jtai.demo.loader import load_demo
from jtai.information.models import Document
from jtai.information.services import document_storage
from jtai.inspections.models import Inspection, Status
from jtai.retention.services import purge_expired
from tests.information.factories import leeds_inspection, uploaded_document

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(settings: Any) -> Inspection:
    if not User.objects.exists():  # an earlier test of this kind flushed it
        load_demo()
    leeds = leeds_inspection()
    uploaded_document(leeds)
    uploaded_document(leeds)
    return leeds


def _stored_files(settings: Any) -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """A copy of the archive with ``change(name, bytes) -> bytes`` applied to each member."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original:
            handle = original.extractfile(member)
            data = change(member.name, handle.read() if handle else b"")
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))


def test_a_backup_restores_every_row_and_file(
    demo: Inspection, settings: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    counts = row_counts()
    files = _stored_files(settings)
    assert files
    manifest = backup_create(archive)
    assert manifest.row_counts == counts
    assert {f.name for f in manifest.files} == set(files)
    assert manifest.migrations["audit"][:1] == ["0001_initial"]
    assert archive.stat().st_mode & 0o777 == 0o600
    lists = CaseList.objects.filter(inspection=demo).count()
    assert lists

    # Change and delete: retention purges Leeds's children and documents, a file is
    # altered, a stray file appears, a user is renamed.
    Inspection.objects.filter(pk=demo.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - dt.timedelta(days=800)
    )
    purge_expired()
    assert not ListedChild.objects.filter(inspection=demo).exists()
    first = sorted(files)[0]
    (Path(settings.MEDIA_ROOT) / first).write_bytes(b"altered")
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_bytes(b"not in the backup")
    User.objects.filter(email="lead@demo.jtai.example").update(full_name="Someone else")
    assert row_counts() != counts

    result = backup_restore(archive)

    assert row_counts() == counts
    assert _stored_files(settings) == files
    assert CaseList.objects.filter(inspection=demo).count() == lists
    assert User.objects.get(email="lead@demo.jtai.example").full_name != "Someone else"
    names = set(Document.objects.values_list("storage_name", flat=True))
    assert all(document_storage().exists(name) for name in names & set(files))
    assert result.files == len(files)


def test_the_commands_back_up_and_restore(demo: Inspection, tmp_path: Path) -> None:
    archive = tmp_path / "nightly.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Backed up" in out.getvalue()
    counts = row_counts()
    User.objects.filter(email="qa@demo.jtai.example").update(full_name="Changed")
    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)
    assert "all matching the manifest" in out.getvalue()
    assert row_counts() == counts


def test_a_backup_inside_the_stored_files_is_refused(settings: Any) -> None:
    target = Path(settings.MEDIA_ROOT) / "backups" / "b.tar.gz"
    with pytest.raises(CommandError, match="outside"):
        call_command("backup", str(target))
    assert not target.exists()


def _refused_without_change(archive: Path, message: str) -> None:
    counts = row_counts()
    with pytest.raises(BackupRefused, match=message):
        backup_restore(archive)
    assert row_counts() == counts


def test_a_corrupt_or_unsuitable_backup_changes_nothing(
    demo: Inspection, settings: Any, tmp_path: Path
) -> None:
    good = tmp_path / "good.tar.gz"
    manifest = backup_create(good)
    User.objects.filter(email="lead@demo.jtai.example").update(full_name="Kept as it is now")
    files = _stored_files(settings)

    corrupt = tmp_path / "corrupt.tar.gz"
    _rewrite(
        good, corrupt, lambda name, data: data[:-1] + b"!" if name.startswith("files/") else data
    )
    _refused_without_change(corrupt, "does not match its checksum")

    other_engine = "postgresql" if manifest.engine == "sqlite" else "sqlite"

    def manifest_with(**changes: Any) -> Any:
        def change(name: str, data: bytes) -> bytes:
            if name != MANIFEST_NAME:
                return data
            return json.dumps({**json.loads(data), **changes}).encode()

        return change

    engine = tmp_path / "engine.tar.gz"
    _rewrite(good, engine, manifest_with(engine=other_engine))
    _refused_without_change(engine, "restore it into a service configured with the same")

    newer = tmp_path / "newer.tar.gz"
    later = {**manifest.migrations, "cases": [*manifest.migrations["cases"], "0099_future"]}
    _rewrite(good, newer, manifest_with(migrations=later))
    _refused_without_change(newer, r"newer version.*cases\.0099_future")

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused_without_change(truncated, "corrupt|cannot be read")

    not_a_backup = tmp_path / "letter.tar.gz"
    not_a_backup.write_bytes(gzip.compress(b"Dear director"))
    _refused_without_change(not_a_backup, "cannot be read|not a jtai backup")

    assert _stored_files(settings) == files
    assert User.objects.get(email="lead@demo.jtai.example").full_name == "Kept as it is now"
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(corrupt), interactive=False)
