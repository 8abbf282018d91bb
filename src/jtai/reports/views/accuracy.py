"""The factual accuracy check and the final letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from jtai.accounts.policy import Audience, allow, is_local_area_user
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Inspection, TeamRole
from jtai.inspections.services import may_make

from .. import access, selectors, services
from ..forms import CommentEditForm, ExtensionForm, ProposeForm, RespondForm
from ..models import Letter
from .common import _confirm_form, _forbidden, _inspection, _page, _role


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def accuracy(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    view = selectors.accuracy_view(user=request.user, letter=letter)
    if view is None:
        return _page(request, "accuracy.html", inspection, letter, view=None)
    today = timezone.localdate()
    refused = access.propose_refusal(request.user, letter, today)
    form = None
    if refused is None:
        form = ProposeForm(
            request.POST if request.method == "POST" else None,
            document=view.document,
            initial={"paragraph": request.GET.get("paragraph", "")},
        )
    elif request.method == "POST":
        form = _confirm_form(request)
        form.add_error(None, refused)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            comment = services.comment_propose(
                actor=request.user,
                letter=letter,
                paragraph=form.cleaned_data["paragraph"],
                text=form.cleaned_data["text"],
            )
        except access.LetterError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Comment on paragraph {comment.paragraph} saved.")
            return redirect("reports:accuracy", reference=reference)
    return _page(
        request,
        "accuracy.html",
        inspection,
        letter,
        form,
        view=view,
        local=is_local_area_user(request.user),
        coordinator=access.is_coordinator(request.user, inspection),
        may_respond=_role(request, inspection) in access.DRAFTING_ROLES,
        may_extend=access.extension_refusal(request.user, letter) is None,
        open_refusal=access.accuracy_open_refusal(letter, today),
        propose_refused=refused if is_local_area_user(request.user) else None,
    )


def _local_letter(request: AuthenticatedRequest, reference: str) -> tuple[Inspection, Letter]:
    inspection = _inspection(request, reference)
    return inspection, selectors.letter_get(user=request.user, inspection=inspection)


@allow(Audience.LOCAL_AREA)
def comment_change(request: AuthenticatedRequest, reference: str, comment_id: int) -> HttpResponse:
    inspection, letter = _local_letter(request, reference)
    comment = selectors.comment_get(user=request.user, letter=letter, comment_id=comment_id)
    today = timezone.localdate()
    form = CommentEditForm(
        request.POST if request.method == "POST" else None,
        initial={"text": comment.text, "version": comment.version},
    )
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        form = _confirm_form(request)
        try:
            services.comment_withdraw(actor=request.user, comment=comment)
        except access.LetterError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Comment on paragraph {comment.paragraph} withdrawn.")
            return redirect("reports:accuracy", reference=reference)
    elif request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                actor=request.user,
                comment=comment,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except access.LetterError as error:
            if error.field == services.STALE:
                form.add_error("text", error.message)
                comment = selectors.comment_get(
                    user=request.user, letter=letter, comment_id=comment_id
                )
                data = request.POST.copy()
                data["version"] = str(comment.version)
                form.data = data
            else:
                show_refusal(form, error)
        else:
            messages.success(request, f"Comment on paragraph {comment.paragraph} saved.")
            return redirect("reports:accuracy", reference=reference)
    return _page(
        request,
        "comment.html",
        inspection,
        letter,
        form,
        comment=comment,
        refused=access.comment_change_refusal(request.user, comment, today),
    )


@allow(Audience.COORDINATOR)
def comments_submit(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection, letter = _local_letter(request, reference)
    today = timezone.localdate()
    form = None
    if request.method == "POST":
        form = _confirm_form(request)
        try:
            count = services.comments_submit(actor=request.user, letter=letter)
        except access.LetterError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"{count} comment{'s' if count != 1 else ''} submitted to the inspectors.",
            )
            return redirect("reports:accuracy", reference=reference)
    view = selectors.accuracy_view(user=request.user, letter=letter)
    return _page(
        request,
        "comments_submit.html",
        inspection,
        letter,
        form,
        view=view,
        refused=access.submit_comments_refusal(request.user, letter, today),
    )


@allow(Audience.INSPECTORATE)
def comment_respond(request: AuthenticatedRequest, reference: str, comment_id: int) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    comment = selectors.comment_get(user=request.user, letter=letter, comment_id=comment_id)
    if _role(request, inspection) not in access.DRAFTING_ROLES:
        return _forbidden(request)
    form = RespondForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.comment_respond(
                actor=request.user,
                comment=comment,
                accept=accept,
                response=form.cleaned_data["response"],
            )
        except access.LetterError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"Comment on paragraph {comment.paragraph} "
                f"{'accepted' if accept else 'not accepted'}.",
            )
            return redirect("reports:accuracy", reference=reference)
    return _page(
        request,
        "respond.html",
        inspection,
        letter,
        form,
        comment=comment,
        refused=access.respond_refusal(request.user, comment),
    )


@allow(Audience.INSPECTORATE)
def extension(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    if _role(request, inspection) != TeamRole.LEAD_INSPECTOR:
        return _forbidden(request)
    form = ExtensionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_grant(
                actor=request.user,
                letter=letter,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
            )
        except access.LetterError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The area has more time for its comments.")
            return redirect("reports:accuracy", reference=reference)
    return _page(
        request,
        "extension.html",
        inspection,
        letter,
        form,
        refused=access.extension_refusal(request.user, letter),
    )


@allow(Audience.INSPECTORATE)
def finalise(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if not may_make(request.user, inspection, TRANSITIONS["finalise"]):
        return _forbidden(request)
    letter = selectors.letter_for(user=request.user, inspection=inspection)
    form = None
    if request.method == "POST":
        form = _confirm_form(request)
        if letter is None:
            form.add_error(None, "There is no letter to finalise.")
        else:
            try:
                services.letter_finalise(actor=request.user, letter=letter)
            except access.LetterError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Final report sent to the area's leaders, embargoed.")
                return redirect("inspections:detail", reference=reference)
    today = timezone.localdate()
    return _page(
        request,
        "finalise.html",
        inspection,
        letter,
        form,
        problems=services.finalise_refusals(letter, today) if letter else [],
    )
