"""Background tasks for publication, run by the task worker (immediately, in-process,
with the default backend). Each is safe to run again and at the same time as itself."""

from __future__ import annotations

from django_tasks import task

from .notifications import email_embargoed_report
from .services import publish_due


@task()
def publish_due_reports() -> int:
    """The scheduled job (``JTAI_SCHEDULE``): publish what is due; how many were."""
    return len(publish_due())


@task()
def email_embargoed_report_task(report_id: int) -> int:
    return email_embargoed_report(report_id)
