from __future__ import annotations

from django.conf import settings
from django.db import models


class AccessKind(models.TextChoices):
    CHILD_DATA = "child_data", "Child-level data"
    DOCUMENT = "document", "Uploaded document"
    EMBARGOED_REPORT = "embargoed_report", "Embargoed report"


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
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    path = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-occurred_at", "-id")
        indexes = [models.Index(fields=("user", "occurred_at"))]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.description}"
