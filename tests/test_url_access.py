"""Every URL in the URL conf, opened by every demo role: the access policy end to end.

A URL that this table does not list fails the suite, so a new view cannot ship without
someone deciding who may open it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from jtai.accounts.models import User
from jtai.areas.models import Area
from jtai.inspections.models import Inspection, Status, TeamMember
from tests.cases.factories import url_kwargs as cases_url_kwargs
from tests.evidence.factories import url_kwargs as evidence_url_kwargs
from tests.fieldwork.factories import url_kwargs as fieldwork_url_kwargs
from tests.information.factories import item_of, uploaded_document
from tests.library.factories import sample_letter
from tests.programme.factories import planning_pin, planning_year, stored_plan
from tests.publication.factories import url_kwargs as publication_url_kwargs
from tests.reports.factories import url_kwargs as reports_url_kwargs

ROLES = (
    "anonymous",
    "administrator",
    "programme_manager",
    "lead_inspector",
    "inspector",
    "qa_manager",
    "leeds_coordinator",
    "leeds_police",
    "kent_coordinator",
    "kent_health",
)
INSPECTORATE = ("administrator", "programme_manager", "lead_inspector", "inspector", "qa_manager")
LOCAL = ("leeds_coordinator", "leeds_police", "kent_coordinator", "kent_health")


def expect(default: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, default) for role in ROLES}


def everyone(status: int = 200) -> dict[str, int]:
    return expect(status)


def inspectorate_only(status: int = 200) -> dict[str, int]:
    return expect(403, anonymous=302, **dict.fromkeys(INSPECTORATE, status))


def programme_only(status: int = 200) -> dict[str, int]:
    return expect(403, anonymous=302, administrator=status, programme_manager=status)


# The Leeds inspection in information gathering: its team is the demo lead inspector,
# inspector and QA manager; Leeds has been notified; Kent must not even learn it exists.
LEEDS_INSPECTION = {
    **expect(200, anonymous=302),
    "kent_coordinator": 404,
    "kent_health": 404,
}

KENT_REPORT = {
    **expect(200, anonymous=302, inspector=404),
    "leeds_coordinator": 404,
    "leeds_police": 404,
}

TIMETABLE_EDITORS = expect(
    403,
    anonymous=302,
    administrator=200,
    programme_manager=200,
    lead_inspector=200,
    inspector=200,
)

EXPECTED: dict[str, dict[str, int]] = {
    "core:home": everyone(),
    "core:accessibility": everyone(),
    "core:privacy": everyone(),
    "core:healthz": everyone(),
    "core:readyz": everyone(),
    "accounts:login": expect(302, anonymous=200),
    "accounts:logout": everyone(405),  # signing out is a POST
    "accounts:signed-out": everyone(),
    # Two-factor pages: a fully signed-in user is sent on (to where they were going, or
    # their account page), anyone else to sign in first.
    "accounts:two-factor": everyone(302),
    "accounts:two-factor-set-up": everyone(302),
    "accounts:recovery-codes": everyone(302),  # shown once, right after they are made
    "accounts:recovery-codes-new": expect(405, anonymous=302),  # a POST-only action
    "accounts:account": expect(200, anonymous=302),
    "accounts:users": expect(403, anonymous=302, administrator=200),
    "accounts:user-two-factor-reset": expect(403, anonymous=302, administrator=200),
    "areas:list": inspectorate_only(),
    "areas:detail": inspectorate_only(),
    "inspections:list": expect(200, anonymous=302),
    "inspections:create": programme_only(),
    "inspections:detail": LEEDS_INSPECTION,
    "inspections:reschedule": programme_only(),
    "inspections:team-add": programme_only(),
    "inspections:team-remove": programme_only(405),  # a POST-only action
    "inspections:transition": {
        **expect(403, anonymous=302, administrator=200, programme_manager=200, lead_inspector=200),
        "kent_coordinator": 404,
        "kent_health": 404,
    },
    # Published letters are public documents: every inspectorate and local-area user.
    "library:register": expect(200, anonymous=302),
    "library:search": expect(200, anonymous=302),
    "library:letter": expect(200, anonymous=302),
    "library:letter-pdf": expect(200, anonymous=302),
    "library:area": expect(200, anonymous=302),
    "library:theme": expect(200, anonymous=302),
    # The Leeds information request: a police item and a document on it.
    "information:request": LEEDS_INSPECTION,
    "information:send": expect(
        403, anonymous=302, administrator=200, programme_manager=200, lead_inspector=200
    ),
    "information:item": LEEDS_INSPECTION,
    "information:upload": {
        **expect(403, anonymous=302),
        **dict.fromkeys(LOCAL, 405),  # a POST-only action, for the area's users
    },
    "information:review": {
        **expect(403, anonymous=302),
        **dict.fromkeys(INSPECTORATE, 405),  # a POST-only action, for inspectors
    },
    "information:download": LEEDS_INSPECTION,
    # Children's cases of the Leeds inspection: the area uploads and audits, inspectors on
    # the team (lead and inspector) choose; an agency contact sees only its own agency's
    # lists (the demo's are the coordinator's) and sections; Kent sees nothing.
    "cases:index": LEEDS_INSPECTION,
    "cases:upload": expect(
        403,
        anonymous=302,
        leeds_coordinator=200,
        leeds_police=200,
        kent_coordinator=404,
        kent_health=404,
    ),
    "cases:problems": expect(  # the coordinator's refused upload
        403,
        anonymous=302,
        leeds_coordinator=200,
        leeds_police=404,
        kent_coordinator=404,
        kent_health=404,
    ),
    "cases:children": LEEDS_INSPECTION,
    "cases:child": {**LEEDS_INSPECTION, "leeds_police": 404},
    "cases:long-list-add": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "cases:selection": inspectorate_only(),
    "cases:suggest": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "cases:request-audits": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "cases:short-list": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "cases:remove": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "cases:audits": LEEDS_INSPECTION,
    "cases:audit": LEEDS_INSPECTION,  # an audit with a police section
    "cases:section": expect(  # its police section
        403,
        anonymous=302,
        leeds_coordinator=200,
        leeds_police=200,
        kent_coordinator=404,
        kent_health=404,
    ),
    "cases:submit": expect(403, anonymous=302, leeds_coordinator=200, kent_coordinator=404),
    # The findings letter of the Leeds inspection, as if sent to the area with a police
    # comment submitted: the drafting team (lead and inspectors) edits, the QA manager
    # reviews and sends, the lead finalises (or a programme manager); the area reads the
    # text as sent and comments, an agency on its own comments only; Kent sees nothing.
    "reports:letter": LEEDS_INSPECTION,
    "reports:start": {
        **expect(403, anonymous=302),
        **dict.fromkeys(INSPECTORATE, 405),  # a POST-only action, for inspectors
    },
    "reports:details": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "reports:section": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "reports:history": inspectorate_only(),
    "reports:qa-comment": expect(403, anonymous=302, qa_manager=200),
    "reports:submit": expect(403, anonymous=302, lead_inspector=200),
    "reports:review": expect(403, anonymous=302, qa_manager=200),
    "reports:send": expect(403, anonymous=302, qa_manager=200),
    "reports:accuracy": LEEDS_INSPECTION,
    "reports:comments-submit": expect(
        403, anonymous=302, leeds_coordinator=200, kent_coordinator=404
    ),
    "reports:extension": expect(403, anonymous=302, lead_inspector=200),
    "reports:comment": expect(
        403,
        anonymous=302,
        leeds_coordinator=200,
        leeds_police=200,
        kent_coordinator=404,
        kent_health=404,
    ),
    "reports:respond": expect(403, anonymous=302, lead_inspector=200, inspector=200),
    "reports:finalise": expect(
        403, anonymous=302, administrator=200, programme_manager=200, lead_inspector=200
    ),
    # The Leeds fieldwork timetable: inspectors on the team and programme managers change
    # it (the QA manager reads), the lead inspector fills it; the area's coordinator
    # answers; the MARAC is confirmed and involves the police, so its contact sees it.
    "fieldwork:timetable": LEEDS_INSPECTION,
    "fieldwork:activity": LEEDS_INSPECTION,
    "fieldwork:activity-add": TIMETABLE_EDITORS,
    "fieldwork:activity-edit": TIMETABLE_EDITORS,
    "fieldwork:activity-remove": TIMETABLE_EDITORS,
    "fieldwork:activity-respond": expect(
        403, anonymous=302, leeds_coordinator=405, kent_coordinator=405
    ),
    "fieldwork:subgroups": TIMETABLE_EDITORS,
    "fieldwork:subgroup": TIMETABLE_EDITORS,
    "fieldwork:team-meetings": TIMETABLE_EDITORS,
    "fieldwork:fill": expect(
        403, anonymous=302, administrator=200, programme_manager=200, lead_inspector=200
    ),
    # Everyone's own calendar page; the feed is opened by calendar apps with its token.
    "calendar:subscribe": expect(200, anonymous=302),
    "calendar:feed": everyone(),
    # Evidence and case tracking of the Leeds inspection: inspectorate staff who can see
    # it read; inspectors on the team and programme managers write (the QA manager and
    # administrators only read); the area never sees the inspectors' evidence.
    "evidence:list": inspectorate_only(),
    "evidence:summary": inspectorate_only(),
    "evidence:feedback": inspectorate_only(),
    "evidence:detail": inspectorate_only(),
    "evidence:history": inspectorate_only(),
    "evidence:create": expect(
        403, anonymous=302, programme_manager=200, lead_inspector=200, inspector=200
    ),
    "evidence:edit": expect(
        403, anonymous=302, programme_manager=200, lead_inspector=200, inspector=200
    ),
    "tracking:list": inspectorate_only(),
    "tracking:detail": inspectorate_only(),
    "tracking:edit": expect(
        403, anonymous=302, programme_manager=200, lead_inspector=200, inspector=200
    ),
    # Programme planning: programme managers and administrators only.
    "programme:years": programme_only(),
    "programme:year": programme_only(),
    "programme:year-plan": programme_only(405),  # a POST-only action
    "programme:pin-add": programme_only(),
    "programme:pin-remove": programme_only(405),
    "programme:unavailability-add": programme_only(),
    "programme:plan": programme_only(),
    "programme:plan-replan": programme_only(405),
    "programme:plan-pin": programme_only(405),
    "programme:plan-publish": programme_only(405),
    "programme:plan-accept": programme_only(405),
    # Kent's published front-door report inside the service: Kent's users, its team and
    # programme managers; Leeds and the inspector (not on Kent's team) do not find it.
    "publication:report": KENT_REPORT,
    "publication:pdf": KENT_REPORT,
    "publication:publish": programme_only(405),  # a POST-only action
    "publication:statement": expect(405, anonymous=302),  # a POST-only action
    "publication:statement-download": expect(404, anonymous=302),  # none received yet
    "publication:actions": KENT_REPORT,
    "publication:action-edit": {
        **expect(403, anonymous=302, kent_coordinator=200),
        "leeds_coordinator": 404,
        "leeds_police": 404,
    },
    # Thematic overviews: programme managers, and the QA manager the demo's was sent to.
    "overviews:list": expect(
        403, anonymous=302, administrator=200, programme_manager=200, qa_manager=200
    ),
    "overviews:create": programme_only(),
    "overviews:detail": expect(
        403, anonymous=302, administrator=200, programme_manager=200, qa_manager=200
    ),
    "overviews:edit": programme_only(),
    "overviews:step": {  # a POST-only action
        **expect(403, anonymous=302),
        **dict.fromkeys(INSPECTORATE, 405),
    },
    # The public site and its API: anyone, signed in or not.
    "public:list": everyone(),
    "public:report": everyone(),
    "public:pdf": everyone(),
    "public:overview": everyone(404),  # none published in the demo yet
    "public:overview-pdf": everyone(404),
    "api:reports": everyone(),
    "api:report": everyone(),
    # The access log: administrators only.
    "audit:log": expect(403, anonymous=302, administrator=200),
    "audit:export": expect(403, anonymous=302, administrator=200),
    "api:api-root": everyone(404),  # the API has no index page
    "api:timeline": everyone(),
    "api:openapi-json": everyone(),
    "admin:index": expect(302, administrator=200),
}


def _url_names(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            if pattern.namespace == "admin":
                yield "admin:index"  # the admin site guards itself; its front door is tested
                continue
            yield from _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


def _url(name: str) -> str:
    inspection = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    letter_id = sample_letter().pk if name.startswith("library:letter") else 0
    item_id = item_of(inspection, "police").pk if name.startswith("information:") else 0
    document_id = uploaded_document(inspection).pk if name == "information:download" else 0
    kwargs: dict[str, Any] = {
        "areas:detail": {"ons_code": Area.objects.get(name="Leeds").ons_code},
        "accounts:user-two-factor-reset": {
            "user_id": User.objects.get(email="inspector@demo.jtai.example").pk
        },
        "inspections:detail": {"reference": inspection.reference},
        "inspections:reschedule": {"reference": inspection.reference},
        "inspections:team-add": {"reference": inspection.reference},
        "inspections:team-remove": {
            "reference": inspection.reference,
            "member_id": TeamMember.objects.filter(inspection=inspection).first().pk,  # type: ignore[union-attr]
        },
        "inspections:transition": {
            "reference": inspection.reference,
            "transition": "start_fieldwork",
        },
        "information:request": {"reference": inspection.reference},
        "information:send": {"reference": inspection.reference},
        "information:item": {"reference": inspection.reference, "item_id": item_id},
        "information:upload": {"reference": inspection.reference, "item_id": item_id},
        "information:review": {"reference": inspection.reference, "item_id": item_id},
        "information:download": {"reference": inspection.reference, "document_id": document_id},
        "library:letter": {"letter_id": letter_id},
        "library:letter-pdf": {"letter_id": letter_id},
        "library:area": {"ons_code": Area.objects.get(name="Leeds").ons_code},
        "library:theme": {"key": "domestic-abuse"},
    }.get(name, {})
    if name.startswith("cases:"):
        kwargs = cases_url_kwargs(name, inspection)
    if name.startswith("reports:"):
        kwargs = reports_url_kwargs(name, inspection)
    if name.startswith(("fieldwork:", "calendar:")):
        kwargs = fieldwork_url_kwargs(name, inspection)
    if name.startswith(("evidence:", "tracking:")):
        kwargs = evidence_url_kwargs(name, inspection)
    if name.startswith("programme:") and name != "programme:years":
        kwargs = programme_url_kwargs(name)
    if name.startswith(("publication:", "public:", "api:report", "overviews:")):
        kwargs = publication_url_kwargs(name)
    query = "?fieldwork_start=2023-05-22" if name == "api:timeline" else ""
    return reverse(name, kwargs=kwargs) + query


def programme_url_kwargs(name: str) -> dict[str, int]:
    year = planning_year()
    if name.startswith("programme:plan"):
        return {"plan_id": stored_plan(User.objects.get(role="programme_manager"), year).pk}
    if name == "programme:pin-remove":
        return {"year_id": year.pk, "pin_id": planning_pin(year).pk}
    return {"year_id": year.pk}


def test_every_url_has_an_access_rule() -> None:
    missing = sorted(set(_url_names()) - set(EXPECTED))
    assert not missing, f"Decide who may open these URLs and add them to EXPECTED: {missing}"
    stale = sorted(set(EXPECTED) - set(_url_names()))
    assert not stale, f"These URLs no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_access_by_role(name: str, client_for: Any) -> None:
    url = _url(name)
    outcomes = {
        role: client_for(None if role == "anonymous" else role).get(url).status_code
        for role in ROLES
    }
    assert outcomes == EXPECTED[name]


def test_every_api_operation_is_in_the_table(db: None) -> None:
    """Each operation in the API's OpenAPI schema is a URL name in EXPECTED, so every
    operation is opened by every role above. The table opens URLs with GET: an operation
    with another method needs a check of its own before it is listed here."""
    schema = Client().get(reverse("api:openapi-json")).json()
    operations = [
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    ]
    assert operations, "the API schema lists no operations"
    for method, path in operations:
        assert method == "GET", f"{method} {path}: add an access check for this method"
        name = resolve(re.sub(r"\{[^}]+\}", "x", path)).view_name
        assert name in EXPECTED, f"{method} {path} ({name}) is not in EXPECTED"
