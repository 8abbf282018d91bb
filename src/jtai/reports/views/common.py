"""What the letter's pages share: finding the inspection, refusing, rendering with the
status a refused form needs, and the pages that take one step after asking to confirm it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from jtai.accounts.models import User
from jtai.accounts.policy import Audience, allow
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections import selectors as inspection_selectors
from jtai.inspections.models import Inspection

from .. import access, selectors
from ..forms import ReturnForm
from ..models import Letter

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

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


class _Step(Protocol[T_co]):
    """A service that takes one step on the letter, such as ``services.send_draft``."""

    def __call__(self, *, actor: User, letter: Letter) -> T_co: ...


def confirm_step(
    *audiences: Audience,
    template: str,
    may: Callable[[User, Inspection], bool] | None = None,
    no_letter: str | None = None,
    step: _Step[T],
    done: str | Callable[[Inspection, T], str],
    then: str,
    context: Callable[[User, Inspection, Letter | None], dict[str, Any]],
) -> Callable[[AuthenticatedRequest, str], HttpResponse]:
    """The view of a page that asks the user to confirm one step on the inspection's
    letter, then takes it.

    ``may``: whether the user may open the page at all (403 otherwise, before the letter
    is looked up). ``no_letter``: what to say when the letter has not been started; None
    when the page is not found without one. ``step``: the service, whose refusal is shown
    above the confirm button; once it succeeds, ``done`` (a message, or one made from the
    inspection and what the service returned) is shown on the page named ``then``.
    ``context``: what ``template`` needs besides the inspection, the letter and the form.
    """

    def view(request: AuthenticatedRequest, reference: str) -> HttpResponse:
        inspection = _inspection(request, reference)
        if may is not None and not may(request.user, inspection):
            return _forbidden(request)
        find = selectors.letter_get if no_letter is None else selectors.letter_for
        letter = find(user=request.user, inspection=inspection)
        form = None
        if request.method == "POST":
            form = _confirm_form(request)
            if letter is not None:
                try:
                    result = step(actor=request.user, letter=letter)
                except access.LetterError as error:
                    show_refusal(form, error)
                else:
                    message = done if isinstance(done, str) else done(inspection, result)
                    messages.success(request, message)
                    return redirect(then, reference=reference)
            elif no_letter is not None:
                form.add_error(None, no_letter)
        return _page(
            request,
            template,
            inspection,
            letter,
            form,
            **context(request.user, inspection, letter),
        )

    return allow(*audiences)(view)


def team_role_is(role: str) -> Callable[[User, Inspection], bool]:
    """For ``confirm_step``'s ``may``: the user has ``role`` on the inspection's team."""
    return lambda user, inspection: access.team_role(user, inspection) == role
