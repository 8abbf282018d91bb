"""Evidence recorded during fieldwork against the theme's evaluation criteria, and the
inspectors' case tracking of the children chosen for audit.

The findings letter is written from these rows: a note's criterion, polarity, agencies
and inspection are plain fields so that strengths and areas for improvement can be
pulled by criterion and agency. A child is only ever the area's case reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from jtai.programme.models import InspectionType

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

    from jtai.areas.models import Agency


class EvaluationCriterion(models.Model):
    """What inspectors evaluate for a theme (and, optionally, only one inspection type):
    data an administrator keeps, like the theme itself."""

    theme = models.ForeignKey(
        "programme.Theme", on_delete=models.CASCADE, related_name="evaluation_criteria"
    )
    inspection_type = models.CharField(
        max_length=16,
        choices=InspectionType.choices,
        blank=True,
        help_text="Leave empty for every type of inspection of the theme (thematic, revisit).",
    )
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    is_active = models.BooleanField(default=True, help_text="Offered for new evidence.")

    class Meta:
        ordering = ("theme", "position", "id")
        verbose_name = "evaluation criterion"
        verbose_name_plural = "evaluation criteria"
        constraints = [
            models.UniqueConstraint(
                fields=("theme", "inspection_type", "key"), name="unique_criterion_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Polarity(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "improvement", "Area for improvement"
    CONTEXT = "context", "Context"


class SourceKind(models.TextChoices):
    ACTIVITY = "activity", "Fieldwork activity"
    CHILD = "child", "Tracked child's case"
    DOCUMENT = "document", "Document from the information request"


class EvidenceNote(models.Model):
    """One piece of evidence: what an inspector saw, heard or read, judged against one
    criterion, about one or more of the area's agencies, from one source. ``version``
    goes up with every save; a save made from an older version is refused."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="evidence_notes"
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, on_delete=models.PROTECT, related_name="evidence_notes"
    )
    polarity = models.CharField(max_length=12, choices=Polarity.choices)
    text = models.TextField()
    agencies = models.ManyToManyField("areas.Agency", related_name="evidence_notes")
    is_key = models.BooleanField(
        "key finding",
        default=False,
        help_text="To be given in the feedback to the partnership on the Friday.",
    )
    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    activity = models.ForeignKey(
        "fieldwork.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_notes",
    )
    child = models.ForeignKey(
        "cases.SelectedChild",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_notes",
    )
    document = models.ForeignKey(
        "information.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_notes"
    )
    created_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    # Filled on PostgreSQL only (English full-text search, GIN-indexed by a migration);
    # other databases search the text itself.
    search_vector = SearchVectorField(null=True, editable=False)

    if TYPE_CHECKING:
        versions: RelatedManager[EvidenceNoteVersion]
        agencies: RelatedManager[Agency]  # type: ignore[no-redef]

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("inspection", "-created_at"), name="evidence_newest"),
            models.Index(fields=("inspection", "criterion", "polarity"), name="evidence_by_crit"),
        ]
        constraints = [
            models.CheckConstraint(
                name="evidence_note_has_its_source",
                condition=(
                    Q(
                        source_kind="activity",
                        activity__isnull=False,
                        child__isnull=True,
                        document__isnull=True,
                    )
                    | Q(
                        source_kind="child",
                        child__isnull=False,
                        activity__isnull=True,
                        document__isnull=True,
                    )
                    | Q(
                        source_kind="document",
                        document__isnull=False,
                        activity__isnull=True,
                        child__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_polarity_display()}: {self.text[:60]}"


class EvidenceNoteVersion(models.Model):
    """A note as one save left it, with who saved it and what they changed. Rows are only
    ever added: together they are the note's history."""

    note = models.ForeignKey(EvidenceNote, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField()
    # The note's fields as words (criterion title, agency names, source description), so
    # the history reads the same even after a criterion or agency is renamed.
    snapshot: models.JSONField[Any, Any] = models.JSONField(default=dict)
    changed: models.JSONField[Any, Any] = models.JSONField(
        default=list, help_text="The labels of the fields this save changed."
    )

    class Meta:
        ordering = ("note", "-version")
        constraints = [
            models.UniqueConstraint(fields=("note", "version"), name="unique_note_version"),
        ]

    def __str__(self) -> str:
        return f"Version {self.version} of note {self.note_id}"


class TrackingRecord(models.Model):
    """The inspectors' case tracking of one chosen child: the child's experience, and the
    quality of each agency's practice. ``version`` guards against silent overwrites."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="tracking_records"
    )
    selection = models.OneToOneField(
        "cases.SelectedChild", on_delete=models.PROTECT, related_name="tracking"
    )
    experience = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    if TYPE_CHECKING:
        judgements: RelatedManager[AgencyJudgement]

    class Meta:
        ordering = ("inspection", "selection__case_reference")

    def __str__(self) -> str:
        return f"Case tracking of {self.selection.case_reference}"


class PracticeQuality(models.TextChoices):
    EFFECTIVE = "effective", "Effective"
    MIXED = "mixed", "Mixed: some effective practice"
    INEFFECTIVE = "ineffective", "Not effective enough"


class AgencyJudgement(models.Model):
    """How well one agency's practice served the tracked child."""

    record = models.ForeignKey(TrackingRecord, on_delete=models.CASCADE, related_name="judgements")
    agency = models.ForeignKey("areas.Agency", on_delete=models.PROTECT, related_name="+")
    quality = models.CharField(max_length=12, choices=PracticeQuality.choices)
    note = models.TextField(max_length=1000)

    class Meta:
        ordering = ("record", "agency__kind", "agency__name")
        constraints = [
            models.UniqueConstraint(fields=("record", "agency"), name="one_judgement_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_quality_display()}"
