from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from .models import Agency, Area, StatisticalNeighbour


def area_list(*, region: str = "", authority_type: str = "", query: str = "") -> QuerySet[Area]:
    areas = Area.objects.all()
    if region:
        areas = areas.filter(region=region)
    if authority_type:
        areas = areas.filter(authority_type=authority_type)
    if query:
        areas = areas.filter(name__icontains=query)
    return areas


def area_get(*, ons_code: str) -> Area:
    try:
        return Area.objects.prefetch_related(
            Prefetch("agencies", queryset=Agency.objects.order_by("kind")),
            Prefetch(
                "neighbour_links",
                queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
            ),
        ).get(ons_code=ons_code)
    except Area.DoesNotExist as error:
        raise Http404("No such area.") from error
