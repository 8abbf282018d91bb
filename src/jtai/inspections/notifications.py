"""The notification email: the moment a local area learns of its inspection. Sent to the
partnership coordinators and agency contacts of the area, once: the event it writes is
checked under a row lock, so a retried task does not email anyone twice."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jtai.accounts.models import User
from jtai.accounts.roles import LOCAL_AREA_ROLES

from .events import record_event
from .models import EventKind, Inspection, Status

logger = logging.getLogger(__name__)


def area_recipients(inspection: Inspection) -> list[User]:
    return list(
        User.objects.filter(
            area=inspection.area_id, role__in=sorted(LOCAL_AREA_ROLES), is_active=True
        ).order_by("email")
    )


@transaction.atomic
def send_notification(inspection_id: int) -> int:
    """Email the area that it is to be inspected; returns how many emails were sent."""
    inspection = (
        Inspection.objects.select_for_update().select_related("area", "theme").get(pk=inspection_id)
    )
    if inspection.notified_at is None or inspection.status == Status.WITHDRAWN:
        return 0
    if inspection.events.filter(kind=EventKind.NOTIFICATION_SENT).exists():
        return 0
    recipients = area_recipients(inspection)
    link = settings.JTAI_BASE_URL.rstrip("/") + reverse(
        "inspections:detail", args=[inspection.reference]
    )
    names = [i.name for i in inspection.inspectorates.all()]
    inspectorates = (
        ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    )
    for recipient in recipients:
        send_mail(
            subject=f"Joint targeted area inspection of {inspection.area.name}",
            message=render_to_string(
                "inspections/email/notification.txt",
                {
                    "inspection": inspection,
                    "recipient": recipient,
                    "link": link,
                    "inspectorates": inspectorates,
                },
            ),
            from_email=None,
            recipient_list=[recipient.email],
        )
    # The email belongs to the notification step, so history shows it there; when it was
    # actually sent (normally moments later) is kept too.
    record_event(
        inspection=inspection,
        kind=EventKind.NOTIFICATION_SENT,
        actor=None,
        summary=f"Notification emailed to {len(recipients)} people in {inspection.area.name}",
        data={"recipients": [r.pk for r in recipients], "sent_at": timezone.now().isoformat()},
        occurred_at=inspection.notified_at,
    )
    logger.info(
        "Notification for inspection %s emailed to %d people", inspection.pk, len(recipients)
    )
    return len(recipients)
