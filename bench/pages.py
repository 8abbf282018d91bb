"""Median render time of the home page and every list page with the demo data (SQLite).

Budget: under 150 ms median. Run: .venv/bin/python bench/pages.py
Builds a throwaway SQLite database under var/bench/, loads the demo data through the
real services, and times each page through Django's test client (no network)."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "pages"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'pages.sqlite3'}"
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

shutil.rmtree(BENCH_DIR, ignore_errors=True)
BENCH_DIR.mkdir(parents=True)
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from jtai.accounts.demo import sign_in_demo_client  # noqa: E402
from jtai.accounts.models import User  # noqa: E402
from jtai.demo.loader import load_demo  # noqa: E402

BUDGET_MS = 150.0
RUNS = 30
PAGES = [
    ("programme", "/"),
    ("programme", "/inspections/"),
    ("programme", "/areas/"),
    ("lead", "/"),
    ("lead", "/inspections/"),
    ("leeds.coordinator", "/"),
    ("leeds.coordinator", "/inspections/"),
]


def main() -> int:
    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    load_demo()
    worst = 0.0
    for who, url in PAGES:
        client = Client()
        sign_in_demo_client(client, User.objects.get(email=f"{who}@demo.jtai.example"))
        client.get(url)  # warm caches
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(timings)
        worst = max(worst, median)
        print(f"pages: {url:<16} as {who:<18} median {median:6.1f} ms over {RUNS} requests")
    print(f"pages: slowest median {worst:.1f} ms (budget {BUDGET_MS:.0f} ms)")
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
