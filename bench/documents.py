"""Upload and download a 100 MB document, measuring time and peak memory.

Budget: the process's peak memory grows by far less than the file (under 25 MB), since
an upload is streamed to a temporary file, checksummed and stored in chunks, and a
download is streamed from storage. Run: .venv/bin/python bench/documents.py

Builds a throwaway SQLite database and media folder under var/bench/documents/, loads the
demo data, writes a 100 MB PDF and the multipart request body carrying it to disk, then
posts the body from disk through Django's test client (no network) as the demo police
contact, and downloads the document again as the coordinator, reading the streamed
response chunk by chunk. Memory is Python's traced peak (tracemalloc) and the growth of
the process's peak resident size (getrusage)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "documents"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'documents.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

shutil.rmtree(BENCH_DIR, ignore_errors=True)
(BENCH_DIR / "static").mkdir(parents=True)
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from jtai.accounts.demo import sign_in_demo_client  # noqa: E402
from jtai.accounts.models import User  # noqa: E402
from jtai.demo.loader import load_demo  # noqa: E402
from jtai.information.models import Document, InformationItem  # noqa: E402

MB = 1024 * 1024
SIZE = 100 * MB
BUDGET_MB = 25.0
BOUNDARY = "jtai-bench-boundary-7d3f"


def write_pdf(path: Path) -> str:
    """A 100 MB file that is a PDF by its content; returns its SHA-256."""
    digest = hashlib.sha256()
    block = os.urandom(MB)
    with path.open("wb") as out:
        head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        tail = b"\n%%EOF\n"
        out.write(head)
        digest.update(head)
        remaining = SIZE - len(head) - len(tail)
        while remaining:
            piece = block[: min(MB, remaining)]
            out.write(piece)
            digest.update(piece)
            remaining -= len(piece)
        out.write(tail)
        digest.update(tail)
    return digest.hexdigest()


def write_body(source: Path, body: Path) -> None:
    """The multipart/form-data body a browser would send, built on disk in chunks."""
    with body.open("wb") as out, source.open("rb") as data:
        out.write(
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="documents"; filename="{source.name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        shutil.copyfileobj(data, out, MB)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def signed_in(local_part: str) -> Client:
    client = Client()
    sign_in_demo_client(client, User.objects.get(email=f"{local_part}@demo.jtai.example"))
    return client


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def reset_peak_rss() -> float:
    """Start measuring the peak resident size afresh (Linux: clear_refs 5 resets VmHWM);
    returns the resident size now."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    now = _status_mb("VmRSS")
    return now if now is not None else peak_rss_mb()


def peak_rss_mb() -> float:
    peak = _status_mb("VmHWM")
    # Elsewhere, ru_maxrss (kilobytes on Linux) is the peak since the process started.
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    settings.DEBUG = False
    setup_test_environment()
    call_command("migrate", verbosity=0)
    load_demo()
    item = InformationItem.objects.select_related("inspection").get(
        inspection__area__name="Leeds",
        inspection__status="information_gathering",
        title="Domestic abuse notifications (PPNs)",
    )
    source = BENCH_DIR / "MARAC minutes, full year.pdf"
    body = BENCH_DIR / "request-body.bin"
    expected = write_pdf(source)
    write_body(source, body)
    police, coordinator = signed_in("leeds.police"), signed_in("leeds.coordinator")
    upload_url = reverse("information:upload", args=[item.inspection.reference, item.pk])

    rss_before = reset_peak_rss()
    tracemalloc.start()
    started = time.perf_counter()
    with body.open("rb") as stream:
        response = police.generic(
            "POST",
            upload_url,
            CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
            CONTENT_LENGTH=str(body.stat().st_size),
            **{"wsgi.input": stream},
        )
    upload_seconds = time.perf_counter() - started
    upload_peak = tracemalloc.get_traced_memory()[1] / MB
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(item=item, sha256=expected)
    assert document.size == SIZE

    tracemalloc.reset_peak()
    started = time.perf_counter()
    download = coordinator.get(
        reverse("information:download", args=[item.inspection.reference, document.pk])
    )
    assert download.status_code == 200
    digest, received = hashlib.sha256(), 0
    for chunk in download.streaming_content:  # type: ignore[attr-defined]
        digest.update(chunk)
        received += len(chunk)
    download.close()
    download_seconds = time.perf_counter() - started
    download_peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    rss_growth = peak_rss_mb() - rss_before
    assert received == SIZE
    assert digest.hexdigest() == expected

    peak = max(upload_peak, download_peak)
    print(
        f"documents: {SIZE // MB} MB upload {upload_seconds:.1f} s, download "
        f"{download_seconds:.1f} s, peak memory +{peak:.1f} MB traced "
        f"(upload {upload_peak:.1f}, download {download_peak:.1f}), "
        f"peak RSS +{rss_growth:.1f} MB (budget {BUDGET_MB:.0f} MB)"
    )
    for path in (source, body):
        path.unlink()
    shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
    return 0 if peak < BUDGET_MB and rss_growth < BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
