"""The findings letter's pages. Selectors decide what each user sees (404 for anything
outside their scope, and for a local area everything before the draft is sent); the
rules in access.py decide what they may do; services make every change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_local_area_user
from jtai.core.http import AuthenticatedRequest
from jtai.inspections import selectors as inspection_selectors
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Inspection, TeamRole
from jtai.inspections.services import may_make
from jtai.letters.document import LetterDocument, split_paragraphs

from . import access, selectors, services
from .forms import (
    CommentEditForm,
    CommentForm,
    DetailsForm,
    ExtensionForm,
    ProposeForm,
    RespondForm,
    ReturnForm,
    SectionForm,
)
from .models import Letter

FORBIDDEN = "core/403.html"


def _apply_error(form: Any, error: access.LetterError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


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


# --- the letter --------------------------------------------------------------------------


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def letter_page(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if is_local_area_user(request.user):
        sent = selectors.letter_get(user=request.user, inspection=inspection)
        return _page(
            request,
            "letter_area.html",
            inspection,
            sent,
            view=selectors.accuracy_view(user=request.user, letter=sent),
            final=LetterDocument.from_dict(sent.final_document) if sent.final_document else None,
        )
    letter = selectors.letter_for(user=request.user, inspection=inspection)
    role = _role(request, inspection)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "start_refused": access.start_refusal(request.user, inspection),
        "role": role,
    }
    if letter is not None:
        sections = selectors.sections_of(letter, with_qa=True)
        number = 0
        rows = []
        for section in sections:
            paragraphs = split_paragraphs(section.text)
            rows.append({"section": section, "paragraphs": paragraphs, "start": number + 1})
            number += len(paragraphs)
        context |= {
            "rows": rows,
            "empty_required": [s.heading for s in sections if s.required and s.is_empty],
            "unnamed": services.unnamed_signatories(letter),
            "may_draft": access.draft_refusal(request.user, inspection) is None,
            "may_qa": access.qa_refusal(request.user, inspection) is None,
            "may_submit": access.submit_refusal(request.user, inspection) is None,
            "may_finalise": inspection.status == "factual_accuracy"
            and may_make(request.user, inspection, TRANSITIONS["finalise"]),
            "finalise_problems": services.finalise_refusals(letter, today)
            if inspection.status == "factual_accuracy"
            else [],
        }
    return _page(request, "letter.html", inspection, letter, **context)


@require_POST
@allow(Audience.INSPECTORATE)
def letter_start(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if _role(request, inspection) not in access.DRAFTING_ROLES:
        return _forbidden(request)
    try:
        services.letter_start(actor=request.user, inspection=inspection)
    except access.LetterError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Letter started from the team's evidence.")
    return redirect("reports:letter", reference=reference)


@allow(Audience.INSPECTORATE)
def section_edit(request: AuthenticatedRequest, reference: str, key: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    section = selectors.section_get(letter=letter, key=key)
    if _role(request, inspection) not in access.DRAFTING_ROLES:
        return _forbidden(request)
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        initial={"text": section.text, "version": section.version},
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                actor=request.user,
                section=section,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except access.LetterError as error:
            if error.field == services.STALE:
                form.add_error("text", error.message)
                section = selectors.section_get(letter=letter, key=key)
                current = section
                # Their text stays in the box; the version moves on so that saving again
                # (having read the newer text) is a deliberate choice.
                data = request.POST.copy()
                data["version"] = str(section.version)
                form.data = data
            else:
                _apply_error(form, error)
        else:
            messages.success(request, f"{section.heading} saved.")
            return redirect("reports:letter", reference=reference)
    return _page(
        request,
        "section.html",
        inspection,
        letter,
        form,
        section=section,
        current=current,
        refused=access.draft_refusal(request.user, inspection),
    )


@allow(Audience.INSPECTORATE)
def section_history(request: AuthenticatedRequest, reference: str, key: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    section = selectors.section_get(letter=letter, key=key)
    versions = selectors.versions_of(section)
    comparison = None
    try:
        older = int(request.GET.get("older", ""))
        newer = int(request.GET.get("newer", ""))
    except ValueError:
        if len(versions) >= 2:
            older, newer = versions[1].number, versions[0].number
        else:
            older = newer = 0
    comparison = selectors.compare(versions, older, newer)
    return _page(
        request,
        "history.html",
        inspection,
        letter,
        section=section,
        versions=versions,
        comparison=comparison,
        older=older,
        newer=newer,
    )


@allow(Audience.INSPECTORATE)
def letter_details(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    if _role(request, inspection) not in access.DRAFTING_ROLES:
        return _forbidden(request)
    names = [s["inspectorate"] for s in letter.signatories]
    initial: dict[str, Any] = {
        "addressees": "\n".join(letter.addressees),
        "version": letter.details_version,
    }
    for s in letter.signatories:
        initial[f"name_{s['inspectorate']}"] = s["name"]
        initial[f"title_{s['inspectorate']}"] = s["title"]
    form = DetailsForm(
        request.POST if request.method == "POST" else None, initial=initial, inspectorates=names
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.details_save(
                actor=request.user,
                letter=letter,
                addressees=form.addressee_lines(),
                signatories=form.signatories(),
                version=form.cleaned_data["version"],
            )
        except access.LetterError as error:
            _apply_error(form, error)
        else:
            messages.success(request, "Addressees and signatories saved.")
            return redirect("reports:letter", reference=reference)
    return _page(
        request,
        "details.html",
        inspection,
        letter,
        form,
        refused=access.draft_refusal(request.user, inspection),
    )


# --- quality assurance -------------------------------------------------------------------


@allow(Audience.INSPECTORATE)
def submit_for_qa(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if _role(request, inspection) != TeamRole.LEAD_INSPECTOR:
        return _forbidden(request)
    letter = selectors.letter_for(user=request.user, inspection=inspection)
    form = None
    if request.method == "POST":
        form = _confirm_form(request)
        if letter is None:
            form.add_error(None, "Start the letter before sending it for quality assurance.")
        else:
            try:
                services.submit_for_qa(actor=request.user, letter=letter)
            except access.LetterError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Draft sent for quality assurance.")
                return redirect("reports:letter", reference=reference)
    return _page(
        request,
        "submit.html",
        inspection,
        letter,
        form,
        refused=access.submit_refusal(request.user, inspection),
        empty=services.empty_required(letter) if letter else [],
        unnamed=services.unnamed_signatories(letter) if letter else [],
    )


def _confirm_form(request: AuthenticatedRequest) -> Any:
    """A bound form with no fields, to carry a refusal into the error summary."""
    form = ReturnForm(request.POST)
    form.fields.clear()
    form.is_valid()
    return form


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
            _apply_error(form, error)
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
                _apply_error(form, error)
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


@allow(Audience.INSPECTORATE)
def send_draft(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if _role(request, inspection) != TeamRole.QA_MANAGER:
        return _forbidden(request)
    letter = selectors.letter_get(user=request.user, inspection=inspection)
    form = None
    if request.method == "POST":
        form = _confirm_form(request)
        try:
            services.send_draft(actor=request.user, letter=letter)
        except access.LetterError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Draft sent to {inspection.area.name} for factual accuracy.")
            return redirect("reports:letter", reference=reference)
    today = timezone.localdate()
    return _page(
        request,
        "send.html",
        inspection,
        letter,
        form,
        refused=access.qa_refusal(request.user, inspection),
        due=services.accuracy_due_for(inspection, today),
    )


# --- factual accuracy --------------------------------------------------------------------


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
            _apply_error(form, error)
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
                _apply_error(form, error)
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
            _apply_error(form, error)
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
            _apply_error(form, error)
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
