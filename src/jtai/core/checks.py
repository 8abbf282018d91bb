"""System checks run by every `jtai` command: a broken schedule is found at deploy time,
not when its first run is due."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_schedule(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from .scheduler import scheduled_jobs

    try:
        jobs = scheduled_jobs()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="jtai.E001")]
    errors: list[CheckMessage] = []
    for job in jobs:
        try:
            job.task()
        except (ImportError, ImproperlyConfigured) as error:
            errors.append(
                Error(f"JTAI_SCHEDULE[{job.name!r}]: {error}", id="jtai.E002", obj=job.task_path)
            )
    return errors
