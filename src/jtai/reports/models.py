"""The findings letter of one inspection, from the team's first draft to the text handed
to publication.

A letter is a list of sections under the framework version's headings. Every save of a
section is kept as a numbered version (who, when, what), so nothing drafted is ever lost
and any two versions can be compared. The text sent to the area for the factual accuracy
check is frozen as a :class:`jtai.letters.document.LetterDocument` snapshot, because the
area's comments point at its numbered paragraphs; the final letter is another snapshot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    import datetime as dt

    from django.db.models.fields.related_descriptors import RelatedManager


class Letter(models.Model):
    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="letter"
    )
    title = models.CharField(max_length=300)
    addressees: models.JSONField[Any, Any] = models.JSONField(default=list)
    # [{"name", "title", "inspectorate"}], one per inspectorate on the inspection.
    signatories: models.JSONField[Any, Any] = models.JSONField(default=list)
    # Saves of the addressees and signatories; a save from an older version is refused.
    details_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Quality assurance: set by the QA manager, cleared by any later edit or a return.
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The draft as sent to the area: the text the factual accuracy comments point at.
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_document: models.JSONField[Any, Any] = models.JSONField(null=True, blank=True)
    accuracy_due = models.DateField(null=True, blank=True)
    accuracy_extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    accuracy_submitted_at = models.DateTimeField(null=True, blank=True)
    accuracy_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    final_document: models.JSONField[Any, Any] = models.JSONField(null=True, blank=True)

    if TYPE_CHECKING:
        sections: RelatedManager[Section]
        accuracy_comments: RelatedManager[AccuracyComment]

    def __str__(self) -> str:
        return self.title

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def accuracy_deadline(self) -> dt.date | None:
        return self.accuracy_extended_to or self.accuracy_due


class Section(models.Model):
    """One heading of the letter and its current text."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=60)
    heading = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()
    required = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0, help_text="The latest version's number.")
    # The evidence notes the starting text was drawn from, as they read then:
    # [{"note", "criterion", "agency", "polarity", "text"}]. Kept with the section so the
    # letter stays traceable even if a note is edited afterwards.
    evidence: models.JSONField[Any, Any] = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    if TYPE_CHECKING:
        versions: RelatedManager[SectionVersion]
        qa_comments: RelatedManager[QAComment]

    class Meta:
        ordering = ("letter", "position")
        constraints = [
            models.UniqueConstraint(fields=("letter", "key"), name="one_section_per_heading"),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


class SectionVersion(models.Model):
    """One saved text of a section. Rows are only ever added."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("section", "-number")
        constraints = [
            models.UniqueConstraint(fields=("section", "number"), name="one_section_version"),
        ]

    def __str__(self) -> str:
        return f"{self.section} version {self.number}"


class QAComment(models.Model):
    """The QA manager's comment on a section: for the team, never for the area."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="qa_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("section", "created_at", "id")
        verbose_name = "QA comment"

    def __str__(self) -> str:
        return f"QA comment on {self.section}"


class CommentStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUBMITTED = "submitted", "Waiting for the inspectors"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Not accepted"


# What the inspectors see: the area's comments once the coordinator has submitted them.
SUBMITTED_STATUSES = frozenset(
    {CommentStatus.SUBMITTED, CommentStatus.ACCEPTED, CommentStatus.REJECTED}
)
ANSWERED_STATUSES = frozenset({CommentStatus.ACCEPTED, CommentStatus.REJECTED})


class AccuracyComment(models.Model):
    """An area's factual accuracy comment on one numbered paragraph of the sent draft."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="accuracy_comments")
    paragraph = models.PositiveIntegerField()
    section_key = models.SlugField(max_length=60)
    paragraph_text = models.TextField(help_text="The paragraph as sent.")
    agency = models.ForeignKey(
        "areas.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accuracy_comments",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    status = models.CharField(
        max_length=12, choices=CommentStatus.choices, default=CommentStatus.PROPOSED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("letter", "paragraph", "created_at", "id")
        indexes = [models.Index(fields=("letter", "status"))]

    def __str__(self) -> str:
        return f"Comment on paragraph {self.paragraph}"

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED_STATUSES
