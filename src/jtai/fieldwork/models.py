"""The fieldwork week's timetable: subgroups, activities and the people in them.

A child is never named here: a conversation with a family is described by the case's
reference in the area's own records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class Subgroup(models.Model):
    """A cross-inspectorate subgroup of an inspection's team (about four people)."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="subgroups"
    )
    name = models.CharField(max_length=80)
    members = models.ManyToManyField(
        "inspections.TeamMember", related_name="fieldwork_subgroups", blank=True
    )

    class Meta:
        ordering = ("inspection", "name")
        constraints = [
            models.UniqueConstraint(fields=("inspection", "name"), name="unique_subgroup_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    CASE_TRACKING = "case_tracking", "Case-tracking discussion"
    PRACTITIONERS = "practitioners", "Interview with practitioners"
    MANAGERS = "managers", "Interview with managers"
    LEADERS = "leaders", "Interview with leaders"
    FAMILY = "family", "Conversation with children and families"
    STRATEGY_MEETING = "strategy_meeting", "Observation of a strategy meeting"
    CP_CONFERENCE = "cp_conference", "Observation of a child protection conference"
    PANEL = "panel", "Observation of a multi-agency panel"
    FRONT_DOOR = "front_door", "Visit to the front door or MASH"
    TEAM_MEETING = "team_meeting", "Daily team meeting"
    OTHER = "other", "Other"


# Kinds that are the inspectors' own business: the area never sees them.
INTERNAL_KINDS = frozenset({ActivityKind.TEAM_MEETING})


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed by the area"
    CANNOT_GO_AHEAD = "cannot_go_ahead", "Cannot go ahead"


class Activity(models.Model):
    """One thing on the fieldwork timetable: who, what, when and where."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    case_reference = models.CharField(
        max_length=40,
        blank=True,
        help_text="The area's case reference, for a case discussion or a family: never a name.",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField("room or place", max_length=200, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    inspectors = models.ManyToManyField(
        "inspections.TeamMember", related_name="activities", blank=True
    )
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    area_response = models.TextField(
        blank=True, help_text="Why the area says the activity cannot go ahead."
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    clash_override_reason = models.TextField(
        blank=True, help_text="Why the activity was kept despite a clash."
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        participants: RelatedManager[Participant]

    class Meta:
        ordering = ("starts_at", "ends_at", "id")
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=("inspection", "starts_at"))]
        constraints = [
            models.CheckConstraint(
                name="activity_ends_after_it_starts", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_internal(self) -> bool:
        """Whether only the inspectors see it (uses prefetched participants)."""
        return self.kind in INTERNAL_KINDS or not self.participants.all()


class Participant(models.Model):
    """An adult from one of the area's agencies taking part in an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    agency = models.ForeignKey("areas.Agency", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fieldwork_participations",
        help_text="The person's account, when they have one.",
    )

    class Meta:
        ordering = ("activity", "id")
        indexes = [models.Index(fields=("agency", "activity"))]

    def __str__(self) -> str:
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class CalendarFeed(models.Model):
    """A person's secret address for their own timetable in a calendar app, which cannot
    sign in: the token is the only credential, so it is long, random and resettable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class TimetableEventKind(models.TextChoices):
    ADDED = "added", "Activity added"
    CHANGED = "changed", "Activity changed"
    REMOVED = "removed", "Activity removed"
    CONFIRMED = "confirmed", "Confirmed by the area"
    CANNOT_GO_AHEAD = "cannot_go_ahead", "The area said it cannot go ahead"
    SUBGROUPS_CHANGED = "subgroups_changed", "Subgroups changed"
    FILLED = "filled", "Timetable filled"


class TimetableEvent(models.Model):
    """One change to an inspection's timetable; rows are only ever added."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="timetable_events"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=TimetableEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField()
    summary = models.CharField(max_length=300)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ("occurred_at", "id")

    def __str__(self) -> str:
        return self.summary
