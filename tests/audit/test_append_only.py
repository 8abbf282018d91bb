"""The access log is append-only: the model, its queryset, the administration site and,
on PostgreSQL, the database itself refuse to change or delete an event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from jtai.accounts.models import User
from jtai.audit.models import AccessEvent, AccessKind, AppendOnlyError
from jtai.audit.services import record_access

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


def _event(user: User, when: dt.datetime | None = None) -> AccessEvent:
    if when is not None:  # an event from long ago: inserted as it was, never updated
        return AccessEvent.objects.create(
            occurred_at=when,
            user=user,
            kind=AccessKind.CHILD_DATA,
            action="view",
            description="Children on the lists, page 1",
            path="/inspections/x/cases/children/",
        )
    return record_access(
        RequestFactory().get("/inspections/x/cases/children/"),
        user=user,
        kind=AccessKind.CHILD_DATA,
        description="Children on the lists, page 1",
    )


def test_an_event_cannot_be_changed_or_deleted(users: dict[str, User]) -> None:
    event = _event(users["inspector"])
    event.description = "Nothing to see"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(description="Nothing")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.description == "Children on the lists, page 1"


def test_the_administration_site_shows_the_log_read_only(users: dict[str, User]) -> None:
    event = _event(users["inspector"])
    model_admin = admin.site._registry[AccessEvent]
    request = RequestFactory().get("/admin/audit/accessevent/")
    request.user = users["administrator"]
    assert model_admin.has_view_permission(request, event)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert "delete_selected" not in model_admin.get_actions(request)


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accessevent SET description = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_accessevent WHERE id = %s",
    ],
)
def test_the_database_refuses_to_rewrite_history(sql: str, users: dict[str, User]) -> None:
    event = _event(users["inspector"])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.description == "Children on the lists, page 1"


def test_retention_alone_may_delete_events_past_their_period(users: dict[str, User]) -> None:
    now = timezone.now()
    old = _event(users["inspector"], when=now - dt.timedelta(days=3000))
    recent = _event(users["inspector"])
    with transaction.atomic():
        deleted = AccessEvent.objects.purge_older_than(now - dt.timedelta(days=2000))
    assert deleted >= 1
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert AccessEvent.objects.filter(pk=recent.pk).exists()
    if connection.vendor == "postgresql":
        # The permission lasted only for that transaction.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_accessevent WHERE id = %s", [recent.pk])
