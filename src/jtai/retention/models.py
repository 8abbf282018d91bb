"""What retention leaves behind once an inspection's child-level data has gone: anonymous
counts per inspection, and a record of every purge."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

# The counts every inspection keeps (other keys a purger reports go in ``other_counts``).
TALLY_FIELDS = ("children_listed", "children_chosen", "audits", "documents", "evidence_notes")


class InspectionTally(models.Model):
    """How much child-level data an inspection held, counted when it was purged: enough
    for statistics and the record, nothing about any child."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="tally"
    )
    children_listed = models.PositiveIntegerField(default=0)
    children_chosen = models.PositiveIntegerField(default=0)
    audits = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    evidence_notes = models.PositiveIntegerField(default=0)
    other_counts: models.JSONField[Any, Any] = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "inspection tallies"

    def __str__(self) -> str:
        return f"Counts kept for {self.inspection}"


class Purge(models.Model):
    """One deletion of data that had reached the end of its retention period."""

    class Scope(models.TextChoices):
        INSPECTION = "inspection", "An inspection's child-level data"
        ACCESS_LOG = "access_log", "Old access log events"

    scope = models.CharField(max_length=12, choices=Scope.choices)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="purges",
    )
    purged_at = models.DateTimeField()
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the service's scheduled job did it.",
    )
    cutoff = models.DateTimeField(help_text="Data published or logged before this went.")
    counts: models.JSONField[Any, Any] = models.JSONField(
        default=dict, help_text="How many of each kind of record were deleted."
    )
    files_deleted = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-purged_at", "-id")

    def __str__(self) -> str:
        who = self.purged_by or "the service"
        return f"{self.get_scope_display()} purged by {who} on {self.purged_at:%Y-%m-%d}"
