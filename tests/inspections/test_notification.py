from __future__ import annotations

from typing import Any

from django.core import mail

from jtai.accounts.models import User
from jtai.inspections import services
from jtai.inspections.models import EventKind, Inspection, Status
from jtai.inspections.notifications import send_notification

from .factories import at


def notify(inspection: Inspection, actor: User, capture: Any) -> Inspection:
    day = inspection.planned("notification")
    assert day is not None
    with capture(execute=True):
        return services.inspection_transition(
            actor=actor, inspection=inspection, transition="notify", now=at(day)
        )


def test_the_area_is_emailed_once_when_notified(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    mail.outbox.clear()
    notify(kent, users["lead_inspector"], django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [users["kent_coordinator"].email, users["kent_health"].email]
    message = mail.outbox[0]
    assert message.subject == "Joint targeted area inspection of Kent"
    assert "Care Quality Commission" in message.body
    assert "and His Majesty's Inspectorate of Probation will carry out" in message.body
    assert f"/inspections/{kent.reference}/" in message.body
    event = kent.events.get(kind=EventKind.NOTIFICATION_SENT)
    assert set(event.data["recipients"]) == {users["kent_coordinator"].pk, users["kent_health"].pk}
    # A retried task sends nothing more.
    assert send_notification(kent.pk) == 0
    assert len(mail.outbox) == 2


def test_no_email_when_the_step_is_refused(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    mail.outbox.clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.inspection_transition(
                actor=users["inspector"], inspection=kent, transition="notify"
            )
    except services.InspectionError:
        pass
    assert mail.outbox == []
    assert not kent.events.filter(kind=EventKind.NOTIFICATION_SENT).exists()


def test_the_email_event_sits_with_the_notification_in_the_history(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    notified = notify(kent, users["lead_inspector"], django_capture_on_commit_callbacks)
    event = kent.events.get(kind=EventKind.NOTIFICATION_SENT)
    assert event.occurred_at == notified.notified_at
    assert event.data["sent_at"]
