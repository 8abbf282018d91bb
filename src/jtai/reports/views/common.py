"""What the letter's pages share: finding the inspection, refusing, and rendering with
the status a refused form needs."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from jtai.core.http import AuthenticatedRequest
from jtai.inspections import selectors as inspection_selectors
from jtai.inspections.models import Inspection

from .. import access
from ..forms import ReturnForm
from ..models import Letter

FORBIDDEN = "core/403.html"


def _inspection(request: AuthenticatedRequest, reference: str) -> Inspection:
    return inspection_selectors.inspection_get(user=request.user, reference=reference)


def _forbidden(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, FORBIDDEN, status=403)


def _role(request: AuthenticatedRequest, inspection: Inspection) -> str | None:
    return access.team_role(request.user, inspection)


def _page(
    request: AuthenticatedRequest,
    template: str,
    inspection: Inspection,
    letter: Letter | None,
    form: Any = None,
    **extra: Any,
) -> HttpResponse:
    context = {"inspection": inspection, "letter": letter, "form": form, **extra}
    return render(
        request,
        f"reports/{template}",
        context,
        status=400 if form is not None and form.errors else 200,
    )


def _confirm_form(request: AuthenticatedRequest) -> Any:
    """A bound form with no fields, to carry a refusal into the error summary."""
    form = ReturnForm(request.POST)
    form.fields.clear()
    form.is_valid()
    return form
