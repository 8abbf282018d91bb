from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.accounts.models import User
from jtai.areas.models import Area
from jtai.inspections import services
from jtai.inspections.models import Inspection, Status, TeamRole

from .factories import plan


def add_inspections(users: dict[str, User], count: int, offset: int) -> None:
    """Plan ``count`` more inspections, staffed with the demo lead and QA manager."""
    areas = list(Area.objects.order_by("ons_code")[offset : offset + count])
    for n, area in enumerate(areas):
        inspection = plan(
            users["programme_manager"], area, dt.date(2031, 1, 6) + dt.timedelta(weeks=n)
        )
        services.team_member_add(
            actor=users["programme_manager"],
            inspection=inspection,
            user=users["lead_inspector"],
            team_role=TeamRole.LEAD_INSPECTOR,
        )


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = ["core:home", "inspections:list", "areas:list"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["programme_manager", "lead_inspector"])
def test_query_count_does_not_grow_with_the_data(
    page: str, role: str, users: dict[str, User], client_for: Any
) -> None:
    client = client_for(role)
    url = reverse(page)
    add_inspections(users, 20, 0)
    before = queries(client, url)
    add_inspections(users, 20, 20)
    assert Inspection.objects.count() >= 48
    assert queries(client, url) == before


def test_the_detail_page_query_count_does_not_grow_with_the_team(
    users: dict[str, User], client_for: Any
) -> None:
    client = client_for("programme_manager")
    inspection = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    url = reverse("inspections:detail", args=[inspection.reference])
    before = queries(client, url)
    for user in User.objects.filter(role="inspector").exclude(
        team_memberships__inspection=inspection
    )[:8]:
        services.team_member_add(
            actor=users["programme_manager"],
            inspection=inspection,
            user=user,
            team_role=TeamRole.INSPECTOR,
        )
    assert queries(client, url) == before


def test_the_list_filters(users: dict[str, User], client_for: Any) -> None:
    client = client_for("programme_manager")

    def listed(**params: str) -> set[str]:
        page = client.get(reverse("inspections:list"), params).context["page"]
        return {i.area.name for i in page.object_list}

    assert listed(status="published") == {"Kent"}
    assert listed(theme="csa-family") == {"Kent", "Cornwall"}
    assert listed(region="London") == set()
    assert "Leeds" in listed(region="Yorkshire and the Humber")
    next_year = Inspection.objects.order_by("-fieldwork_start").first().fieldwork_start.year  # type: ignore[union-attr]
    assert listed(year=str(next_year))


def test_a_bad_filter_is_explained_not_ignored(client_for: Any) -> None:
    page = client_for("programme_manager").get(reverse("inspections:list"), {"year": "soon"})
    assert "Enter a year, like 2026" in page.content.decode()


def test_the_overview_shows_planned_and_actual_dates_and_slippage(client_for: Any) -> None:
    published = Inspection.objects.get(area__name="Kent", status=Status.PUBLISHED)
    page = (
        client_for("programme_manager")
        .get(reverse("inspections:detail", args=[published.reference]))
        .content.decode()
    )
    assert "Written statement of action" in page or "wsoa" in page.lower()
    assert "Overdue" in page  # the demo's statement of action is overdue
    assert "On time" in page
    assert "steps/notify" not in page


def test_the_dashboard_lists_overdue_deadlines(client_for: Any) -> None:
    page = client_for("programme_manager").get("/").content.decode()
    assert "overdue deadline" in page
    assert "Kent" in page


def test_planning_through_the_form_keeps_what_was_typed(client_for: Any) -> None:
    client = client_for("programme_manager")
    leeds = Area.objects.get(name="Leeds")
    data = {
        "area": leeds.pk,
        "inspection_type": "thematic",
        "framework": 1,
        "theme": 2,
        "fieldwork_start_day": "31",
        "fieldwork_start_month": "2",
        "fieldwork_start_year": "2031",
    }
    from jtai.programme.models import FrameworkVersion, Theme

    data["framework"] = FrameworkVersion.objects.get(key="2022").pk
    data["theme"] = Theme.objects.get(key="domestic-abuse").pk
    response = client.post(reverse("inspections:create"), data)
    page = response.content.decode()
    assert "Fieldwork start must be a real date" in page
    assert 'value="31"' in page
    assert f'<option value="{leeds.pk}" selected>' in page
    count = Inspection.objects.count()
    data["fieldwork_start_day"] = "3"
    data["fieldwork_start_month"] = "3"
    response = client.post(reverse("inspections:create"), data)
    assert response.status_code == 302
    assert Inspection.objects.count() == count + 1
    detail = client.get(response["Location"]).content.decode()
    assert "Inspection JTAI-20310303-" in detail


def test_a_refused_step_shows_the_reason(client_for: Any) -> None:
    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    url = reverse("inspections:transition", args=[leeds.reference, "start_fieldwork"])
    response = client_for("lead_inspector").post(url)
    assert response.status_code == 400
    assert "cannot happen earlier" in response.content.decode()
    leeds.refresh_from_db()
    assert leeds.status == Status.INFORMATION_GATHERING


def test_an_unknown_area_or_theme_is_named_and_nothing_is_saved(client_for: Any) -> None:
    count = Inspection.objects.count()
    response = client_for("programme_manager").post(
        reverse("inspections:create"),
        {
            "area": "999999",
            "theme": "999999",
            "inspection_type": "thematic",
            "fieldwork_start_day": "1",
            "fieldwork_start_month": "3",
            "fieldwork_start_year": "2032",
        },
    )
    page = response.content.decode()
    assert "Choose a local area from the list" in page
    assert "Choose a theme from the list" in page
    assert Inspection.objects.count() == count


def test_the_list_keeps_its_query_count_with_a_thousand_inspections(
    client_for: Any, users: dict[str, User]
) -> None:
    client = client_for("programme_manager")
    url = reverse("inspections:list")
    before = queries(client, url)
    template = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    areas = list(Area.objects.all())
    Inspection.objects.bulk_create(
        Inspection(
            reference=f"JTAI-BULK-{n:04d}",
            area=areas[n % len(areas)],
            inspection_type=template.inspection_type,
            theme=template.theme,
            framework=template.framework,
            fieldwork_start=template.fieldwork_start + dt.timedelta(weeks=n),
            planned_dates=template.planned_dates,
        )
        for n in range(1000)
    )
    assert Inspection.objects.count() > 1000
    assert queries(client, url) == before
    assert queries(client, url + "?page=20") == before
