"""The HTTP API, version 1. Every endpoint requires a signed-in session unless it says
otherwise (deny by default); the OpenAPI schema is at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from .errors import install_error_handlers
from .reports import router as reports_router
from .timeline import router as timeline_router

api = NinjaAPI(
    title="jtai API",
    version="1.0.0",
    description="Joint targeted area inspections: the key dates of an inspection from "
    "its fieldwork start, and published reports. Every refusal is JSON with a "
    "plain-English `detail`.",
    auth=django_auth,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)
install_error_handlers(api)
api.add_router("/", timeline_router)
api.add_router("/", reports_router)
