"""Publication: at its moment, exactly once, by the scheduled job or a programme manager;
never early, never twice, never for a withdrawn inspection."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from jtai.accounts.models import User
from jtai.inspections.models import EventKind, InspectionEvent, Status
from jtai.inspections.services import inspection_transition
from jtai.publication import services, tasks
from jtai.publication.models import Report, ReportStatus

from .helpers import MINUTE, birmingham_report


def _publish_events(report: Report) -> int:
    return InspectionEvent.objects.filter(
        inspection=report.inspection, kind=EventKind.TRANSITION, to_status=Status.PUBLISHED
    ).count()


def test_the_job_publishes_nothing_before_the_moment(db: None) -> None:
    report = birmingham_report()
    assert services.publish_due(report.publish_at - MINUTE) == []
    report.refresh_from_db()
    assert report.status == ReportStatus.EMBARGOED
    assert report.inspection is not None
    assert report.inspection.status == Status.FINALISED


def test_the_job_publishes_at_the_moment_and_records_it_once(db: None) -> None:
    report = birmingham_report()
    published = services.publish_due(report.publish_at + MINUTE)
    assert [r.pk for r in published] == [report.pk]
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at == report.publish_at
    assert report.published_by is None
    inspection = report.inspection
    assert inspection is not None
    inspection.refresh_from_db()
    assert inspection.status == Status.PUBLISHED
    assert inspection.published_at == report.publish_at
    day = timezone.localdate(report.publish_at)
    assert inspection.actual("publication") == day
    # The written statement counts 70 working days from the actual publication.
    assert report.wsoa_due == inspection.planned("wsoa_due")
    assert report.wsoa_due is not None
    assert report.wsoa_due > day
    event = InspectionEvent.objects.get(
        inspection=inspection, kind=EventKind.TRANSITION, to_status=Status.PUBLISHED
    )
    assert event.actor is None
    assert event.data["transition"] == "publish"
    # Running again (a retry, or a second worker a moment later) changes nothing.
    assert services.publish_due(report.publish_at + 2 * MINUTE) == []
    assert _publish_events(report) == 1


def test_a_second_worker_holding_the_same_report_publishes_nothing(
    users: dict[str, User],
) -> None:
    report = birmingham_report()
    read_by_the_other_worker = Report.objects.get(pk=report.pk)
    services.publish_due(report.publish_at + MINUTE)
    with pytest.raises(services.PublicationError, match="already published on 9:30am on"):
        services.report_publish(
            actor=users["programme_manager"],
            report=read_by_the_other_worker,
            now=report.publish_at + MINUTE,
        )
    assert _publish_events(report) == 1


def test_the_scheduled_task_runs_the_service(db: None) -> None:
    report = birmingham_report()
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        result = tasks.publish_due_reports.enqueue()
    assert result.return_value == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_a_programme_manager_publishes_once_the_moment_has_come(users: dict[str, User]) -> None:
    report = birmingham_report()
    pm = users["programme_manager"]
    with pytest.raises(services.PublicationError, match="embargoed until 9:30am on"):
        services.report_publish(actor=pm, report=report, now=report.publish_at - MINUTE)
    with pytest.raises(services.PublicationError, match="Only a programme manager"):
        services.report_publish(
            actor=users["lead_inspector"], report=report, now=report.publish_at + MINUTE
        )
    published = services.report_publish(actor=pm, report=report, now=report.publish_at + MINUTE)
    assert published.status == ReportStatus.PUBLISHED
    assert published.published_by == pm
    with pytest.raises(services.PublicationError, match="already published"):
        services.report_publish(actor=pm, report=report, now=report.publish_at + 2 * MINUTE)
    assert _publish_events(report) == 1


def test_publishing_by_hand_through_the_page(client_for: Callable[[str | None], Client]) -> None:
    report = birmingham_report()
    assert report.inspection is not None
    url = f"/inspections/{report.inspection.reference}/report/publish/"
    # Signed in at the moment itself: sessions end after half an hour idle.
    with time_machine.travel(report.publish_at - MINUTE, tick=False):
        early = client_for("programme_manager").post(url, follow=True).content.decode()
    assert "cannot be published before then" in early
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        client = client_for("programme_manager")
        client.post(url)
        twice = client.post(url, follow=True).content.decode()
    assert "This report was already published on" in twice
    assert _publish_events(report) == 1


def test_a_withdrawn_inspection_s_report_never_goes_public(
    users: dict[str, User], client_for: Callable[[str | None], Client]
) -> None:
    report = birmingham_report()
    assert report.inspection is not None
    inspection_transition(
        actor=users["programme_manager"],
        inspection=report.inspection,
        transition="withdraw",
        reason="A serious incident review takes priority.",
    )
    assert services.publish_due(report.publish_at + MINUTE) == []
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        assert client_for(None).get(f"/reports/{report.slug}/").status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.EMBARGOED


def test_a_late_final_report_is_published_the_next_working_day(users: dict[str, User]) -> None:
    """Sent after its planned publication moment, a report still reaches the area's
    leaders before the public: it goes out the next working day."""
    from .helpers import manchester

    inspection = manchester()
    planned = inspection.planned("publication")
    assert planned is not None
    late = services.publication_moment(planned) + MINUTE
    from jtai.publication.demo import letter_for

    report = services.embargo_report(
        inspection=inspection,
        document=letter_for(inspection),
        actor=users["lead_inspector"],
        now=late,
    )
    local = timezone.localtime(report.publish_at)
    assert local.date() > planned
    assert local.weekday() < 5
    assert (local.hour, local.minute) == (9, 30)
