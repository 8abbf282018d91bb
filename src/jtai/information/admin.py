"""Administrators keep the information request templates (Annex A) for each theme.
Requests sent and documents uploaded are records: shown here, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Document, InformationItem, RequestTemplateItem


@admin.register(RequestTemplateItem)
class RequestTemplateItemAdmin(admin.ModelAdmin[RequestTemplateItem]):
    list_display = ("title", "theme", "agency_kind", "due_working_days", "position", "is_active")
    list_filter = ("theme", "agency_kind", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("title", "description")
    list_select_related = ("theme",)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InformationItem)
class InformationItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "inspection", "agency", "due_on", "status")
    list_filter = ("status",)
    search_fields = ("title", "inspection__reference", "agency__name")
    list_select_related = ("inspection", "agency")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = (
        "filename",
        "version",
        "item",
        "file_kind",
        "size",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("file_kind", "scan_status")
    search_fields = ("filename", "sha256", "item__inspection__reference")
    list_select_related = ("item", "uploaded_by")
