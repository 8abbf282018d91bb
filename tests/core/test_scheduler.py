"""The scheduler's rules in one process: due slots, claiming each run once, requeueing the
tasks of dead workers. tests/core/test_workers.py shows the same with real processes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from jtai.core.models import ScheduledRun
from jtai.core.scheduler import beat, claim_due_runs, recover_abandoned_tasks, scheduled_jobs, tick
from jtai.core.slots import due_slot, next_slot

UTC = dt.UTC
REMINDERS = {
    "send_reminders": {
        "task": "jtai.inspections.tasks.send_due_reminders_task",
        "every_minutes": 60,
    }
}


@given(
    now=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    minutes=st.integers(min_value=1, max_value=60 * 24 * 7),
)
def test_the_due_slot_is_the_last_boundary_at_or_before_now(now: dt.datetime, minutes: int) -> None:
    every = dt.timedelta(minutes=minutes)
    slot = due_slot(now, every)
    assert slot <= now < next_slot(now, every)
    assert due_slot(slot, every) == slot
    # The same moment in another time zone is the same slot.
    london = now.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert due_slot(london, every) == slot


def test_slots_refuse_naive_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_slot(dt.datetime(2026, 5, 1, 9, 0), dt.timedelta(minutes=5))  # noqa: DTZ001


@pytest.fixture
def queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.JTAI_SCHEDULE = REMINDERS
    settings.JTAI_WORKER_LOST_AFTER_SECONDS = 60
    settings.JTAI_TASK_MAX_ATTEMPTS = 3


def test_each_due_run_is_claimed_once(db: None, queue: None) -> None:
    nine = dt.datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    first = claim_due_runs(worker_id="worker-a", now=nine + dt.timedelta(minutes=1))
    again = claim_due_runs(worker_id="worker-b", now=nine + dt.timedelta(minutes=2))
    later = claim_due_runs(worker_id="worker-b", now=nine + dt.timedelta(minutes=61))

    assert [(r.job, r.due_at, r.claimed_by) for r in first] == [
        ("send_reminders", nine, "worker-a")
    ]
    assert again == []
    assert [r.due_at for r in later] == [nine + dt.timedelta(hours=1)]
    queued = DBTaskResult.objects.filter(task_path="jtai.inspections.tasks.send_due_reminders_task")
    assert queued.count() == 2
    assert {str(r.pk) for r in queued} == {r.task_result_id for r in ScheduledRun.objects.all()}


def test_a_job_that_cannot_be_queued_does_not_stop_the_others(
    db: None, queue: None, settings: Any
) -> None:
    settings.JTAI_SCHEDULE = {
        "gone": {"task": "jtai.nowhere.tasks.vanished", "every_minutes": 5},
        **REMINDERS,
    }
    claimed = claim_due_runs(worker_id="w", now=dt.datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    assert [r.job for r in claimed] == ["send_reminders"]
    assert not ScheduledRun.objects.filter(job="gone").exists()


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"x": {"every_minutes": 5}}, "needs a 'task'"),
        ({"x": {"task": "a.b", "every_minutes": 0}}, "whole number above 0"),
        ({"x": {"task": "a.b", "every_minutes": "5"}}, "whole number above 0"),
    ],
)
def test_a_malformed_schedule_is_refused(
    settings: Any, schedule: dict[str, Any], message: str
) -> None:
    settings.JTAI_SCHEDULE = schedule
    with pytest.raises(ImproperlyConfigured, match=message):
        scheduled_jobs()


def test_the_system_check_names_a_task_that_does_not_import(settings: Any) -> None:
    settings.JTAI_SCHEDULE = {"gone": {"task": "jtai.nowhere.tasks.vanished", "every_minutes": 5}}
    errors = [e for e in run_checks() if e.id == "jtai.E002"]
    assert len(errors) == 1
    assert "gone" in errors[0].msg


def test_the_configured_schedule_passes_its_checks() -> None:
    assert not [e for e in run_checks() if e.id.startswith("jtai.E")]
    assert "send_reminders" in {job.name for job in scheduled_jobs()}


def _running(worker_ids: list[str], started_at: dt.datetime) -> DBTaskResult:  # type: ignore[type-arg]
    from jtai.inspections.tasks import send_due_reminders_task

    result = send_due_reminders_task.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started_at
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_left_running_by_a_dead_worker_is_requeued_once(db: None, queue: None) -> None:
    now = dt.datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    beat(worker_id="alive", now=now - dt.timedelta(seconds=5))
    beat(worker_id="dead", now=now - dt.timedelta(minutes=5))
    minutes_ago = now - dt.timedelta(minutes=4)
    busy = _running(["alive"], minutes_ago)
    abandoned = _running(["dead"], minutes_ago)
    just_taken = _running(["unknown"], now - dt.timedelta(seconds=10))

    assert recover_abandoned_tasks(now=now) == 1
    assert recover_abandoned_tasks(now=now) == 0  # a second worker finds nothing to do

    statuses = {
        pk: DBTaskResult.objects.get(pk=pk).status for pk in (busy.pk, abandoned.pk, just_taken.pk)
    }
    assert statuses == {
        busy.pk: TaskResultStatus.RUNNING,
        abandoned.pk: TaskResultStatus.READY,
        just_taken.pk: TaskResultStatus.RUNNING,  # too recent to judge
    }


def test_a_task_that_keeps_losing_its_worker_fails(db: None, queue: None) -> None:
    now = dt.datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    doomed = _running(["w1", "w2", "w3"], now - dt.timedelta(minutes=5))
    assert recover_abandoned_tasks(now=now) == 0
    doomed.refresh_from_db()
    assert doomed.status == TaskResultStatus.FAILED
    assert doomed.exception_class_path == "jtai.core.scheduler.WorkerLost"


def test_a_round_beats_recovers_and_schedules(db: None, queue: None) -> None:
    now = dt.datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    claimed = tick(worker_id="w", now=now)
    assert [r.job for r in claimed] == ["send_reminders"]
    assert tick(worker_id="w", now=now + dt.timedelta(seconds=10)) == []


def test_old_runs_are_forgotten_but_never_the_current_slots_claim(
    db: None, queue: None, settings: Any
) -> None:
    settings.JTAI_SCHEDULE = {
        **REMINDERS,
        "yearly": {
            "task": "jtai.inspections.tasks.send_due_reminders_task",
            "every_minutes": 525600,
        },
    }
    start = dt.datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
    tick(worker_id="w", now=start)
    later = start + dt.timedelta(days=45)
    tick(worker_id="w", now=later)
    kept = sorted((r.job, r.due_at) for r in ScheduledRun.objects.all())
    # The hourly job's January run is gone; the yearly job's current claim stays, however
    # old, or the same slot would be claimed again.
    assert kept == [
        ("send_reminders", due_slot(later, dt.timedelta(hours=1))),
        ("yearly", due_slot(start, dt.timedelta(minutes=525600))),
    ]
