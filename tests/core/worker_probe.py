"""What the worker tests read from (and set up in) a worker database, printed as JSON:
`python -m tests.core.worker_probe [report|embargo-ends]` with the workers' settings and
DATABASE_URL."""

from __future__ import annotations

import datetime as dt
import json
import sys

import django


def report() -> dict[str, object]:
    from django_tasks_db.models import DBTaskResult

    from jtai.core.models import ScheduledRun, WorkerHeartbeat
    from jtai.inspections.models import InspectionEvent, Reminder
    from jtai.publication.models import Report, ReportStatus

    tasks = [
        {"path": row.task_path, "status": row.status, "worker_ids": row.worker_ids}
        for row in DBTaskResult.objects.order_by("enqueued_at")
    ]
    runs = [
        {"job": run.job, "claimed_by": run.claimed_by, "task": run.task_result_id}
        for run in ScheduledRun.objects.order_by("job")
    ]
    return {
        "tasks": tasks,
        "runs": runs,
        "reminders_sent": Reminder.objects.filter(sent_at__isnull=False).count(),
        "reminders_unsent": Reminder.objects.filter(sent_at__isnull=True).count(),
        "embargoed": sorted(
            Report.objects.filter(status=ReportStatus.EMBARGOED).values_list("slug", flat=True)
        ),
        "published": sorted(
            Report.objects.filter(status=ReportStatus.PUBLISHED).values_list("slug", flat=True)
        ),
        "publication_events": sorted(
            InspectionEvent.objects.filter(data__transition="publish").values_list(
                "inspection__reference", flat=True
            )
        ),
        "workers": sorted(WorkerHeartbeat.objects.values_list("pid", flat=True)),
    }


def embargo_ends() -> dict[str, object]:
    """Every embargoed report's publication moment was a minute ago."""
    from django.utils import timezone

    from jtai.publication.models import Report, ReportStatus

    embargoed = Report.objects.filter(status=ReportStatus.EMBARGOED)
    slugs = sorted(embargoed.values_list("slug", flat=True))
    embargoed.update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    return {"due": slugs}


if __name__ == "__main__":
    django.setup()
    action = sys.argv[1] if len(sys.argv) > 1 else "report"
    print(json.dumps({"report": report, "embargo-ends": embargo_ends}[action]()))
