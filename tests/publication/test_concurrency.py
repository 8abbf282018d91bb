"""Two workers running the publishing job at the same moment publish a report once.

PostgreSQL only (SQLite takes one writer at a time, so there is no race to test). The
workers are threads with connections of their own, so the report they race for must be
committed: it is made and removed again by the test, leaving the demo data as it was."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from jtai.areas.models import Area
from jtai.inspections.models import EventKind, Inspection, InspectionEvent, Status
from jtai.programme.models import FrameworkVersion, InspectionType, Theme
from jtai.publication import services
from jtai.publication.demo import letter_for
from jtai.publication.models import Report, ReportKind

T = TypeVar("T")


def in_thread(work: Callable[[], T]) -> T:
    """Run ``work`` on a connection of its own (committed when it returns)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if errors:
        raise errors[0]
    return result[0]


def _committed_report() -> int:
    with transaction.atomic():
        today = timezone.localdate()
        fieldwork = today - dt.timedelta(weeks=10, days=today.weekday())
        inspection = Inspection.objects.create(
            reference="JTAI-RACE-TEST",
            area=Area.objects.get(name="Wigan"),
            inspection_type=InspectionType.FRONT_DOOR,
            theme=Theme.objects.get(key="front-door"),
            framework=FrameworkVersion.objects.get(is_current=True),
            status=Status.FINALISED,
            fieldwork_start=fieldwork,
            planned_dates={"publication": today.isoformat()},
            notified_at=timezone.now() - dt.timedelta(weeks=10),
        )
        letter = letter_for(inspection)
        return Report.objects.create(
            kind=ReportKind.INSPECTION,
            slug="wigan-race-test",
            title=letter.title,
            inspection=inspection,
            area=inspection.area,
            theme=inspection.theme,
            document=letter.to_dict(),
            embargoed_at=timezone.now() - dt.timedelta(days=4),
            publish_at=timezone.now() - dt.timedelta(minutes=1),
        ).pk


def _remove(report_id: int) -> None:
    with transaction.atomic():
        report = Report.objects.get(pk=report_id)
        inspection = report.inspection
        report.delete()
        if inspection is not None:
            inspection.delete()


def test_two_workers_at_once_publish_the_report_exactly_once(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a race needs a database that takes concurrent writers (PostgreSQL)")
    report_id = in_thread(_committed_report)
    try:
        barrier = threading.Barrier(2)
        published: list[list[int]] = [[], []]

        def worker(index: int) -> None:
            try:
                barrier.wait(10)
                published[index] = [r.pk for r in services.publish_due()]
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        winners = [p for p in published if report_id in p]
        events = in_thread(
            lambda: InspectionEvent.objects.filter(
                inspection__report__pk=report_id,
                kind=EventKind.TRANSITION,
                to_status=Status.PUBLISHED,
            ).count()
        )
        assert len(winners) == 1
        assert events == 1
    finally:
        in_thread(lambda: _remove(report_id))
