"""The access log: one row for every view or download of sensitive data.

It is evidence of who saw what, so it is append-only: the model and its queryset refuse
updates and deletes, the administration site shows it read-only, and on PostgreSQL a
trigger refuses UPDATE and DELETE on the table itself (migration 0004). The one
exception is retention's purge of events older than ``JTAI_ACCESS_LOG_RETENTION_DAYS``,
which goes through :meth:`AccessEventQuerySet.purge_older_than`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import connection, models, transaction


class AppendOnlyError(Exception):
    """Someone tried to change or delete an access event."""

    def __init__(self) -> None:
        super().__init__("The access log is append-only: its events are never changed or deleted.")


class AccessKind(models.TextChoices):
    CHILD_DATA = "child_data", "Child-level data"
    DOCUMENT = "document", "Uploaded document"
    EMBARGOED_REPORT = "embargoed_report", "Embargoed report"
    ACCESS_LOG = "access_log", "The access log itself"


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded"


# The PostgreSQL trigger lets a DELETE through only inside a transaction that set this.
PURGE_SETTING = "jtai.access_log_purge"


class AccessEventQuerySet(models.QuerySet["AccessEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        """Delete events that happened before ``cutoff``: retention's job only. The caller
        runs it in a transaction and records the purge."""
        doomed = AccessEvent.objects.filter(occurred_at__lt=cutoff)
        if connection.vendor != "postgresql":
            # _raw_delete: nothing refers to access events, so no cascade is needed.
            return doomed._raw_delete(doomed.db)
        with transaction.atomic(), connection.cursor() as cursor:
            # Local to the transaction, and switched off again at once: nothing else
            # that runs later in the same transaction may delete events.
            cursor.execute("SELECT set_config(%s, 'on', true)", [PURGE_SETTING])
            try:
                return doomed._raw_delete(doomed.db)
            finally:
                cursor.execute("SELECT set_config(%s, 'off', true)", [PURGE_SETTING])


class AccessEvent(models.Model):
    """One view or download of sensitive data: who, what, when and from where. Rows are
    only ever added; nothing in the service edits or deletes them."""

    occurred_at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events"
    )
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    action = models.CharField(max_length=20, help_text="view or download")
    description = models.CharField(max_length=300)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        # An inspection somebody looked into is evidence too: it cannot be deleted from
        # under its log (SET_NULL would be an UPDATE the log refuses anyway).
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What was seen, as "app_label.model" and its id: not a foreign key, so the log
    # outlives the data when retention deletes it.
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True, help_text="What a page of several records showed.")
    path = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects: ClassVar[AccessEventQuerySet] = AccessEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [
            models.Index(fields=("user", "occurred_at")),
            models.Index(fields=("inspection", "occurred_at")),
            models.Index(fields=("object_type", "object_id")),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.description}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError
