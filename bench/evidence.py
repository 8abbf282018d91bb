"""Median time of the evidence page, filtered and searched, with 2,000 evidence notes
and 200 timetable activities in one inspection.

    .venv/bin/python bench/evidence.py [--database-url URL]

Budget: under 200 ms median, at a constant number of queries. Builds a throwaway SQLite
database under var/bench/evidence/ (or uses the empty database --database-url names, to
measure PostgreSQL), loads the demo data through the real services, adds the activities
and notes to the Manchester inspection in bulk (a week of a full team's evidence, in
seconds rather than through 2,000 form posts), then renders each page through the view,
with the user already signed in, 30 times. Query counts are taken at 200 notes and again
at 2,000: they must be the same."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "evidence"
BUDGET_MS = 200.0
RUNS = 30
NOTES, ACTIVITIES = 2000, 200

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
ARGS = parser.parse_args()

os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{BENCH_DIR / 'evidence.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

PHRASES = (
    "Health visitors share concerns about domestic abuse promptly with the front door.",
    "Strategy meetings are well attended by police, health and children's social care.",
    "Police notifications describe the child's lived experience and the history.",
    "School designated safeguarding leads act on Operation Encompass notifications.",
    "Assessments do not always analyse the impact of abuse on younger children.",
    "Probation risk assessments of perpetrators are not shared when plans are made.",
    "Managers' oversight is visible and challenges drift in child protection plans.",
    "Midwives ask about domestic abuse at booking and again later in pregnancy.",
    "The partnership's audits have not yet tested whether learning changed practice.",
    "Waiting times for therapeutic support for children exceed six months.",
)
SEARCHES = (
    "health visitors",
    "strategy meetings",
    '"lived experience"',
    "perpetrators",
    "midwives",
    "oversight",
)


def build(inspection: Any, notes_wanted: int) -> None:
    """200 activities across the fieldwork week and ``notes_wanted`` notes by the team, about every
    criterion, agency and polarity, each with its first version."""
    from django.contrib.postgres.search import SearchVector
    from django.db import connection
    from django.utils import timezone

    from jtai.areas.models import Agency
    from jtai.evidence.models import EvidenceNote, EvidenceNoteVersion
    from jtai.evidence.selectors import criteria_for
    from jtai.fieldwork.models import Activity, ActivityKind
    from jtai.inspections.models import TeamMember
    from jtai.library.services import SEARCH_CONFIG

    monday = timezone.make_aware(dt.datetime.combine(inspection.fieldwork_start, dt.time(8)))
    activities = Activity.objects.bulk_create(
        Activity(
            inspection=inspection,
            kind=ActivityKind.PRACTITIONERS,
            title=f"Focus group {n}",
            starts_at=monday + dt.timedelta(days=n % 5, minutes=(n // 5) * 15),
            ends_at=monday + dt.timedelta(days=n % 5, minutes=(n // 5) * 15 + 60),
        )
        for n in range(ACTIVITIES - Activity.objects.filter(inspection=inspection).count())
    )
    activities = list(Activity.objects.filter(inspection=inspection))
    criteria = criteria_for(inspection)
    agencies = list(Agency.objects.filter(area_id=inspection.area_id))
    authors = [m.user for m in TeamMember.objects.filter(inspection=inspection)]
    polarities = ("strength", "improvement", "context")
    existing = EvidenceNote.objects.filter(inspection=inspection).count()
    notes = EvidenceNote.objects.bulk_create(
        EvidenceNote(
            inspection=inspection,
            criterion=criteria[n % len(criteria)],
            polarity=polarities[n % 3],
            text=f"{PHRASES[n % len(PHRASES)]} Seen on visit {n}.",
            is_key=n % 17 == 0,
            source_kind="activity",
            activity=activities[n % len(activities)],
            author=authors[n % len(authors)],
            updated_by=authors[n % len(authors)],
            created_at=monday + dt.timedelta(minutes=n),
            updated_at=monday + dt.timedelta(minutes=n),
        )
        for n in range(existing, notes_wanted)
    )
    through = EvidenceNote.agencies.through
    through.objects.bulk_create(
        through(evidencenote_id=note.pk, agency_id=agencies[(n + k) % len(agencies)].pk)
        for n, note in enumerate(notes)
        for k in range(1 + n % 2)
    )
    EvidenceNoteVersion.objects.bulk_create(
        EvidenceNoteVersion(
            note=note,
            version=1,
            saved_by=note.author,
            saved_at=note.created_at,
            snapshot={"text": note.text},
        )
        for note in notes
    )
    if connection.vendor == "postgresql":
        EvidenceNote.objects.filter(inspection=inspection).update(
            search_vector=SearchVector("text", config=SEARCH_CONFIG)
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> int:
    if not ARGS.database_url:
        shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    django.setup()

    from django.conf import settings
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import resolve

    from jtai.accounts.models import User
    from jtai.areas.models import Agency
    from jtai.demo.loader import load_demo
    from jtai.evidence.models import EvidenceNote
    from jtai.evidence.selectors import criteria_for
    from jtai.inspections.models import Inspection

    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    load_demo()
    inspection = Inspection.objects.get(area__name="Manchester")
    lead = User.objects.get(email="lead@demo.jtai.example")
    base = f"/inspections/{inspection.reference}/evidence/"
    criteria = criteria_for(inspection)
    police = Agency.objects.get(area_id=inspection.area_id, kind="police")
    pages: list[tuple[str, dict[str, str]]] = [
        ("every note", {}),
        ("by criterion", {"criterion": str(criteria[1].pk)}),
        ("by agency and polarity", {"agency": str(police.pk), "polarity": "improvement"}),
        ("by inspectorate", {"inspectorate": "cqc"}),
        ("page 10", {"page": "10"}),
        *((f"search {term}", {"q": term}) for term in SEARCHES),
        ("search with filters", {"q": "health visitors", "agency": str(police.pk)}),
    ]
    factory = RequestFactory()

    def render(params: dict[str, str]) -> tuple[float, int]:
        request = factory.get(base, params)
        request.user = lead
        request.session = SessionStore()
        request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
        match = resolve(base)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = match.func(request, **match.kwargs)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (params, response.status_code)
        return elapsed, len(queries)

    # Query counts at a tenth of the evidence, then at all of it.
    small = NOTES // 10
    build(inspection, small)
    render({})  # the first request's one-off queries are not the page's
    few = {label: render(params)[1] for label, params in pages}
    build(inspection, NOTES)
    total = EvidenceNote.objects.filter(inspection=inspection).count()
    print(
        f"evidence: {total} notes and {inspection.activities.count()} activities in "
        f"{inspection.reference} on {connection.vendor}"
    )
    worst, flat = 0.0, True
    for label, params in pages:
        render(params)  # warm caches
        timings, counts = [], set()
        for _ in range(RUNS):
            elapsed, count = render(params)
            timings.append(elapsed)
            counts.add(count)
        median = statistics.median(timings)
        worst = max(worst, median)
        same = counts == {few[label]}
        flat &= same
        print(
            f"  {label:<32} median {median:6.1f} ms (slowest {max(timings):6.1f} ms), "
            f"{counts.pop()} queries ({few[label]} at {small} notes)"
            + ("" if same else "  <- NOT CONSTANT")
        )
    print(
        f"evidence: slowest median {worst:.1f} ms (budget {BUDGET_MS:.0f} ms); queries "
        + ("constant" if flat else "NOT constant")
    )
    return 0 if worst < BUDGET_MS and flat else 1


if __name__ == "__main__":
    sys.exit(main())
