"""The factual accuracy check and the final letter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from jtai.accounts.models import User
from jtai.accounts.policy import Audience, allow, is_local_area_user
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Inspection, TeamRole
from jtai.inspections.services import may_make

from .. import access, selectors, services
from ..forms import CommentEditForm, ExtensionForm, ProposeForm, RespondForm
from ..models import Letter
from .common import _confirm_form, _forbidden, _inspection, _page, _role, confirm_step


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


def _comments_submit_context(
    user: User, inspection: Inspection, letter: Letter | None
) -> dict[str, Any]:
    assert letter is not None  # noqa: S101 - the step's page is not found without a letter
    return {
        "view": selectors.accuracy_view(user=user, letter=letter),
        "refused": access.submit_comments_refusal(user, letter, timezone.localdate()),
    }


comments_submit = confirm_step(
    Audience.COORDINATOR,
    template="comments_submit.html",
    step=services.comments_submit,
    done=lambda inspection, count: (
        f"{count} comment{'s' if count != 1 else ''} submitted to the inspectors."
    ),
    then="reports:accuracy",
    context=_comments_submit_context,
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


finalise = confirm_step(
    Audience.INSPECTORATE,
    template="finalise.html",
    may=lambda user, inspection: may_make(user, inspection, TRANSITIONS["finalise"]),
    no_letter="There is no letter to finalise.",
    step=services.letter_finalise,
    done="Final report sent to the area's leaders, embargoed.",
    then="inspections:detail",
    context=lambda user, inspection, letter: {
        "problems": services.finalise_refusals(letter, timezone.localdate()) if letter else [],
    },
)
