from __future__ import annotations

from collections import Counter

from jtai.areas.models import Agency, AgencyKind, Area, AuthorityType, StatisticalNeighbour


def test_every_area_is_loaded_with_its_type_from_the_ons_code(db: None) -> None:
    assert Area.objects.count() == 153
    types = Counter(Area.objects.values_list("authority_type", flat=True))
    assert types[AuthorityType.LONDON_BOROUGH] == 33
    assert types[AuthorityType.METROPOLITAN] == 36
    for area in Area.objects.all():
        prefix = {"E06": "unitary", "E08": "metropolitan", "E09": "london_borough", "E10": "county"}
        assert area.authority_type == prefix[area.ons_code[:3]]


def test_names_are_the_ones_people_use(db: None) -> None:
    assert Area.objects.filter(name="Bristol").exists()
    assert Area.objects.filter(name="Kingston upon Hull").exists()


def test_each_area_has_its_partner_agencies(db: None) -> None:
    for area in Area.objects.prefetch_related("agencies"):
        assert {a.kind for a in area.agencies.all()} == set(AgencyKind.values)
    police = Agency.objects.get(area__name="Leeds", kind=AgencyKind.POLICE)
    assert police.name == "West Yorkshire Police"
    assert Agency.objects.get(area__name="Camden", kind=AgencyKind.POLICE).name == (
        "Metropolitan Police Service"
    )


def test_statistical_neighbours_are_ranked(db: None) -> None:
    links = StatisticalNeighbour.objects.filter(area__name="Hartlepool").select_related("neighbour")
    assert [link.rank for link in links] == list(range(1, 11))
    assert links[0].neighbour.name == "Redcar and Cleveland"


def test_the_areas_list_shows_each_areas_last_jtai(client_for: object) -> None:
    from jtai.inspections.models import Inspection, Status

    kent = Inspection.objects.get(area__name="Kent", status=Status.PUBLISHED)
    page = client_for("programme_manager").get("/areas/?query=Kent")  # type: ignore[operator]
    assert kent.fieldwork_start.strftime("%-d %B %Y") in page.content.decode()
