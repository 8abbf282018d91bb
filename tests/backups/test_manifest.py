"""The rules that decide, before anything changes, whether a backup can be restored."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jtai.backups.manifest import (
    FORMAT_VERSION,
    BackupRefused,
    Manifest,
    StoredFile,
    check_restorable,
    count_differences,
    sha256_of,
    unknown_migrations,
)

KNOWN = {"cases": ["0001_initial", "0002_audit_templates"], "audit": ["0001_initial"]}


def _manifest(**changes: object) -> Manifest:
    fields: dict[str, object] = {
        "format": FORMAT_VERSION,
        "created_at": "2026-11-22T15:00:00+00:00",
        "engine": "sqlite",
        "database_member": "database/db.sqlite3",
        "database_sha256": "0" * 64,
        "migrations": {"cases": ["0001_initial"]},
        "row_counts": {"cases_caselist": 3},
        "files": [StoredFile("default", "information/X/abc", 10, "1" * 64)],
    }
    fields.update(changes)
    return Manifest(**fields)  # type: ignore[arg-type]


def test_a_manifest_survives_its_json() -> None:
    manifest = _manifest()
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert manifest.members() == {
        "database/db.sqlite3": "0" * 64,
        "files/default/information/X/abc": "1" * 64,
    }


def test_an_older_backup_of_the_same_engine_is_restorable() -> None:
    check_restorable(_manifest(), engine="sqlite", known_migrations=KNOWN)


def test_another_engine_is_refused() -> None:
    with pytest.raises(BackupRefused, match="postgresql database and this service uses sqlite"):
        check_restorable(_manifest(engine="postgresql"), engine="sqlite", known_migrations=KNOWN)


def test_migrations_this_code_lacks_are_refused() -> None:
    newer = _manifest(migrations={"cases": ["0001_initial", "0003_later"], "reports": ["0001"]})
    with pytest.raises(BackupRefused, match=r"newer version.*cases\.0003_later, reports\.0001"):
        check_restorable(newer, engine="sqlite", known_migrations=KNOWN)


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b'{"format": 99}',
        b'{"format": 1, "engine": "sqlite"}',
    ],
)
def test_an_unreadable_or_unknown_manifest_is_refused(raw: bytes) -> None:
    with pytest.raises(BackupRefused):
        Manifest.from_json(raw)


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/../../b", ""])
def test_a_file_outside_its_storage_is_refused(name: str) -> None:
    raw = _manifest(files=[StoredFile("default", name, 1, "2" * 64)]).to_json()
    with pytest.raises(BackupRefused, match="outside its storage"):
        Manifest.from_json(raw)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["cases", "audit", "evidence"]),
        st.lists(st.text(alphabet="0123456789_abc", min_size=1, max_size=12), max_size=4),
    )
)
def test_a_backup_of_known_migrations_has_no_unknown_ones(
    applied: dict[str, list[str]],
) -> None:
    assert unknown_migrations(applied, applied) == []
    assert unknown_migrations(applied, {}) == sorted(
        f"{app}.{name}" for app, names in applied.items() for name in names
    )


def test_counts_and_checksums() -> None:
    assert count_differences({"a": 1, "b": 2}, {"a": 1, "b": 2}) == []
    assert count_differences({"a": 1}, {"a": 2, "c": 1}) == [
        "a: 1 in the backup, 2 now",
        "c: None in the backup, 1 now",
    ]
    assert sha256_of(io.BytesIO(b"")) == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
