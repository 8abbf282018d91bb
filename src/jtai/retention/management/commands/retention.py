from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jtai.accounts.models import User
from jtai.accounts.roles import Role

from ...services import access_log_preview, purge_expired, retention_preview


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items() if value)


class Command(BaseCommand):
    help = (
        "Delete child-level data and uploaded documents of inspections published longer "
        "ago than JTAI_RETENTION_DAYS, and access log events older than "
        "JTAI_ACCESS_LOG_RETENTION_DAYS. --preview lists what would go."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--preview", action="store_true", help="List what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            help="The administrator running it, recorded with each purge (default: the service).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = None
        if options["by"]:
            actor = User.objects.filter(
                email__iexact=options["by"], role=Role.ADMINISTRATOR, is_active=True
            ).first()
            if actor is None:
                raise CommandError(f"{options['by']} is not an active administrator's email.")
        now = timezone.now()
        if options["preview"]:
            plans = retention_preview(now=now)
            for plan in plans:
                published = timezone.localtime(plan.inspection.published_at)
                self.stdout.write(
                    f"{plan.inspection.reference} ({plan.inspection.area.name}, published "
                    f"{published:%-d %B %Y}): {_counts(plan.counts)}"
                )
            events = access_log_preview(now=now)
            if events:
                self.stdout.write(f"Access log: {events} events older than the log's retention")
            if not plans and not events:
                self.stdout.write("Nothing has reached the end of its retention period.")
            return
        report = purge_expired(actor=actor, now=now)
        for purge in report.purges:
            what = purge.inspection.reference if purge.inspection else "Access log"
            self.stdout.write(
                f"{what}: deleted {_counts(purge.counts)}; {purge.files_deleted} files"
            )
        for inspection, reason in report.failures:
            self.stderr.write(f"{inspection.reference}: not purged. {reason}")
        if not report.purges and not report.failures:
            self.stdout.write("Nothing has reached the end of its retention period.")
        if report.failures:
            raise CommandError(f"{len(report.failures)} inspections could not be purged.")
