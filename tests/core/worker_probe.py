"""What the worker tests read back from a worker database, printed as JSON:
`python -m tests.core.worker_probe` with the workers' settings and DATABASE_URL."""

from __future__ import annotations

import json

import django


def report() -> dict[str, object]:
    from django_tasks_db.models import DBTaskResult

    from jtai.core.models import ScheduledRun, WorkerHeartbeat
    from jtai.inspections.models import Reminder

    tasks = [
        {
            "path": row.task_path,
            "status": row.status,
            "worker_ids": row.worker_ids,
        }
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
        "workers": sorted(WorkerHeartbeat.objects.values_list("pid", flat=True)),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(report()))
