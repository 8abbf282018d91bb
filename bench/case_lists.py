"""A 50,000-row children's case list validated and imported, as CSV and as XLSX.

Budget: under 5 seconds and under 300 MB peak memory (the budget applies to CSV; the
workbook is reported beside it). Run: .venv/bin/python bench/case_lists.py [rows]
Builds a throwaway SQLite database under var/bench/case_lists/, loads the demo data, and
uploads realistic synthetic lists to the demo's Leeds inspection through the real
service (every row validated, then imported in one transaction). Each list is uploaded
twice: once timed, once with tracemalloc on (it slows Python down) for the peak memory
the upload allocates; the process's peak resident size is printed too."""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "case_lists"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

shutil.rmtree(BENCH_DIR, ignore_errors=True)
BENCH_DIR.mkdir(parents=True)
django.setup()

from django.core.management import call_command  # noqa: E402

from jtai.accounts.models import User  # noqa: E402
from jtai.cases import services  # noqa: E402
from jtai.cases.models import CaseList, ListKind  # noqa: E402
from jtai.cases.synthetic import synthetic_csv, synthetic_xlsx  # noqa: E402
from jtai.demo.loader import load_demo  # noqa: E402
from jtai.inspections.models import Inspection, Status  # noqa: E402

BUDGET_SECONDS = 5.0
BUDGET_MB = 300.0


def upload(data: bytes, name: str) -> CaseList:
    result = services.case_list_upload(
        actor=User.objects.get(email="leeds.coordinator@demo.jtai.example"),
        inspection=Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING),
        data=data,
        source_name=name,
        kind=ListKind.THEME,
    )
    assert result.case_list is not None, [str(p) for p in result.problems[:5]]
    return result.case_list


def measure(kind: str, data: bytes, rows: int) -> tuple[float, float]:
    start = time.perf_counter()
    case_list = upload(data, f"bench.{kind}")
    seconds = time.perf_counter() - start
    assert case_list.row_count == rows
    case_list.delete()
    tracemalloc.start()
    upload(data, f"bench.{kind}").delete()
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak_mb


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    call_command("migrate", verbosity=0)
    load_demo()
    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    assert leeds.notified_at is not None
    notified = leeds.notified_at.date()
    files = {
        "csv": synthetic_csv(rows, notified_on=notified, prefix="BEN", seed=50),
        "xlsx": synthetic_xlsx(rows, notified_on=notified, prefix="BEN", seed=50),
    }
    within = True
    for kind, data in files.items():
        seconds, peak_mb = measure(kind, data, rows)
        within_budget = seconds < BUDGET_SECONDS and peak_mb < BUDGET_MB
        if kind == "csv":
            within = within_budget
        print(
            f"case lists: {rows} rows ({kind}, {len(data) / 1e6:.1f} MB) validated and "
            f"imported in {seconds:.1f} s, peak memory {peak_mb:.0f} MB"
            f"{'' if within_budget else ' (over budget)'}"
        )
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"case lists: budget {BUDGET_SECONDS:.0f} s and {BUDGET_MB:.0f} MB for CSV; "
        f"process peak resident size {maxrss_mb:.0f} MB (Django, the demo and both files)"
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
