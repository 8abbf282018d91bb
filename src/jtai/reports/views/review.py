"""Quality assurance: sending the draft for it, the QA manager's comments, sign-off or
return, and sending the draft to the area."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from jtai.accounts.policy import Audience, allow
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.models import TeamRole
from jtai.letters.document import split_paragraphs

from .. import access, selectors, services
from ..forms import CommentForm, ReturnForm
from .common import _confirm_form, _forbidden, _inspection, _page, _role, confirm_step, team_role_is

submit_for_qa = confirm_step(
    Audience.INSPECTORATE,
    template="submit.html",
    may=team_role_is(TeamRole.LEAD_INSPECTOR),
    no_letter="Start the letter before sending it for quality assurance.",
    step=services.submit_for_qa,
    done="Draft sent for quality assurance.",
    then="reports:letter",
    context=lambda user, inspection, letter: {
        "refused": access.submit_refusal(user, inspection),
        "empty": services.empty_required(letter) if letter else [],
        "unnamed": services.unnamed_signatories(letter) if letter else [],
    },
)


@allow(Audience.INSPECTORATE)
def qa_comment(request: AuthenticatedRequest, reference: str, key: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    section = selectors.section_get(letter=letter, key=key)
    if _role(request, inspection) != TeamRole.QA_MANAGER:
        return _forbidden(request)
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.qa_comment_add(
                actor=request.user, section=section, text=form.cleaned_data["text"]
            )
        except access.LetterError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Comment added to {section.heading}.")
            return redirect("reports:letter", reference=reference)
    return _page(
        request,
        "qa_comment.html",
        inspection,
        letter,
        form,
        section=section,
        paragraphs=split_paragraphs(section.text),
        refused=access.qa_refusal(request.user, inspection),
    )


@allow(Audience.INSPECTORATE)
def qa_review(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """The QA manager signs the draft off, or returns it to the team with a reason."""
    inspection = _inspection(request, reference)
    if _role(request, inspection) != TeamRole.QA_MANAGER:
        return _forbidden(request)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    return_form = ReturnForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") != "sign_off"
        else None
    )
    form: Any = return_form
    if request.method == "POST":
        if request.POST.get("action") == "sign_off":
            form = _confirm_form(request)
            try:
                services.sign_off(actor=request.user, letter=letter)
            except access.LetterError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Draft signed off. You can now send it to the area.")
                return redirect("reports:send", reference=reference)
        elif return_form.is_valid():
            try:
                services.return_draft(
                    actor=request.user, letter=letter, reason=return_form.cleaned_data["reason"]
                )
            except access.LetterError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "Draft returned to the team.")
                return redirect("reports:letter", reference=reference)
    return _page(
        request,
        "review.html",
        inspection,
        letter,
        form,
        return_form=return_form,
        refused=access.qa_refusal(request.user, inspection),
        empty=services.empty_required(letter),
    )


send_draft = confirm_step(
    Audience.INSPECTORATE,
    template="send.html",
    may=team_role_is(TeamRole.QA_MANAGER),
    step=services.send_draft,
    done=lambda inspection, letter: f"Draft sent to {inspection.area.name} for factual accuracy.",
    then="reports:letter",
    context=lambda user, inspection, letter: {
        "refused": access.qa_refusal(user, inspection),
        "due": services.accuracy_due_for(inspection, timezone.localdate()),
    },
)
