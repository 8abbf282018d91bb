"""Administrators keep each theme's evaluation criteria. Evidence and case tracking are
the inspectors' records: shown here, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import EvaluationCriterion, EvidenceNote, TrackingRecord


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(admin.ModelAdmin[EvaluationCriterion]):
    list_display = ("title", "theme", "inspection_type", "position", "is_active")
    list_filter = ("theme", "inspection_type", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("title", "description", "key")
    list_select_related = ("theme",)
    prepopulated_fields = {"key": ("title",)}


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EvidenceNote)
class EvidenceNoteAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "inspection", "criterion", "polarity", "author", "updated_at")
    list_filter = ("polarity",)
    search_fields = ("inspection__reference",)
    list_select_related = ("inspection", "criterion", "author")
    exclude = ("search_vector",)


@admin.register(TrackingRecord)
class TrackingRecordAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "inspection", "updated_by", "updated_at")
    search_fields = ("inspection__reference",)
    list_select_related = ("inspection", "selection", "updated_by")
