"""The fieldwork timetable at scale: the page's median render time and query count with
the demo's Leeds week plus 200 and 1,000 more activities, the calendar feed, and the
optimiser filling 25 requested activities into a busy week.

Budgets: the page under 300 ms median with 200 more activities, the same number of
queries at every size, and the fill under 10 s. Run: .venv/bin/python bench/timetable.py
Builds a throwaway SQLite database under var/bench/, loads the demo data through the
real services, and times pages through Django's test client (no network)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench" / "timetable"
os.environ["DJANGO_SETTINGS_MODULE"] = "jtai.config.settings.development"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'timetable.sqlite3'}"
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
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from jtai.accounts.demo import sign_in_demo_client  # noqa: E402
from jtai.accounts.models import User  # noqa: E402
from jtai.areas.models import Agency  # noqa: E402
from jtai.demo.loader import load_demo  # noqa: E402
from jtai.fieldwork import services  # noqa: E402
from jtai.fieldwork.models import Activity, ActivityStatus, Participant  # noqa: E402
from jtai.inspections.models import Inspection, Status, TeamMember  # noqa: E402

PAGE_BUDGET_MS = 300.0
FILL_BUDGET_S = 10.0
RUNS = 15


def add_activities(inspection: Inspection, count: int, offset: int) -> None:
    """``count`` more activities, each with one inspector, one practitioner and its own
    room, in half-hour slots from 07:00 so that one inspector's never overlap (up to
    about 1,400 activities for a team of six): the page is measured, not a pile of
    clashes."""
    team = list(TeamMember.objects.filter(inspection=inspection))
    agencies = list(Agency.objects.filter(area_id=inspection.area_id))
    days = services.fieldwork_days(inspection)
    slots_per_day = 34  # 07:00 to 24:00

    def start_of(n: int) -> dt.datetime:
        slot = n // len(team)
        day, half_hours = divmod(slot, slots_per_day)
        opening = dt.datetime.combine(days[day % len(days)], dt.time(7))
        return timezone.make_aware(opening + dt.timedelta(minutes=30 * half_hours))

    made = Activity.objects.bulk_create(
        Activity(
            inspection=inspection,
            kind="case_tracking",
            title=f"Case discussion {n}",
            case_reference=f"LDS-DA-{n:05d}",
            starts_at=start_of(n),
            ends_at=start_of(n) + dt.timedelta(minutes=30),
            place=f"Room {n}",
            status=ActivityStatus.CONFIRMED if n % 2 else ActivityStatus.PROPOSED,
        )
        for n in range(offset, offset + count)
    )
    Activity.inspectors.through.objects.bulk_create(
        Activity.inspectors.through(activity_id=a.pk, teammember_id=team[n % len(team)].pk)
        for n, a in enumerate(made, start=offset)
    )
    Participant.objects.bulk_create(
        Participant(
            activity=a, name=f"Practitioner {n}", job_title="Social worker", agency=agencies[n % 6]
        )
        for n, a in enumerate(made, start=offset)
    )


def timed(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def main() -> int:
    settings.DEBUG = False
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    load_demo()
    inspection = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    url = reverse("fieldwork:timetable", args=[inspection.reference])
    clients = {}
    for who in ("lead", "leeds.coordinator", "leeds.police"):
        clients[who] = Client()
        sign_in_demo_client(clients[who], User.objects.get(email=f"{who}@demo.jtai.example"))
    ok = True
    counts: dict[str, set[int]] = {who: set() for who in clients}
    added = 0
    for extra in (0, 200, 1000):
        add_activities(inspection, extra - added, added)
        added = extra
        total = Activity.objects.filter(inspection=inspection).count()
        for who, client in clients.items():
            median, queries = timed(client, url)
            counts[who].add(queries)
            print(
                f"timetable as {who:18} {total:5} activities: {median:7.1f} ms, {queries} queries"
            )
            if extra == 200 and median > PAGE_BUDGET_MS:
                ok = False
    for who, seen in counts.items():
        if len(seen) != 1:
            print(f"query count grows for {who}: {sorted(seen)}")
            ok = False

    lead = User.objects.get(email="lead@demo.jtai.example")
    feed = services.calendar_feed_get(user=lead)
    median, queries = timed(Client(), reverse("calendar:feed", args=[feed.token]))
    print(f"calendar feed (lead inspector): {median:.1f} ms, {queries} queries")

    Activity.objects.filter(
        title__startswith="Case discussion ", place__startswith="Room "
    ).delete()
    group = inspection.subgroups.order_by("name").first()
    members = [m.pk for m in TeamMember.objects.filter(inspection=inspection)]
    requests = [
        services.ActivityRequest(
            kind="practitioners",
            title=f"Interview {n}",
            duration=dt.timedelta(minutes=(45, 60, 90)[n % 3]),
            place=f"Meeting room {n % 4}",
            inspector_ids=frozenset({members[n % len(members)]}) if n % 3 else frozenset(),
            subgroup_id=group.pk if group is not None and not n % 3 else None,
        )
        for n in range(25)
    ]
    start = time.perf_counter()
    outcome = services.timetable_fill(
        actor=lead, inspection=inspection, requests=requests, time_limit_s=FILL_BUDGET_S
    )
    took = time.perf_counter() - start
    print(
        f"fill 25 requests: {len(outcome.placed)} placed, {len(outcome.unplaced)} not, {took:.2f} s"
    )
    if took > FILL_BUDGET_S + 1:
        ok = False
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
