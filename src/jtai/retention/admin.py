"""Retention's records in the administration site, read-only: they are the record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import InspectionTally, Purge


class _ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Purge)
class PurgeAdmin(_ReadOnly):
    list_display = ("purged_at", "scope", "inspection", "purged_by", "files_deleted")
    list_filter = ("scope",)
    list_select_related = ("inspection", "purged_by")


@admin.register(InspectionTally)
class InspectionTallyAdmin(_ReadOnly):
    list_display = (
        "inspection",
        "children_listed",
        "children_chosen",
        "audits",
        "documents",
        "evidence_notes",
    )
    list_select_related = ("inspection",)
