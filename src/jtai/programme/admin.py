from django.contrib import admin

from .models import ClosureDay, FrameworkVersion, ProgrammeYear, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ("name", "key", "years", "is_front_door", "is_active")
    list_filter = ("is_active", "is_front_door")
    search_fields = ("name", "key")


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin[FrameworkVersion]):
    """Rules are edited as JSON and checked in full (model clean) before they are saved:
    offsets that go backwards, unknown anchors or inspectorates are refused by name."""

    list_display = ("key", "title", "is_current")


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin[ClosureDay]):
    list_display = ("date", "reason")


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin[ProgrammeYear]):
    list_display = ("label", "starts_on", "ends_on")
