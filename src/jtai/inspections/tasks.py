"""Background tasks for inspections, run by the task worker (immediately, in-process,
with the default backend). Each is safe to run again."""

from __future__ import annotations

from django_tasks import task

from .notifications import send_notification
from .reminders import send_due_reminders


@task()
def send_due_reminders_task() -> int:
    return send_due_reminders()


@task()
def send_notification_task(inspection_id: int) -> int:
    return send_notification(inspection_id)
