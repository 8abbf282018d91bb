from __future__ import annotations

from django.db import models


class Region(models.TextChoices):
    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE = "Yorkshire and the Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class AuthorityType(models.TextChoices):
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"
    COUNTY = "county", "County council"


# The ONS code's prefix says what kind of authority an area is.
AUTHORITY_TYPE_BY_ONS_PREFIX = {
    "E06": AuthorityType.UNITARY,
    "E08": AuthorityType.METROPOLITAN,
    "E09": AuthorityType.LONDON_BOROUGH,
    "E10": AuthorityType.COUNTY,
}


class Area(models.Model):
    """An English upper-tier local authority area with children's services."""

    ons_code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)
    region = models.CharField(max_length=32, choices=Region.choices)
    authority_type = models.CharField(max_length=16, choices=AuthorityType.choices)
    dfe_la_code = models.CharField(max_length=3, blank=True)
    ofsted_urn = models.CharField(max_length=10, blank=True)
    population_0_25 = models.PositiveIntegerField(null=True, blank=True)
    website_domain = models.CharField(max_length=100, blank=True)
    statistical_neighbours: models.ManyToManyField[Area, StatisticalNeighbour] = (
        models.ManyToManyField(
            "self", through="StatisticalNeighbour", symmetrical=False, related_name="+"
        )
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class StatisticalNeighbour(models.Model):
    """One of an area's ten most similar areas, in order of similarity."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("area", "rank")
        constraints = [
            models.UniqueConstraint(fields=("area", "neighbour"), name="unique_neighbour"),
            models.UniqueConstraint(fields=("area", "rank"), name="unique_neighbour_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.neighbour} is neighbour {self.rank} of {self.area}"


class AgencyKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (integrated care board)"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    EDUCATION = "education", "Education"


class Agency(models.Model):
    """A partner agency of a local area: the organisations an inspection looks at."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="agencies")
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ("area", "kind", "name")
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=("area", "kind", "name"), name="unique_agency"),
        ]

    def __str__(self) -> str:
        return self.name
