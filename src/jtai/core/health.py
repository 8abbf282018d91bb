"""Liveness and readiness probes for load balancers and orchestrators. They reveal
nothing but whether the service can answer, so anyone may call them."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
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


def _storage_ready(alias: str) -> str | None:
    """A file can be written to and removed from the storage (a folder or a bucket)."""
    name = f"health/{uuid.uuid4().hex}.probe"
    try:
        storage = storages[alias]
        saved = storage.save(name, ContentFile(b"ok"))
        storage.delete(saved)
    except Exception as error:
        return f"{alias} storage: {type(error).__name__}"
    return None


@never_cache
@allow(Audience.PUBLIC)
def readyz(request: HttpRequest) -> JsonResponse:
    """The process can reach its database and its file storage."""
    checks = [_database_ready(), *(_storage_ready(a) for a in ("default", "documents"))]
    problems = [p for p in checks if p]
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})
