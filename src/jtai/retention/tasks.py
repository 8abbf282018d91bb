"""The scheduled purge (settings.JTAI_SCHEDULE["purge_expired_data"]): safe to run again,
as a second run finds nothing left to delete."""

from __future__ import annotations

from django_tasks import task

from .services import purge_expired


@task()
def purge_expired_data() -> dict[str, int]:
    report = purge_expired(actor=None)
    return {"purges": len(report.purges), "failures": len(report.failures)}
