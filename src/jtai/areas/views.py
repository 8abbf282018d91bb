from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.accounts.policy import Audience, allow
from jtai.inspections.selectors import inspections_for
from jtai.library.selectors import last_inspected, last_inspected_by_area

from . import selectors
from .forms import AreaFilterForm


@allow(Audience.INSPECTORATE)
def area_list(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    areas = list(selectors.area_list(**{k: v for k, v in filters.items() if v}))
    # The last JTAI (from the library of published letters and the service's own
    # inspections) is what programme planning needs to know about each area.
    last = last_inspected_by_area()
    for area in areas:
        area.last_inspected = last.get(area.ons_code)  # type: ignore[attr-defined]
    return render(request, "areas/list.html", {"form": form, "areas": areas})


@allow(Audience.INSPECTORATE)
def area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = selectors.area_get(ons_code=ons_code)
    inspections = inspections_for(request.user).filter(area=area)
    return render(
        request,
        "areas/detail.html",
        {"area": area, "inspections": inspections, "last_inspected": last_inspected(area)},
    )
