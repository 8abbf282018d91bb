"""Stored files go to a folder by default and to an S3-compatible bucket when one is
configured. Settings are read once per process, so each case is a fresh process with
the production settings and its own environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

DESCRIBE = """
import json
import django
django.setup()
from django.core.files.storage import storages
out = {}
for alias in ("default", "documents"):
    storage = storages[alias]
    out[alias] = {
        "class": f"{type(storage).__module__}.{type(storage).__name__}",
        "bucket": getattr(storage, "bucket_name", None),
        "endpoint": getattr(storage, "endpoint_url", None),
        "region": getattr(storage, "region_name", None),
        "acl": getattr(storage, "default_acl", "n/a"),
        "signed_urls": getattr(storage, "querystring_auth", None),
        "overwrite": getattr(storage, "file_overwrite", None),
        "location": str(getattr(storage, "location", "")),
    }
print(json.dumps(out))
"""


def describe(**env: str) -> dict[str, dict[str, object]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "JTAI_DOC"))}
    done = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-c", DESCRIBE],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "jtai.config.settings.production",
            "SECRET_KEY": "storage-settings-test",
            **env,
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


FOLDER = "django.core.files.storage.filesystem.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def test_files_go_to_a_folder_under_media_root_by_default(tmp_path: Path) -> None:
    found = describe(MEDIA_ROOT=str(tmp_path / "media"))
    assert found["default"]["class"] == FOLDER
    assert found["default"]["location"] == str(tmp_path / "media")
    assert found["documents"]["class"] == FOLDER


def test_files_go_to_an_s3_compatible_bucket_when_one_is_named() -> None:
    found = describe(
        AWS_STORAGE_BUCKET_NAME="jtai-files",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_REGION_NAME="eu-west-2",
    )
    for alias in ("default", "documents"):
        assert found[alias]["class"] == S3
        assert found[alias]["bucket"] == "jtai-files"
        assert found[alias]["endpoint"] == "https://objects.example.net"
        assert found[alias]["region"] == "eu-west-2"
        # Private objects with expiring signed links, never silently replaced.
        assert found[alias]["signed_urls"] is True
        assert found[alias]["overwrite"] is False


def test_documents_can_have_a_bucket_of_their_own() -> None:
    found = describe(AWS_STORAGE_BUCKET_NAME="jtai-files", JTAI_DOCUMENTS_BUCKET="jtai-documents")
    assert found["default"]["bucket"] == "jtai-files"
    assert found["documents"]["class"] == S3
    assert found["documents"]["bucket"] == "jtai-documents"
    assert found["documents"]["acl"] == "private"
