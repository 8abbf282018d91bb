"""Each demo role in a real browser: sign in through the form, see the navigation meant
for the role, open what it may open (each page checked with axe-core), be refused what
it may not, and sign out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from jtai.demo.people import DEMO_PASSWORD

from .helpers import (
    DEMO_INSPECTIONS,
    PAGE_ASSETS,
    DemoFacts,
    assert_accessible,
    email_of,
    enter_code,
    expect_error_summary,
    field_error,
    fill_sign_in,
    heading,
    navigation_items,
    sign_in,
    sign_out,
    table_column,
    visit,
    watcher_of,
)

pytestmark = pytest.mark.browser

STAFF = "staff"
PROGRAMME = "programme"  # staff who plan the programme
ADMINISTRATION = "administration"  # programme staff who also search the access log
AREA = "area"
NAVIGATION = {
    STAFF: ["Home", "Inspections", "Local areas", "Learning library"],
    PROGRAMME: ["Home", "Inspections", "Local areas", "Programme", "Learning library"],
    ADMINISTRATION: [
        "Home",
        "Inspections",
        "Local areas",
        "Programme",
        "Learning library",
        "Access log",
    ],
    AREA: ["Home", "Your inspections", "Learning library"],
}


def expected_navigation(audience: str) -> list[str]:
    return [*NAVIGATION[audience], "Your account", "Sign out"]


EVERY_INSPECTION = frozenset(DEMO_INSPECTIONS)


def resolve(place: str, demo: DemoFacts) -> str:
    """A page named in ROLE_CASES -> its path: 'inspections', 'areas', 'area:Leeds',
    'plan', '<inspection>' or '<inspection>/<transition>'."""
    if place == "inspections":
        return "/inspections/"
    if place == "areas":
        return "/areas/"
    if place == "plan":
        return "/inspections/new/"
    if place.startswith("area:"):
        return f"/areas/{demo.ons_codes[place[5:]]}/"
    name, _, transition = place.partition("/")
    path = f"/inspections/{demo.references[name]}/"
    return f"{path}steps/{transition}/" if transition else path


@dataclass(frozen=True)
class RoleCase:
    key: str
    audience: str  # STAFF or AREA
    dashboard_heading: str
    listed: frozenset[str]  # the demo inspections in the inspections list
    opens: tuple[str, ...]
    refused: tuple[str, ...] = ()  # 403: "You do not have access to this page"
    hidden: tuple[str, ...] = ()  # 404: "Page not found", so existence is not revealed

    @property
    def local_area(self) -> bool:
        return self.audience == AREA

    @property
    def list_link(self) -> str:
        return NAVIGATION[self.audience][1]


ROLE_CASES = (
    RoleCase(
        "administrator",
        ADMINISTRATION,
        "Your inspections",
        EVERY_INSPECTION,
        opens=("inspections", "leeds", "kent_planned", "areas", "area:Leeds", "plan"),
    ),
    RoleCase(
        "programme_manager",
        PROGRAMME,
        "Your inspections",
        EVERY_INSPECTION,
        opens=("inspections", "leeds", "leeds/withdraw", "areas", "area:Kent", "plan"),
    ),
    RoleCase(
        "lead_inspector",
        STAFF,
        "Your inspections",
        EVERY_INSPECTION,
        opens=("inspections", "leeds", "leeds/start_fieldwork", "areas", "area:Leeds"),
        refused=("plan", "leeds/withdraw"),
    ),
    RoleCase(
        "inspector",
        STAFF,
        "Your inspections",
        frozenset({"leeds"}),
        opens=("inspections", "leeds", "areas"),
        refused=("plan", "leeds/start_fieldwork"),
        hidden=("cornwall",),
    ),
    RoleCase(
        "qa_manager",
        STAFF,
        "Your inspections",
        EVERY_INSPECTION,
        opens=("inspections", "cornwall", "cornwall/return_draft", "areas"),
        refused=("plan", "cornwall/publish"),
    ),
    RoleCase(
        "leeds_coordinator",
        AREA,
        "Leeds",
        frozenset({"leeds", "leeds_closed"}),
        opens=("inspections", "leeds", "leeds_closed"),
        refused=("areas", "plan", "leeds/start_fieldwork"),
        hidden=("kent_published", "cornwall"),
    ),
    RoleCase(
        "leeds_police",
        AREA,
        "Leeds",
        frozenset({"leeds", "leeds_closed"}),
        opens=("inspections", "leeds"),
        refused=("areas", "area:Leeds", "plan"),
        hidden=("kent_published",),
    ),
    RoleCase(
        "kent_coordinator",
        AREA,
        "Kent",
        frozenset({"kent_published"}),
        opens=("inspections", "kent_published"),
        refused=("areas", "plan"),
        hidden=("leeds", "kent_planned", "kent_planned/notify"),
    ),
    RoleCase(
        "kent_health",
        AREA,
        "Kent",
        frozenset({"kent_published"}),
        opens=("inspections", "kent_published"),
        refused=("areas", "area:Kent"),
        hidden=("leeds", "kent_planned"),
    ),
)


@pytest.mark.parametrize("case", ROLE_CASES, ids=lambda case: case.key)
def test_role_signs_in_opens_its_pages_and_signs_out(
    page: Page, demo: DemoFacts, case: RoleCase
) -> None:
    refs = demo.references
    sign_in(page, case.key)
    assert heading(page) == case.dashboard_heading
    assert navigation_items(page) == expected_navigation(case.audience)
    expect(page.get_by_role("link", name="Home", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)

    # The list holds exactly the inspections the role may see; a planned inspection is
    # invisible to its area until the area is notified.
    page.get_by_role("link", name=case.list_link, exact=True).click()
    expect(page.locator("main h1")).to_have_text(case.list_link)
    listed = set(table_column(page, "inspection", 1))
    assert listed == {refs[name] for name in case.listed}
    assert_accessible(page)

    for place in case.opens:
        path = resolve(place, demo)
        visit(page, path)
        assert heading(page) not in {"Page not found", "You do not have access to this page"}
        if place in DEMO_INSPECTIONS:
            area = DEMO_INSPECTIONS[place][0]
            assert heading(page) == f"{area}: {demo.themes[place]}"
        if case.local_area and place in DEMO_INSPECTIONS:
            # The area never sees the inspection team or its internal history.
            expect(page.get_by_role("heading", name="Team")).to_have_count(0)
            assert not page.locator(".moj-timeline__title", has_text="joined the team").count()
        assert_accessible(page)

    for place in case.refused:
        visit(page, resolve(place, demo), status=403)
        assert heading(page) == "You do not have access to this page"
        assert navigation_items(page) == expected_navigation(case.audience)
        assert_accessible(page)

    for place in case.hidden:
        path = resolve(place, demo)
        visit(page, path, status=404)
        assert heading(page) == "Page not found"
        assert refs[place.partition("/")[0]] not in page.locator("main").inner_text()
        assert_accessible(page)

    sign_out(page)
    assert_accessible(page)
    # Signed out, a private page sends the visitor back to sign in.
    visit(page, "/inspections/")
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next=/inspections/$"))
    assert heading(page) == "Sign in"


def test_kent_users_never_see_the_planned_kent_inspection(
    page_as: Callable[[str], Page], demo: DemoFacts
) -> None:
    reference, theme = demo.references["kent_planned"], demo.themes["kent_planned"]
    for key in ("kent_coordinator", "kent_health"):
        page = page_as(key)
        for path in ("/", "/inspections/", "/inspections/?status=planned"):
            visit(page, path)
            assert reference not in page.locator("main").inner_text()
            for table in page.locator("main table").all():
                assert theme not in table.inner_text()


def test_signed_out_visitor_sees_the_public_pages(page: Page) -> None:
    visit(page, "/")
    assert heading(page) == "Joint targeted area inspections"
    assert navigation_items(page) == ["Sign in"]
    assert_accessible(page)
    # The stylesheets and scripts arrived, applied and ran, under the service's CSP.
    assert watcher_of(page).loaded >= PAGE_ASSETS
    body_classes = (page.locator("body").get_attribute("class") or "").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(body_classes)
    start = page.get_by_role("button", name="Sign in")  # a link styled as a start button
    assert start.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    for path, title in (("/accessibility/", "Accessibility statement"), ("/privacy/", "Privacy")):
        page.get_by_role("link", name=title).click()
        expect(page).to_have_url(re.compile(f"{path}$"))
        assert heading(page) == title
        assert_accessible(page)

    visit(page, "/areas/")
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next=/areas/$"))
    expect(page.locator(".govuk-inset-text")).to_contain_text("Sign in to continue")
    assert_accessible(page)
    # Signing in from there returns to the page asked for.
    page.get_by_label("Email address").fill(email_of("programme_manager"))
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, email_of("programme_manager"))
    expect(page).to_have_url(re.compile(r"/areas/$"))
    assert heading(page) == "Local areas"


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(page: Page) -> None:
    email = email_of("lead_inspector")
    fill_sign_in(page, email, "not-the-password")
    expect_error_summary(page, "The email address or password is not correct")
    assert page.get_by_label("Email address").input_value() == email
    assert page.get_by_label("Password").input_value() == ""
    assert navigation_items(page) == ["Sign in"]
    assert_accessible(page)

    # Empty fields: one message per field, each shown with its field.
    page.get_by_label("Email address").fill("")
    page.get_by_role("button", name="Sign in").click()
    expect_error_summary(page, "Enter your email address", "Enter your password")
    assert field_error(page, "id_username") == "Enter your email address"
    assert field_error(page, "id_password") == "Enter your password"
    assert_accessible(page)


def test_sign_in_works_without_javascript(new_page: Callable[..., Page]) -> None:
    page = new_page(javascript=False)
    fill_sign_in(page, email_of("leeds_coordinator"), "not-the-password")
    expect_error_summary(page, "The email address or password is not correct")
    assert page.get_by_label("Email address").input_value() == email_of("leeds_coordinator")

    sign_in(page, "leeds_coordinator")
    assert heading(page) == "Leeds"
    assert navigation_items(page) == expected_navigation(AREA)
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    sign_out(page)
    assert watcher_of(page).failures == []
