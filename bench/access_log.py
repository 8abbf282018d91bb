"""What the access log adds to a page of children: the Leeds children list (50 rows) with
logging on and off, requests alternated so both see the same machine load.

Budget: under 5% of the page's median time. Run: .venv/bin/python bench/access_log.py
Builds a throwaway SQLite database under var/bench/access_log/, loads the demo data
through the real services and times the page through Django's test client (no network).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "access_log"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'access_log.sqlite3'}"
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
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
from jtai.audit.models import AccessEvent  # noqa: E402
from jtai.cases.views import common  # noqa: E402
from jtai.demo.loader import load_demo  # noqa: E402
from jtai.inspections.models import Inspection, Status  # noqa: E402

BUDGET_PERCENT = 5.0
RUNS = 300  # of each, on and off


def _no_log(*args: Any, **kwargs: Any) -> None:
    return None


def _time(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def main() -> int:
    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    load_demo()
    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    url = f"/inspections/{leeds.reference}/cases/children/"
    client = Client()
    sign_in_demo_client(client, User.objects.get(email="lead@demo.jtai.example"))
    logging_on = common.record_access
    for _ in range(20):  # warm caches
        _time(client, url)
    before = AccessEvent.objects.count()
    on: list[float] = []
    off: list[float] = []
    for _ in range(RUNS):
        common.record_access = logging_on  # type: ignore[assignment]
        on.append(_time(client, url))
        common.record_access = _no_log  # type: ignore[assignment]
        off.append(_time(client, url))
    common.record_access = logging_on  # type: ignore[assignment]
    logged = AccessEvent.objects.count() - before
    assert logged == RUNS, f"expected {RUNS} access events, found {logged}"
    median_on, median_off = statistics.median(on), statistics.median(off)
    overhead = (median_on - median_off) / median_off * 100
    print(
        f"access_log: children page median {median_off:.1f} ms without logging, "
        f"{median_on:.1f} ms with it, over {RUNS} requests each"
    )
    print(f"access_log: overhead {overhead:+.1f}% (budget {BUDGET_PERCENT:.0f}%)")
    return 0 if overhead < BUDGET_PERCENT else 1


if __name__ == "__main__":
    sys.exit(main())
