from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation_for


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.JTAI_SERVICE_NAME,
        "phase": settings.JTAI_PHASE,
        "demo_mode": settings.JTAI_DEMO_MODE,
        "navigation": navigation_for(request),
    }
