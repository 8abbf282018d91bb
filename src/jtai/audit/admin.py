"""The access log in the administration site: searchable, never editable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin[AccessEvent]):
    list_display = ("occurred_at", "user", "kind", "action", "description", "ip_address")
    list_filter = ("kind", "action")
    search_fields = ("user__email", "description", "request_id", "inspection__reference")
    list_select_related = ("user", "inspection")
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
