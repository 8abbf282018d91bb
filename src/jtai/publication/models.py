"""Reports on their way to the public: the final letter under embargo, its publication at
a set moment, the area's written statement of action and action plan, and the thematic
overviews written across a theme's published inspections.

A report's text is stored as the :class:`jtai.letters.document.LetterDocument` JSON it had
when it was embargoed: what the public reads is exactly what the area's leaders were sent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jtai.letters.document import LetterDocument

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class ReportKind(models.TextChoices):
    INSPECTION = "inspection", "Inspection report"
    OVERVIEW = "overview", "Thematic overview"


class ReportStatus(models.TextChoices):
    EMBARGOED = "embargoed", "Embargoed"
    PUBLISHED = "published", "Published"


class Report(models.Model):
    """A final report: embargoed from the moment it is sent, public from ``publish_at``.

    The public sees a report once ``publish_at`` has passed, whether or not the
    publishing job has run yet: the job records the publication (status, inspection
    lifecycle, dates) but the moment itself is the clock's, so nothing is early and
    nothing waits for a worker."""

    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    inspection = models.OneToOneField(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report",
    )
    overview = models.OneToOneField(
        "ThematicOverview",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report",
    )
    # Copied from the inspection (or overview) so the public list filters without joins
    # through the inspection's private data.
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    theme = models.ForeignKey("programme.Theme", on_delete=models.PROTECT, related_name="reports")
    document = models.JSONField(help_text="The LetterDocument as sent under embargo.")
    search_text = models.TextField(blank=True, help_text="Title, area and text, for search.")
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.EMBARGOED
    )
    embargoed_at = models.DateTimeField()
    embargoed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publish_at = models.DateTimeField(db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the scheduled job published it.",
    )
    wsoa_due = models.DateField("written statement of action due", null=True, blank=True)
    leaders_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the area's leaders were emailed the report."
    )

    if TYPE_CHECKING:
        action_items: RelatedManager[ActionPlanItem]
        statement: WrittenStatement

    class Meta:
        ordering = ("-publish_at", "slug")
        indexes = [models.Index(fields=("status", "publish_at"))]
        constraints = [
            models.CheckConstraint(
                name="report_has_one_subject",
                condition=Q(kind="inspection", inspection__isnull=False, overview__isnull=True)
                | Q(kind="overview", inspection__isnull=True, overview__isnull=False),
            ),
            models.CheckConstraint(
                name="published_report_has_publication_time",
                condition=Q(status="embargoed") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Its address on the public site (found there only once it is public)."""
        name = "public:overview" if self.kind == ReportKind.OVERVIEW else "public:report"
        return reverse(name, args=[self.slug])

    @property
    def letter(self) -> LetterDocument:
        return LetterDocument.from_dict(self.document)

    def is_public_at(self, now: dt.datetime) -> bool:
        return self.publish_at <= now

    @property
    def is_public(self) -> bool:
        return self.is_public_at(timezone.now())


class WrittenStatement(models.Model):
    """The principal authority's written statement of action, as uploaded: a PDF or Word
    document stored like the information request's documents (under its checksum)."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="statement")
    filename = models.CharField(max_length=255)
    file_kind = models.CharField(max_length=8)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField("SHA-256", max_length=64)
    storage_name = models.CharField(max_length=255)
    scan_status = models.CharField(max_length=12)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.filename


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class ActionPlanItem(models.Model):
    """One action the area has committed to after its inspection."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="action_items")
    action = models.CharField(max_length=500)
    agency = models.ForeignKey("areas.Agency", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    # Raised on every save: an edit made from an older copy is refused, never lost.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("report", "due_on", "id")

    def __str__(self) -> str:
        return self.action


class OverviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    QUALITY_ASSURANCE = "quality_assurance", "With the QA manager"
    SIGNED_OFF = "signed_off", "Signed off"
    EMBARGOED = "embargoed", "Embargoed"


OVERVIEW_EDITABLE = frozenset({OverviewStatus.DRAFT})


class ThematicOverview(models.Model):
    """The report of the most significant findings across a theme's inspections,
    assembled from their published findings, edited, signed off by a QA manager and
    published through the same embargo as any report."""

    theme = models.ForeignKey("programme.Theme", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=OverviewStatus.choices, default=OverviewStatus.DRAFT
    )
    document = models.JSONField(help_text="A LetterDocument.")
    inspections = models.ManyToManyField(
        "inspections.Inspection", related_name="+", help_text="The inspections it draws on."
    )
    findings = models.JSONField(default=dict, help_text="The counts it was assembled from.")
    qa_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    signed_off_at = models.DateTimeField(null=True, blank=True)

    if TYPE_CHECKING:
        report: Report

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title

    @property
    def letter(self) -> LetterDocument:
        return LetterDocument.from_dict(self.document)
