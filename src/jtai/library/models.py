"""Published JTAI findings letters and their sections.

A letter is identified by the SHA-256 of its PDF: importing the same file again finds it
and changes nothing. The PDF itself is kept in Django's default storage and only ever
served through a permission-checked view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from jtai.accounts.models import InspectorateCode

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

INSPECTORATE_NAMES = {
    InspectorateCode.OFSTED.value: "Ofsted",
    InspectorateCode.CQC.value: "CQC",
    InspectorateCode.HMICFRS.value: "HMICFRS",
    InspectorateCode.HMIP.value: "HMI Probation",
}


class PublishedLetter(models.Model):
    """One published JTAI findings letter, as read from its PDF."""

    # The area the letter is about. Empty for an authority that no longer exists (such as
    # Northamptonshire): ``area_name`` and ``ons_code`` still say what the letter named,
    # and ``former_area_note`` what became of it.
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_letters",
    )
    ons_code = models.CharField(max_length=9, db_index=True)
    area_name = models.CharField(max_length=100)
    former_area_note = models.CharField(max_length=300, blank=True)
    # Empty when the letter's theme could not be recognised.
    theme = models.ForeignKey(
        "programme.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_letters",
    )
    title = models.CharField(max_length=400)
    letter_date = models.DateField()
    published = models.DateField(help_text="Publication date; the letter date when not known.")
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    inspectorates = models.JSONField(default=list, help_text="Inspectorate codes, e.g. ofsted.")
    wsoa_due = models.DateField("written statement of action due", null=True, blank=True)
    principal_authority = models.CharField(max_length=200, blank=True)
    reader_notes = models.CharField(
        max_length=500, blank=True, help_text="What the reader could not find in the letter."
    )
    source_name = models.CharField("file name", max_length=255)
    sha256 = models.CharField("SHA-256 of the PDF", max_length=64, unique=True)
    pdf = models.FileField(upload_to="library/letters/", max_length=200)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    if TYPE_CHECKING:
        sections: RelatedManager[LetterSection]

    class Meta:
        ordering = ("-published", "area_name")
        indexes = [
            models.Index(fields=("published", "area_name")),
            models.Index(fields=("area", "published")),
        ]
        constraints = [
            # The same letter in two files (re-downloaded, renamed) would list it twice.
            models.UniqueConstraint(
                fields=("ons_code", "letter_date"), name="one_letter_per_area_and_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_name}, {self.letter_date.day} {self.letter_date:%B %Y}"

    @property
    def fieldwork(self) -> str:
        """The fieldwork dates as a person writes them: "22 to 26 May 2023"."""
        start, end = self.fieldwork_start, self.fieldwork_end
        if start is None or end is None:
            day = start or end
            return f"{day.day} {day:%B %Y}" if day else ""
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {end.day} {end:%B %Y}"
        if start.year == end.year:
            return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"

    @property
    def inspectorate_names(self) -> list[str]:
        return [INSPECTORATE_NAMES.get(code, code) for code in self.inspectorates]

    @property
    def region(self) -> str:
        return self.area.region if self.area_id and self.area else ""


class LetterSection(models.Model):
    """One headed section of a letter, in letter order ("introduction" comes first)."""

    letter = models.ForeignKey(PublishedLetter, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    heading = models.CharField(max_length=400)
    text = models.TextField(blank=True)

    if TYPE_CHECKING:
        passages: RelatedManager[LetterPassage]

    class Meta:
        ordering = ("letter", "position")
        indexes = [models.Index(fields=("key",))]
        constraints = [
            models.UniqueConstraint(fields=("letter", "position"), name="unique_section_position"),
        ]

    def __str__(self) -> str:
        return f"{self.letter}: {self.heading}"


class LetterPassage(models.Model):
    """One paragraph or bullet point of a section: what a search finds and shows."""

    section = models.ForeignKey(LetterSection, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    # Filled on PostgreSQL only (English full-text search, GIN-indexed by a migration);
    # other databases search the text itself.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ("section", "position")
        constraints = [
            models.UniqueConstraint(fields=("section", "position"), name="unique_passage_position"),
        ]

    def __str__(self) -> str:
        return f"{self.section}, passage {self.position}"
