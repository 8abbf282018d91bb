from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from jtai.accounts.models import User
from jtai.inspections.models import Inspection, Reminder, Status
from jtai.inspections.reminders import send_due_reminders


@pytest.fixture
def leeds(db: None) -> Inspection:
    return Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)


def test_reminders_go_once_to_whoever_owes_the_date(
    leeds: Inspection, users: dict[str, User]
) -> None:
    audit_due = leeds.planned("audit_due")
    assert audit_due is not None
    day_before = audit_due - dt.timedelta(days=1)
    sent = send_due_reminders(today=day_before)
    assert sent >= 1
    recipients = {m.to[0] for m in mail.outbox}
    assert users["leeds_coordinator"].email in recipients  # the area owes its audits
    assert all("Kent" not in m.subject for m in mail.outbox)
    assert send_due_reminders(today=day_before) == 0
    assert Reminder.objects.filter(inspection=leeds, sent_at__isnull=False).exists()


def test_an_area_is_never_reminded_before_it_is_notified(users: dict[str, User]) -> None:
    planned = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    notification = planned.planned("notification")
    assert notification is not None
    send_due_reminders(today=notification - dt.timedelta(days=1))
    assert users["kent_coordinator"].email not in {m.to[0] for m in mail.outbox}
    assert users["lead_inspector"].email in {m.to[0] for m in mail.outbox}


def test_a_failed_send_is_retried_on_the_next_run(leeds: Inspection, settings: Any) -> None:
    audit_due = leeds.planned("audit_due")
    assert audit_due is not None
    settings.EMAIL_BACKEND = "tests.inspections.failing_email.Backend"
    with pytest.raises(ConnectionError):
        send_due_reminders(today=audit_due)
    assert not Reminder.objects.filter(sent_at__isnull=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(today=audit_due) >= 1
