"""Liveness and readiness probes for load balancers and orchestrators. They reveal
nothing but whether the service can answer, so anyone may call them."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from jtai.accounts.policy import Audience, allow


@never_cache
@allow(Audience.PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


def _database_ready() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return f"database: {type(error).__name__}"
    return None


def _storage_ready() -> str | None:
    name = f"health/{uuid.uuid4().hex}.probe"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        default_storage.delete(saved)
    except Exception as error:
        return f"storage: {type(error).__name__}"
    return None


@never_cache
@allow(Audience.PUBLIC)
def readyz(request: HttpRequest) -> JsonResponse:
    """The process can reach its database and its file storage."""
    problems = [p for p in (_database_ready(), _storage_ready()) if p]
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})
