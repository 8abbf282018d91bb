from django.contrib import admin

from .models import Agency, Area


class AgencyInline(admin.TabularInline[Agency, Area]):
    model = Agency
    extra = 0


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ("name", "ons_code", "region", "authority_type", "population_0_25")
    list_filter = ("region", "authority_type")
    search_fields = ("name", "ons_code")
    inlines = (AgencyInline,)
