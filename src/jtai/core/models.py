"""Bookkeeping for the background workers: which scheduled runs have been claimed, and
which worker processes are alive."""

from __future__ import annotations

from django.db import models


class ScheduledRun(models.Model):
    """One due run of one scheduled job. The unique (job, due_at) pair is the claim: the
    worker whose insert succeeds enqueues the task, in the same transaction, so each run is
    enqueued exactly once however many workers look at the schedule."""

    job = models.CharField(max_length=100)
    due_at = models.DateTimeField()
    claimed_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=64)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-due_at", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_run_once_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} due {self.due_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """A worker process proves it is alive by updating its row every few seconds. A task
    left running by a worker whose heartbeat stopped was abandoned (the process died) and
    is put back in the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
