"""Median time of a search over the whole learning library.

    .venv/bin/python bench/library.py [FOLDER] [--database-url URL]

Budget: under 100 ms median. Imports every letter in FOLDER (default
../shared/data/published-letters; when it is absent the bench says so and exits 0) into a
throwaway SQLite database under var/bench/, or into the empty database --database-url
names (to measure PostgreSQL), then times 30 searches for different terms: the whole
search page through Django's test client (no network), and the search query with its
highlighted passages on their own."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "library.sqlite3"
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "published-letters"
BUDGET_MS = 100.0
TERMS = (
    "domestic abuse",
    "strategy meeting",
    "health visitor",
    '"missing from home"',
    "child sexual exploitation",
    "MASH",
    "early help",
    "police",
    "information sharing",
    "management oversight",
    "professional curiosity",
    "voice of the child",
    "neglect",
    "child protection conference",
    "mental health",
    "youth offending",
    "schools",
    "GP",
    "return home interviews",
    "escalation",
    "thresholds",
    "supervision",
    "contextual safeguarding",
    "county lines",
    "Operation Encompass",
    "midwives",
    "out of hours",
    "quality assurance",
    "private fostering",
    "disabled children",
)

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
ARGS = parser.parse_args()

os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{DATABASE}"
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "library-media")
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "library-static")

import django  # noqa: E402


def main() -> int:
    if not ARGS.folder.is_dir():
        print(f"library: no letters at {ARGS.folder}; nothing to time")
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for path in (
        DATABASE,
        DATABASE.with_suffix(".sqlite3-wal"),
        DATABASE.with_suffix(".sqlite3-shm"),
    ):
        path.unlink(missing_ok=True)
    shutil.rmtree(BENCH_DIR / "library-media", ignore_errors=True)
    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jtai.accounts.demo import sign_in_demo_client
    from jtai.accounts.models import Inspectorate, User
    from jtai.library import search, services

    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    report = services.letters_import_folder(folder=ARGS.folder)
    print(
        f"library: imported {ARGS.folder} in {time.perf_counter() - started:.1f} s: "
        f"{report.summary}"
    )
    user = User.objects.create_user(
        "bench@bench.example",
        "bench-password-2026",
        full_name="Bench",
        role="inspector",
        inspectorate=Inspectorate.objects.get(code="ofsted"),
    )
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client = sign_in_demo_client(Client(), user)
    client.get("/library/search/", {"q": "warm up"})

    pages, queries, found = [], [], 0
    for term in TERMS:
        start = time.perf_counter()
        response = client.get("/library/search/", {"q": term})
        pages.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (term, response.status_code)
        start = time.perf_counter()
        sections = list(search.search_passages(query=term)[:20])
        search.hits(sections, term)
        queries.append((time.perf_counter() - start) * 1000)
        found += len(sections) > 0
    page_median = statistics.median(pages)
    print(
        f"library: {len(TERMS)} searches ({found} with results) on {connection.vendor}: "
        f"page median {page_median:.1f} ms (slowest {max(pages):.1f} ms), "
        f"query and passages median {statistics.median(queries):.1f} ms "
        f"(budget {BUDGET_MS:.0f} ms)"
    )
    return 0 if page_median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
