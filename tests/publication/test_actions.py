"""The area's action plan after publication: the coordinator adds and updates actions;
a save made over someone else's newer one is refused, never lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from jtai.areas.models import Agency, AgencyKind
from jtai.publication.models import ActionPlanItem, ActionStatus

from .factories import kent_action
from .helpers import kent_report


def _url(suffix: str = "") -> str:
    report = kent_report()
    assert report.inspection is not None
    return f"/inspections/{report.inspection.reference}/report/actions/{suffix}"


def _date(day: dt.date, prefix: str = "due_on") -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_the_coordinator_adds_an_action_owned_by_an_agency(
    client_for: Callable[[str | None], Client],
) -> None:
    health = Agency.objects.get(area__name="Kent", kind=AgencyKind.HEALTH)
    due = timezone.localdate() + dt.timedelta(days=90)
    client = client_for("kent_coordinator")
    response = client.post(
        _url(),
        {"action": "Invite health to every strategy discussion", "agency": health.pk, **_date(due)},
    )
    assert response.status_code == 302
    item = ActionPlanItem.objects.get(report=kent_report())
    assert (item.agency, item.due_on, item.status) == (health, due, ActionStatus.NOT_STARTED)
    page = client_for("kent_health").get(_url()).content.decode()
    assert "Invite health to every strategy discussion" in page
    assert "Add an action" not in page  # agency contacts read the plan


def test_bad_input_is_explained_and_kept(client_for: Callable[[str | None], Client]) -> None:
    response = client_for("kent_coordinator").post(
        _url(),
        {
            "action": "Audit referrals quarterly",
            "due_on_day": "31",
            "due_on_month": "2",
            "due_on_year": "2027",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the agency that owns the action" in html
    assert "must be a real date" in html
    assert "Audit referrals quarterly" in html
    assert not ActionPlanItem.objects.filter(report=kent_report()).exists()


def test_a_stale_save_is_refused_and_both_versions_shown(
    client_for: Callable[[str | None], Client],
) -> None:
    item = kent_action()
    police = item.agency
    first, second = client_for("kent_coordinator"), client_for("kent_coordinator")
    form = {
        "action": item.action,
        "agency": police.pk,
        **_date(item.due_on),
        "version": item.version,
    }
    assert first.post(_url(f"{item.pk}/"), {**form, "status": "in_progress"}).status_code == 302
    stale = second.post(
        _url(f"{item.pk}/"), {**form, "action": "My wording of it", "status": "done"}
    )
    html = stale.content.decode()
    assert stale.status_code == 400
    assert "after you opened it" in html
    assert "The action as saved now" in html
    assert "My wording of it" in html  # what was typed is kept
    item.refresh_from_db()
    assert (item.status, item.version) == (ActionStatus.IN_PROGRESS, 2)
