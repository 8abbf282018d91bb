from django.contrib import admin
from django.http import HttpRequest

from .models import (
    BlackoutPeriod,
    ClosureDay,
    ConflictOfInterest,
    FrameworkVersion,
    InspectorProfile,
    ProgrammePlan,
    ProgrammeYear,
    RevisitQuota,
    TeamComposition,
    Theme,
    ThemeQuota,
    Unavailability,
)


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


# --- programme planning inputs -------------------------------------------------------------


class UnavailabilityInline(admin.TabularInline[Unavailability, InspectorProfile]):
    model = Unavailability
    extra = 0


class ConflictInline(admin.TabularInline[ConflictOfInterest, InspectorProfile]):
    model = ConflictOfInterest
    extra = 0
    autocomplete_fields = ("area",)


@admin.register(InspectorProfile)
class InspectorProfileAdmin(admin.ModelAdmin[InspectorProfile]):
    """An inspector's specialism, accreditation, home region and yearly maximum, with
    their leave and conflicts of interest: what the planner knows of them."""

    list_display = (
        "user",
        "specialism",
        "can_lead",
        "can_qa",
        "home_region",
        "max_inspections_per_year",
    )
    list_filter = ("user__inspectorate", "specialism", "can_lead", "can_qa", "home_region")
    search_fields = ("user__full_name", "user__email")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    inlines = (UnavailabilityInline, ConflictInline)


@admin.register(ThemeQuota)
class ThemeQuotaAdmin(admin.ModelAdmin[ThemeQuota]):
    list_display = ("programme_year", "theme", "inspection_type", "inspections", "window_start")
    list_filter = ("programme_year",)


@admin.register(RevisitQuota)
class RevisitQuotaAdmin(admin.ModelAdmin[RevisitQuota]):
    list_display = ("programme_year", "theme", "inspections")
    list_filter = ("programme_year",)
    filter_horizontal = ("areas",)


@admin.register(TeamComposition)
class TeamCompositionAdmin(admin.ModelAdmin[TeamComposition]):
    """Roles are edited as JSON and checked in full (model clean) with the planning
    package's own rules before they are saved."""

    list_display = ("framework", "inspection_type")


@admin.register(BlackoutPeriod)
class BlackoutPeriodAdmin(admin.ModelAdmin[BlackoutPeriod]):
    list_display = ("programme_year", "starts_on", "ends_on", "reason")
    list_filter = ("programme_year",)


@admin.register(ProgrammePlan)
class ProgrammePlanAdmin(admin.ModelAdmin[ProgrammePlan]):
    """Read-only: plans are made, published and accepted on the programme pages."""

    list_display = ("pk", "programme_year", "status", "solver_status", "objective", "created_at")
    list_filter = ("programme_year", "status")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ProgrammePlan | None = None) -> bool:
        return False
