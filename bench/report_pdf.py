"""A 15-page findings letter rendered to PDF by WeasyPrint, as the public site serves it.

Budget: under 3 seconds. Run: .venv/bin/python bench/report_pdf.py
Renders a realistic front-door letter lengthened to at least 15 A4 pages through the
same template and print stylesheet as the service (no database needed), once to warm
up and then five times, and prints the page count and the median and worst times."""

from __future__ import annotations

import io
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.config.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

from jtai.letters.document import LetterDocument

django.setup()

from pypdf import PdfReader  # noqa: E402

from jtai.publication.letters import front_door_letter  # noqa: E402
from jtai.publication.pdf import render_letter_pdf  # noqa: E402

BUDGET_S = 3.0
TARGET_PAGES = 15
RUNS = 5


def letter_of(extra: int) -> LetterDocument:
    return front_door_letter(
        area="Birmingham",
        local_authority="Birmingham City Council",
        police="West Midlands Police",
        health="Integrated care board covering Birmingham and Solihull",
        letter_date=None,
        wsoa_due="Friday 27 March 2026",
        extra_paragraphs=extra,
    )


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> int:
    extra = 60
    while pages(render_letter_pdf(letter_of(extra))) < TARGET_PAGES:
        extra += 10
    letter = letter_of(extra)
    render_letter_pdf(letter, embargoed_until="9:30am on Friday 13 March 2026")  # warm up
    timings, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = render_letter_pdf(letter, embargoed_until="9:30am on Friday 13 March 2026")
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    count = pages(pdf)
    paragraphs = sum(len(s.paragraphs) for s in letter.sections)
    median = statistics.median(timings)
    # CPU time beside wall time: on a shared machine the wall clock includes waiting.
    print(
        f"report_pdf: {count} pages, {paragraphs} numbered paragraphs, {len(pdf) / 1024:.0f} KB; "
        f"median {median:.2f} s (CPU {statistics.median(cpu):.2f} s), worst {max(timings):.2f} s "
        f"over {RUNS} renders (budget {BUDGET_S:.0f} s)"
    )
    return 0 if count >= TARGET_PAGES and median < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
