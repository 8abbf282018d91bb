"""Administration of audit templates (themes are data, and so are their audits' questions).
Children's case data is not in the administration site: it is reached only through the
pages that check who may see it."""

from django.contrib import admin

from .models import AuditQuestion, AuditTemplate


class AuditQuestionInline(admin.TabularInline[AuditQuestion, AuditTemplate]):
    model = AuditQuestion
    extra = 1
    fields = ("order", "key", "agency_kind", "text", "hint")


@admin.register(AuditTemplate)
class AuditTemplateAdmin(admin.ModelAdmin[AuditTemplate]):
    list_display = ("title", "theme")
    inlines = (AuditQuestionInline,)
