"""The library's pages: register, letter, download, search, area and theme."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.areas.models import Area
from jtai.letters import Section
from jtai.library.models import PublishedLetter

from .factories import make_letter, pdf_bytes

pytestmark = pytest.mark.django_db


def page(client: Client, name: str, *args: Any, query: str = "") -> str:
    response = client.get(reverse(f"library:{name}", args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def letters_in(html: str) -> list[str]:
    """Area names in the first letters table, in order."""
    body = html[html.index('<tbody class="govuk-table__body">') :]
    body = body[: body.index("</tbody>")]
    return re.findall(r'<th scope="row" class="govuk-table__header"><a [^>]+>([^<]+)<', body)


def marks(html: str) -> set[str]:
    return {mark.lower() for mark in re.findall(r"<mark>([^<]*)</mark>", html)}


@pytest.fixture
def library() -> dict[str, PublishedLetter]:
    return {
        "leeds": make_letter("Leeds", dt.date(2024, 11, 20), theme="domestic-abuse"),
        "harrow": make_letter("Harrow", dt.date(2019, 4, 2), theme="front-door"),
        "kent": make_letter("Kent", dt.date(2018, 1, 30), theme="neglect"),
    }


@pytest.mark.parametrize("role", [None, "inspector", "programme_manager", "kent_health"])
def test_the_library_is_open_to_inspectorate_and_local_area_users(
    role: str | None, client_for: Any
) -> None:
    response = client_for(role).get(reverse("library:register"))
    if role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 200
        assert "Learning library" in response.content.decode()


def test_the_register_lists_every_letter_newest_first_and_filters(
    library: dict[str, PublishedLetter], client_for: Any
) -> None:
    client = client_for("leeds_coordinator")
    html = page(client, "register")
    assert letters_in(html) == ["Leeds", "Harrow", "Kent"]
    assert "3 published letters" in html
    assert "23 to 27 September 2024" in html  # fieldwork, written out
    assert reverse("library:letter-pdf", args=[library["kent"].pk]) in html
    assert letters_in(page(client, "register", query="?theme=front-door")) == ["Harrow"]
    assert letters_in(page(client, "register", query="?region=South+East")) == ["Kent"]
    assert letters_in(page(client, "register", query="?year=2018")) == ["Kent"]
    refused = page(client, "register", query="?theme=not-a-theme")
    assert "There is a problem" in refused
    assert "Choose a theme from the list" in refused
    assert len(letters_in(refused)) == 3


def test_a_letter_page_shows_its_sections_and_the_pdf_downloads(
    library: dict[str, PublishedLetter], client_for: Any
) -> None:
    letter = library["leeds"]
    client = client_for("kent_health")
    html = page(client, "letter", letter.pk)
    assert "Joint targeted area inspection of Leeds" in html
    assert '<h2 class="govuk-heading-m" id="section-2">Strengths</h2>' in html
    assert "<li>Health visitors routinely ask about domestic abuse" in html
    assert "Children living with domestic abuse" in html
    assert "CQC, HMICFRS, HMI Probation, Ofsted" in html
    response = client.get(reverse("library:letter-pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert letter.source_name in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == default_storage.open(letter.pdf.name).read()


def test_a_letter_whose_file_is_missing_is_not_found(
    library: dict[str, PublishedLetter], client_for: Any
) -> None:
    letter = library["kent"]
    default_storage.delete(letter.pdf.name)
    response = client_for("inspector").get(reverse("library:letter-pdf", args=[letter.pk]))
    assert response.status_code == 404


def test_search_highlights_the_matching_passage(
    library: dict[str, PublishedLetter], client_for: Any
) -> None:
    html = page(client_for("inspector"), "search", query="?q=strategy+meetings")
    assert "3 matching passages" in html
    assert marks(html) <= {"strategy", "meetings", "strategy meetings"}
    assert "meetings" in " ".join(marks(html))
    assert "What needs to improve?" in html
    assert reverse("library:letter", args=[library["leeds"].pk]) + "#section-1" in html


def test_search_filters_by_theme_region_year_and_section(
    library: dict[str, PublishedLetter], client_for: Any
) -> None:
    client = client_for("leeds_police")
    base = "?q=domestic+abuse"
    assert "Harrow," in page(client, "search", query=f"{base}&theme=front-door")
    assert "Leeds," not in page(client, "search", query=f"{base}&theme=front-door")
    assert "Kent," not in page(client, "search", query=f"{base}&region=London")
    in_2018 = page(client, "search", query=f"{base}&year=2018")
    assert "Kent," in in_2018
    assert "Harrow," not in in_2018
    strengths = page(client, "search", query=f"{base}&section=strengths")
    assert "9 matching passages" in strengths  # three strengths in each of three letters
    assert "What needs to improve?" not in strengths


def test_search_escapes_letter_text(client_for: Any) -> None:
    make_letter(
        "Leeds",
        sections=[
            Section(
                "strengths",
                "Strengths <b>",
                "Leaders act on <script>alert('x')</script> reports of domestic abuse & neglect.",
            )
        ],
    )
    html = page(client_for("inspector"), "search", query="?q=domestic+abuse")
    assert "<script>alert" not in html
    assert "<b>" not in html
    assert "Strengths &lt;b&gt;" in html
    assert "&amp; neglect" in html
    assert marks(html) <= {"domestic", "abuse", "domestic abuse"}


def test_search_without_words_asks_for_them(client_for: Any) -> None:
    client = client_for("inspector")
    assert "There is a problem" not in page(client, "search")
    html = page(client, "search", query="?q=++&theme=neglect")
    assert "There is a problem" in html
    assert '<a href="#id_q">Enter words to search for</a>' in html


def test_search_with_no_match_says_so(library: dict[str, PublishedLetter], client_for: Any) -> None:
    html = page(client_for("inspector"), "search", query="?q=xylophone")
    assert "No passages match" in html


def test_an_area_page_lists_its_letters_and_its_neighbours_in_rank_order(
    client_for: Any,
) -> None:
    leeds = Area.objects.get(name="Leeds")
    links = list(leeds.neighbour_links.select_related("neighbour").order_by("rank"))
    first, third = links[0].neighbour, links[2].neighbour
    stranger = Area.objects.exclude(pk__in=[link.neighbour_id for link in links]).exclude(
        pk=leeds.pk
    )[0]
    make_letter(third, dt.date(2023, 3, 1), theme="early-help")
    make_letter(first, dt.date(2019, 3, 1), theme="mental-health")
    make_letter(stranger, dt.date(2022, 3, 1))
    own = make_letter(leeds, dt.date(2017, 6, 1), theme="neglect")
    html = page(client_for("leeds_coordinator"), "area", leeds.ons_code)
    assert letters_in(html) == ["Leeds"]
    assert reverse("library:letter", args=[own.pk]) in html
    neighbours = html[html.index("Statistical neighbours") :]
    assert neighbours.index(first.name) < neighbours.index(third.name)
    assert "Children living with mental health issues" in neighbours
    assert "Children and families who need help" in neighbours
    assert stranger.name not in html
    assert "Last inspected: fieldwork began" in html


def test_a_former_area_has_a_page_from_its_letters(client_for: Any) -> None:
    letter = make_letter("Leeds", dt.date(2019, 3, 12), theme="csa-family")
    PublishedLetter.objects.filter(pk=letter.pk).update(
        area=None,
        ons_code="E10000021",
        area_name="Northamptonshire",
        former_area_note="Northamptonshire no longer exists",
    )
    client = client_for("inspector")
    html = page(client, "area", "E10000021")
    assert "Northamptonshire no longer exists." in html
    assert "Former area" in html
    assert client.get(reverse("library:area", args=["E99999999"])).status_code == 404


def test_a_theme_page_gathers_strengths_and_improvements_across_letters(
    client_for: Any,
) -> None:
    for name in ("Leeds", "Kent", "Harrow"):
        make_letter(name, theme="domestic-abuse")
    make_letter("Cornwall", theme="neglect")
    html = page(client_for("kent_coordinator"), "theme", "domestic-abuse")
    strengths = html[html.index('id="strengths"') : html.index('id="improvement"')]
    improvements = html[html.index('id="improvement"') : html.index('id="letters"')]
    assert "9 findings in 3 of the 3 letters." in strengths
    assert "health visitors" in strengths
    # One finding each names police, health and the local authority; counted in 3 letters.
    assert re.search(r"Police</th>\s*<td[^>]*>3</td>\s*<td[^>]*>3</td>", strengths)
    # The sub-heading "Leadership and management" is a topic, not a finding.
    assert "9 findings in 3 of the 3 letters." in improvements
    assert "strategy meetings" in improvements
    assert letters_in(html[html.index('id="letters"') :]) == ["Harrow", "Kent", "Leeds"]
    assert "Cornwall" not in html
    assert client_for("inspector").get(reverse("library:theme", args=["nope"])).status_code == 404


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_letters(count: int, offset: int) -> None:
    areas = Area.objects.exclude(name="Leeds").order_by("ons_code")[offset : offset + count]
    for area in areas:
        make_letter(area, theme="domestic-abuse")


@pytest.mark.parametrize(
    "url",
    [
        "/library/",
        "/library/search/?q=domestic+abuse",
        "/library/search/?q=strategy&section=improvement&theme=domestic-abuse",
        "/library/themes/domestic-abuse/",
    ],
)
def test_query_count_does_not_grow_with_the_library(url: str, client_for: Any) -> None:
    client = client_for("inspector")
    add_letters(6, 0)
    before = queries(client, url)
    add_letters(6, 6)
    assert PublishedLetter.objects.count() == 12
    assert queries(client, url) == before


def test_the_area_page_query_count_does_not_grow_with_neighbours_letters(
    client_for: Any,
) -> None:
    leeds = Area.objects.get(name="Leeds")
    neighbours = [link.neighbour for link in leeds.neighbour_links.order_by("rank")]
    client = client_for("inspector")
    url = reverse("library:area", args=[leeds.ons_code])
    make_letter(leeds)
    for area in neighbours[:3]:
        make_letter(area)
    before = queries(client, url)
    for area in neighbours[3:8]:
        make_letter(area, dt.date(2019, 1, 8))
        make_letter(area, dt.date(2023, 1, 8))
    assert queries(client, url) == before


def test_pdf_bytes_differ_per_label() -> None:
    assert pdf_bytes("a") != pdf_bytes("b")
