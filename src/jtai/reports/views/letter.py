"""The letter itself: reading it, starting it, drafting sections, comparing versions,
addressees and signatories."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_local_area_user
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.services import may_make
from jtai.letters.document import LetterDocument, split_paragraphs

from .. import access, selectors, services
from ..forms import DetailsForm, SectionForm
from .common import _forbidden, _inspection, _page, _role


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
                show_refusal(form, error)
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
            show_refusal(form, error)
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
