"""The learning library's pages: open to inspectorate staff and local-area users alike,
since published letters are public documents with no child-level data."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.accounts.policy import Audience, allow

from . import search as letter_search
from . import selectors
from .forms import LetterFilterForm, SearchForm
from .sections import blocks

REGISTER_PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 20


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def register(request: HttpRequest) -> HttpResponse:
    form = LetterFilterForm(
        request.GET or None, themes=selectors.theme_choices(), years=selectors.letter_years()
    )
    page = Paginator(selectors.letter_list(**form.filters()), REGISTER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "library/register.html",
        {"form": form, "page": page, "themes": selectors.theme_counts()},
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def letter_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = selectors.letter_get(letter_id=letter_id)
    sections = [(section, blocks(section.text)) for section in letter.sections.all()]
    return render(request, "library/letter.html", {"letter": letter, "sections": sections})


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def letter_download(request: HttpRequest, letter_id: int) -> FileResponse:
    letter = selectors.letter_get(letter_id=letter_id)
    if not letter.pdf or not default_storage.exists(letter.pdf.name):
        raise Http404("The letter's file is not available.")
    return FileResponse(
        default_storage.open(letter.pdf.name, "rb"),
        content_type="application/pdf",
        filename=letter.source_name,
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(
        request.GET or None, themes=selectors.theme_choices(), years=selectors.letter_years()
    )
    page = hits = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        passages = letter_search.search_passages(query=query, **form.filters())
        page = Paginator(passages, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        hits = letter_search.hits(list(page.object_list), query)
    return render(request, "library/search.html", {"form": form, "page": page, "hits": hits})


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def area(request: HttpRequest, ons_code: str) -> HttpResponse:
    return render(
        request, "library/area.html", {"library": selectors.area_library(ons_code=ons_code)}
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def theme(request: HttpRequest, key: str) -> HttpResponse:
    return render(request, "library/theme.html", {"library": selectors.theme_library(key=key)})
