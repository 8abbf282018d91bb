"""An email backend that hangs on the first message any worker process tries to send, so a
test can kill that worker in the middle of a task. The first process to create the marker
file writes its pid there and sleeps; every other send goes through to files."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased
from django.core.mail.message import EmailMessage


class EmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        marker = Path(settings.EMAIL_FILE_PATH).parent / "stalled.pid"
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return super().send_messages(email_messages)
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        time.sleep(600)
        return 0
