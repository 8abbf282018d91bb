"""Settings for worker processes started by the tests: the test settings, with tasks in the
database queue, emails written to files the test can count, fast heartbeats, and only the
scheduled jobs a test names (in JTAI_TEST_JOBS)."""

import os

from jtai.config.settings.test import *  # noqa: F403
from jtai.config.settings.test import JTAI_SCHEDULE

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = os.environ.get(
    "JTAI_TEST_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = os.environ["JTAI_TEST_MAIL_DIR"]
# One slot for the whole test: a run claimed twice would be a real duplicate, not an
# hour boundary passing during the test.
JTAI_SCHEDULE = {
    name: {**entry, "every_minutes": 10_000_000}
    for name, entry in JTAI_SCHEDULE.items()
    if name in os.environ.get("JTAI_TEST_JOBS", "").split(",")
}
