from django.contrib import admin
from django.urls import include, path

from jtai.api.urls import api

admin.site.site_header = "jtai administration"
admin.site.site_title = "jtai administration"

urlpatterns = [
    path("", include("jtai.core.urls")),
    path("account/", include("jtai.accounts.urls")),
    path("areas/", include("jtai.areas.urls")),
    path("inspections/", include("jtai.inspections.urls")),
    path("inspections/<str:reference>/information/", include("jtai.information.urls")),
    path("inspections/<str:reference>/cases/", include("jtai.cases.urls")),
    path("inspections/<str:reference>/evidence/", include("jtai.evidence.urls")),
    path("inspections/<str:reference>/tracking/", include("jtai.evidence.tracking_urls")),
    path("inspections/<str:reference>/timetable/", include("jtai.fieldwork.urls")),
    path("calendar/", include("jtai.fieldwork.calendar_urls")),
    path("inspections/<str:reference>/letter/", include("jtai.reports.urls")),
    path("inspections/<str:reference>/report/", include("jtai.publication.urls")),
    path("reports/", include("jtai.publication.public_urls")),
    path("programme/overviews/", include("jtai.publication.overview_urls")),
    path("library/", include("jtai.library.urls")),
    path("programme/", include("jtai.programme.urls")),
    path("access-log/", include("jtai.audit.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "jtai.core.views.bad_request"
handler403 = "jtai.core.views.permission_denied"
handler404 = "jtai.core.views.page_not_found"
handler500 = "jtai.core.views.server_error"
