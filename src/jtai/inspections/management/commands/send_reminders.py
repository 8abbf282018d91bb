from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jtai.inspections.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send today's reminder emails about key dates (safe to run more than once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
