"""Letters are imported with `jtai letters import`, never typed in: the administration site
shows them and lets an administrator remove one imported by mistake."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import PublishedLetter


@admin.register(PublishedLetter)
class PublishedLetterAdmin(admin.ModelAdmin[PublishedLetter]):
    list_display = ("area_name", "ons_code", "published", "theme", "source_name", "imported_at")
    list_filter = ("theme",)
    search_fields = ("area_name", "ons_code", "source_name", "sha256")
    date_hierarchy = "published"
    list_select_related = ("theme",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
