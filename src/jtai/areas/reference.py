"""Reference data for local areas: the 153 areas from the packaged CSV and the partner
agencies each one has. Loading is idempotent, so it runs both from the initial data
migration and from `jtai load_areas` after the CSV is refreshed."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

AUTHORITY_TYPE_BY_ONS_PREFIX = {
    "E06": "unitary",
    "E08": "metropolitan",
    "E09": "london_borough",
    "E10": "county",
}

# Territorial police forces by the areas they cover; London boroughs other than the City
# are policed by the Metropolitan Police Service.
POLICE_FORCES: dict[str, tuple[str, ...]] = {
    "Cleveland Police": ("Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"),
    "Durham Constabulary": ("Darlington", "Durham"),
    "Northumbria Police": (
        "Northumberland",
        "Newcastle upon Tyne",
        "North Tyneside",
        "South Tyneside",
        "Gateshead",
        "Sunderland",
    ),
    "Cumbria Constabulary": ("Cumberland", "Westmorland and Furness"),
    "Lancashire Constabulary": ("Lancashire", "Blackburn with Darwen", "Blackpool"),
    "Merseyside Police": ("Liverpool", "Knowsley", "Sefton", "St. Helens", "Wirral"),
    "Cheshire Constabulary": ("Cheshire East", "Cheshire West and Chester", "Halton", "Warrington"),
    "Greater Manchester Police": (
        "Bolton",
        "Bury",
        "Manchester",
        "Oldham",
        "Rochdale",
        "Salford",
        "Stockport",
        "Tameside",
        "Trafford",
        "Wigan",
    ),
    "North Yorkshire Police": ("North Yorkshire", "York"),
    "West Yorkshire Police": ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"),
    "South Yorkshire Police": ("Barnsley", "Doncaster", "Rotherham", "Sheffield"),
    "Humberside Police": (
        "Kingston Upon Hull, City of",
        "East Riding of Yorkshire",
        "North East Lincolnshire",
        "North Lincolnshire",
    ),
    "Lincolnshire Police": ("Lincolnshire",),
    "Nottinghamshire Police": ("Nottingham", "Nottinghamshire"),
    "Derbyshire Constabulary": ("Derby", "Derbyshire"),
    "Leicestershire Police": ("Leicester", "Leicestershire", "Rutland"),
    "Northamptonshire Police": ("North Northamptonshire", "West Northamptonshire"),
    "West Midlands Police": (
        "Birmingham",
        "Coventry",
        "Dudley",
        "Sandwell",
        "Solihull",
        "Walsall",
        "Wolverhampton",
    ),
    "Staffordshire Police": ("Staffordshire", "Stoke-on-Trent"),
    "West Mercia Police": ("Herefordshire", "Shropshire", "Telford and Wrekin", "Worcestershire"),
    "Warwickshire Police": ("Warwickshire",),
    "Avon and Somerset Police": (
        "Bristol, City of",
        "Bath and North East Somerset",
        "North Somerset",
        "South Gloucestershire",
        "Somerset",
    ),
    "Devon and Cornwall Police": ("Cornwall", "Isles of Scilly", "Devon", "Plymouth", "Torbay"),
    "Dorset Police": ("Dorset", "Bournemouth, Christchurch and Poole"),
    "Gloucestershire Constabulary": ("Gloucestershire",),
    "Wiltshire Police": ("Wiltshire", "Swindon"),
    "Hampshire and Isle of Wight Constabulary": (
        "Hampshire",
        "Portsmouth",
        "Southampton",
        "Isle of Wight",
    ),
    "Thames Valley Police": (
        "Oxfordshire",
        "Buckinghamshire",
        "Milton Keynes",
        "Bracknell Forest",
        "Reading",
        "Slough",
        "West Berkshire",
        "Windsor and Maidenhead",
        "Wokingham",
    ),
    "Surrey Police": ("Surrey",),
    "Sussex Police": ("East Sussex", "West Sussex", "Brighton and Hove"),
    "Kent Police": ("Kent", "Medway"),
    "Essex Police": ("Essex", "Southend-on-Sea", "Thurrock"),
    "Hertfordshire Constabulary": ("Hertfordshire",),
    "Bedfordshire Police": ("Bedford Borough", "Central Bedfordshire", "Luton"),
    "Cambridgeshire Constabulary": ("Cambridgeshire", "Peterborough"),
    "Norfolk Constabulary": ("Norfolk",),
    "Suffolk Constabulary": ("Suffolk",),
    "City of London Police": ("City of London",),
}
_FORCE_BY_AREA = {area: force for force, areas in POLICE_FORCES.items() for area in areas}


def police_force_for(area_name: str, region: str) -> str:
    if area_name in _FORCE_BY_AREA:
        return _FORCE_BY_AREA[area_name]
    if region == "London":
        return "Metropolitan Police Service"
    raise KeyError(f"No police force is recorded for {area_name}.")


def display_name(csv_name: str) -> str:
    """'Bristol, City of' -> 'Bristol'; names people use, for headings and letters."""
    if csv_name.endswith(", City of"):
        return csv_name.removesuffix(", City of").replace(" Upon ", " upon ")
    return csv_name


@dataclass(frozen=True)
class AreaRow:
    ons_code: str
    name: str
    region: str
    authority_type: str
    dfe_la_code: str
    ofsted_urn: str
    population_0_25: int | None
    website_domain: str
    statistical_neighbours: tuple[str, ...]


def read_areas() -> Iterator[AreaRow]:
    source = resources.files("jtai.data").joinpath("local_authorities.csv")
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["ons_code"].strip()
            yield AreaRow(
                ons_code=code,
                name=row["name"].strip(),
                region=row["region"].strip(),
                authority_type=AUTHORITY_TYPE_BY_ONS_PREFIX[code[:3]],
                dfe_la_code=row["dfe_la_code"].strip(),
                ofsted_urn=row["ofsted_urn"].strip(),
                population_0_25=int(row["population_0_25"]) if row["population_0_25"] else None,
                website_domain=row["website_domain"].strip(),
                statistical_neighbours=tuple(
                    n.strip() for n in row["statistical_neighbours"].split(";") if n.strip()
                ),
            )


def agency_names(area_name: str, region: str) -> dict[str, str]:
    """The partner agencies an area starts with, by agency kind; administrators rename
    them (for example to the integrated care board that covers several areas)."""
    name = display_name(area_name)
    return {
        "local_authority": f"{name} Council",
        "police": police_force_for(area_name, region),
        "health": f"Integrated care board covering {name}",
        "probation": f"Probation Service, {region}",
        "youth_justice": f"{name} Youth Justice Service",
        "education": f"{name} education and schools",
    }


def load_areas(area_model: Any, neighbour_model: Any, agency_model: Any) -> int:
    """Create or update every area, its neighbours and its agencies. Takes the model
    classes so that a data migration can pass its historical models."""
    rows = list(read_areas())
    areas = {}
    for row in rows:
        area, _ = area_model.objects.update_or_create(
            ons_code=row.ons_code,
            defaults={
                "name": display_name(row.name),
                "region": row.region,
                "authority_type": row.authority_type,
                "dfe_la_code": row.dfe_la_code,
                "ofsted_urn": row.ofsted_urn,
                "population_0_25": row.population_0_25,
                "website_domain": row.website_domain,
            },
        )
        areas[row.ons_code] = area
        for kind, agency_name in agency_names(row.name, row.region).items():
            if not agency_model.objects.filter(area=area, kind=kind).exists():
                agency_model.objects.create(area=area, kind=kind, name=agency_name)
    for row in rows:
        neighbour_model.objects.filter(area=areas[row.ons_code]).delete()
        neighbour_model.objects.bulk_create(
            neighbour_model(area=areas[row.ons_code], neighbour=areas[code], rank=rank)
            for rank, code in enumerate(row.statistical_neighbours, start=1)
            if code in areas
        )
    return len(rows)
