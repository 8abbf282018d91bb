"""The public report list with 500 published reports: median time and query count.

Budget: under 100 ms median, and the same number of queries with 50 reports as with 500.
Run: .venv/bin/python bench/public_reports.py
Builds a throwaway SQLite database under var/bench/, adds published reports with
realistic letters across every area, and times the public pages and API anonymously
through Django's test client (no network)."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "public_reports"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'reports.sqlite3'}"
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

shutil.rmtree(BENCH_DIR, ignore_errors=True)
BENCH_DIR.mkdir(parents=True)
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from jtai.publication.demo import many_published_reports  # noqa: E402

BUDGET_MS = 100.0
RUNS = 30
PAGES = [
    "/reports/",
    "/reports/?page=2",
    "/reports/?q=strategy+discussions",
    "/reports/?region=London&year=2016",
    "/api/v1/reports?limit=20",
]


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def main() -> int:
    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    client = Client()
    many_published_reports(50)
    few = {url: queries(client, url) for url in PAGES}
    many_published_reports(450)
    many = {url: queries(client, url) for url in PAGES}
    worst = 0.0
    for url in PAGES:
        client.get(url)  # warm caches
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(timings)
        worst = max(worst, median)
        print(
            f"public_reports: {url:<36} median {median:6.1f} ms over {RUNS} requests, "
            f"{many[url]} queries with 500 reports ({few[url]} with 50)"
        )
    flat = few == many
    print(
        f"public_reports: slowest median {worst:.1f} ms (budget {BUDGET_MS:.0f} ms); "
        f"query counts {'constant' if flat else 'GROW'} from 50 to 500 reports"
    )
    return 0 if worst < BUDGET_MS and flat else 1


if __name__ == "__main__":
    sys.exit(main())
