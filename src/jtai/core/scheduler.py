"""Scheduled jobs and worker recovery, run inside every `jtai worker` process.

Every worker runs the same small loop (a background thread beside django-tasks-db's own
worker loop), every `JTAI_WORKER_HEARTBEAT_SECONDS`:

1. **Heartbeat**: the worker updates its `WorkerHeartbeat` row.
2. **Recovery**: django-tasks-db marks a task RUNNING when a worker takes it and never
   looks at it again, so a worker killed mid-task would leave it RUNNING for ever. A
   RUNNING task whose worker has not beaten for `JTAI_WORKER_LOST_AFTER_SECONDS` is put
   back in the queue (or failed, after `JTAI_TASK_MAX_ATTEMPTS` lost workers, so a task
   that kills its worker cannot loop). The reset is a conditional UPDATE, so when several
   workers notice at once exactly one of them requeues it.
3. **Schedule**: for each job in `JTAI_SCHEDULE`, the worker inserts a `ScheduledRun` for
   the job's current due slot and enqueues the task in the same transaction. The unique
   (job, due_at) constraint lets one insert win; the others get an IntegrityError and
   move on. A slot missed while no worker ran is not made up: the jobs catch up by
   themselves (they act on everything due, not on the last interval).

The tasks themselves are idempotent, which covers the remaining window: a worker killed
after its task's work committed but before django-tasks-db recorded success."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from .models import ScheduledRun, WorkerHeartbeat
from .slots import due_slot

logger = logging.getLogger(__name__)

# How long claimed runs and the heartbeats of stopped workers are kept, for inspection.
HISTORY = dt.timedelta(days=30)
LOST_WORKER_ERROR = "jtai.core.scheduler.WorkerLost"


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str
    every: dt.timedelta

    def task(self) -> Task[[], Any]:
        task = import_string(self.task_path)
        if not isinstance(task, Task):
            raise ImproperlyConfigured(
                f"JTAI_SCHEDULE[{self.name!r}]: {self.task_path} is not a task."
            )
        return task


def scheduled_jobs() -> list[Job]:
    """The jobs in settings.JTAI_SCHEDULE, checked."""
    jobs = []
    for name, entry in getattr(settings, "JTAI_SCHEDULE", {}).items():
        task_path = entry.get("task")
        minutes = entry.get("every_minutes")
        if not isinstance(task_path, str) or not task_path:
            raise ImproperlyConfigured(f"JTAI_SCHEDULE[{name!r}] needs a 'task' dotted path.")
        if not isinstance(minutes, int) or minutes <= 0:
            raise ImproperlyConfigured(
                f"JTAI_SCHEDULE[{name!r}]['every_minutes'] must be a whole number above 0."
            )
        jobs.append(Job(name=name, task_path=task_path, every=dt.timedelta(minutes=minutes)))
    return jobs


def new_worker_id() -> str:
    # django-tasks-db stores worker ids in 64 characters.
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


def beat(*, worker_id: str, now: dt.datetime) -> None:
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            last_seen_at=now,
        )


def recover_abandoned_tasks(*, now: dt.datetime) -> int:
    """Requeue the tasks whose worker died while running them; returns how many."""
    lost_after = dt.timedelta(seconds=settings.JTAI_WORKER_LOST_AFTER_SECONDS)
    cutoff = now - lost_after
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    recovered = 0
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).only("id", "worker_ids", "started_at", "task_path")
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        # Matching on started_at makes this a compare-and-set: if another worker requeued
        # the task first, or it has been claimed again since, nothing changes here.
        claimed = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids) >= settings.JTAI_TASK_MAX_ATTEMPTS:
            changed = claimed.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST_WORKER_ERROR,
                traceback=f"The worker running this task stopped {len(result.worker_ids)} "
                "times; it is not tried again.",
            )
            if changed:
                logger.error("Task %s %s failed: its workers died", result.pk, result.task_path)
            continue
        changed = claimed.update(status=TaskResultStatus.READY, started_at=None)
        if changed:
            logger.warning(
                "Task %s %s requeued: worker %s stopped while running it",
                result.pk,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "unknown",
            )
        recovered += changed
    return recovered


def claim_due_runs(*, worker_id: str, now: dt.datetime) -> list[ScheduledRun]:
    """Claim and enqueue every scheduled run due at `now` that no worker has claimed yet."""
    claimed = []
    for job in scheduled_jobs():
        slot = due_slot(now, job.every)
        if ScheduledRun.objects.filter(job=job.name, due_at=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    job=job.name, due_at=slot, claimed_at=now, claimed_by=worker_id
                )
                result = job.task().enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker claimed this run first
        except Exception:
            # One broken job (a task path that no longer imports) must not stop the others.
            logger.exception("Scheduled job %s could not be queued", job.name)
            continue
        logger.info("Scheduled run %s claimed: task %s queued", run, run.task_result_id)
        claimed.append(run)
    return claimed


def forget_old_history(*, now: dt.datetime) -> None:
    for job in scheduled_jobs():
        # The current slot's row is the claim itself: it stays however old the slot is.
        keep_from = min(due_slot(now, job.every), now - HISTORY)
        ScheduledRun.objects.filter(job=job.name, due_at__lt=keep_from).delete()
    WorkerHeartbeat.objects.filter(last_seen_at__lt=now - HISTORY).delete()


def tick(*, worker_id: str, now: dt.datetime | None = None) -> list[ScheduledRun]:
    """One round of the worker's housekeeping: heartbeat, recovery, then the schedule."""
    now = now or timezone.now()
    beat(worker_id=worker_id, now=now)
    recover_abandoned_tasks(now=now)
    claimed = claim_due_runs(worker_id=worker_id, now=now)
    forget_old_history(now=now)
    return claimed


class SchedulerThread(threading.Thread):
    """Runs `tick` every heartbeat interval beside the task loop. It is a daemon: it ends
    with the worker process, and a process that dies stops beating, which is the point."""

    def __init__(self, *, worker_id: str, interval: float) -> None:
        super().__init__(name="jtai-scheduler", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while True:
            try:
                close_old_connections()
                tick(worker_id=self.worker_id)
            except Exception:
                # A database blip must not stop the heartbeat for good; the next round
                # tries again.
                logger.exception("Scheduler round failed")
            finally:
                connection.close()
            if self.stopping.wait(self.interval):
                return
