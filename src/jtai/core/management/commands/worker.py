from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.core.scheduler import SchedulerThread, new_worker_id, scheduled_jobs, tick


class Command(BaseCommand):
    help = (
        "Run queued background tasks and the scheduled jobs (JTAI_SCHEDULE). Run as many "
        "workers as you like: each scheduled run is claimed by exactly one of them. Needs "
        "TASKS_BACKEND=django_tasks_db.DatabaseBackend."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls")
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Claim the scheduled runs due now, run the queue until it is empty, then stop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != "django_tasks_db.DatabaseBackend":
            raise CommandError(
                f"TASKS_BACKEND is {backend}: tasks already run inside the web process. "
                "Set TASKS_BACKEND=django_tasks_db.DatabaseBackend to run them in a worker."
            )
        scheduled_jobs()  # a mistake in JTAI_SCHEDULE stops the worker at once, not later
        worker_id = new_worker_id()
        # The first round runs before any task is taken, so this worker's heartbeat exists
        # before it can be seen running anything.
        tick(worker_id=worker_id)
        scheduler = None
        if not options["batch"]:
            scheduler = SchedulerThread(
                worker_id=worker_id, interval=settings.JTAI_WORKER_HEARTBEAT_SECONDS
            )
            scheduler.start()
        worker_args = ["--interval", str(options["interval"]), "--worker-id", worker_id]
        worker_args += ["--no-reload", "--batch"] if options["batch"] else ["--no-reload"]
        try:
            call_command("db_worker", *worker_args)
        finally:
            if scheduler is not None:
                scheduler.stopping.set()
