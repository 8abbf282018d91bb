"""Background tasks for inspections (run by the task worker; scheduled daily)."""

from __future__ import annotations

from django_tasks import task

from .reminders import send_due_reminders


@task()
def send_due_reminders_task() -> int:
    return send_due_reminders()
