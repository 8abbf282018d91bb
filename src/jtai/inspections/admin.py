from django.contrib import admin
from django.http import HttpRequest

from .models import Inspection, InspectionEvent


class EventInline(admin.TabularInline[InspectionEvent, Inspection]):
    """The history is append-only: shown here, never edited."""

    model = InspectionEvent
    extra = 0
    can_delete = False
    fields = ("occurred_at", "kind", "summary", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Inspection | None = None) -> bool:
        return False


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin[Inspection]):
    """Read-only here: inspections change only through the service's own steps, each of
    which checks the user's role and writes an event."""

    list_display = ("reference", "area", "theme", "status", "fieldwork_start")
    list_filter = ("status", "theme", "area__region")
    search_fields = ("reference", "area__name")
    inlines = (EventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inspection | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Inspection | None = None) -> bool:
        return False
