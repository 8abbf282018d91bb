"""Reminder emails before key dates. Each (inspection, key date, due date, recipient)
is sent at most once: the Reminder row is claimed under a unique constraint in the same
transaction that sends, so a retried or concurrent run skips what is already sent, and a
failed send rolls back its claim so the next run tries again."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from jtai.accounts.models import User
from jtai.accounts.roles import Role
from jtai.programme.selectors import working_calendar

from .models import ACTIVE_STATUSES, Inspection, Reminder, TeamMember, TeamRole
from .selectors import KeyDateRow, key_date_rows

logger = logging.getLogger(__name__)


def _recipients(inspection: Inspection, row: KeyDateRow) -> list[User]:
    if row.owner == "local area":
        if inspection.notified_at is None:
            return []  # the area must not hear of an inspection before notification
        return list(
            User.objects.filter(
                area=inspection.area, role=Role.PARTNERSHIP_COORDINATOR, is_active=True
            )
        )
    return [
        m.user
        for m in inspection.team_members.all()
        if m.team_role == TeamRole.LEAD_INSPECTOR and m.user.is_active
    ]


def send_due_reminders(*, today: dt.date | None = None) -> int:
    """Send every reminder due today; returns how many emails were sent."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    horizon = calendar.add_working_days(today, settings.JTAI_REMINDER_WORKING_DAYS)
    inspections = (
        Inspection.objects.filter(status__in=ACTIVE_STATUSES)
        .select_related("area", "theme", "framework")
        .prefetch_related(
            Prefetch("team_members", queryset=TeamMember.objects.select_related("user"))
        )
    )
    sent = 0
    for inspection in inspections:
        for row in key_date_rows(inspection, calendar, today):
            if row.met or row.planned is None or not today <= row.planned <= horizon:
                continue
            for recipient in _recipients(inspection, row):
                sent += _send_once(inspection, row, row.planned, recipient)
    return sent


def _send_once(inspection: Inspection, row: KeyDateRow, due_on: dt.date, recipient: User) -> int:
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            inspection=inspection, key_date=row.name, due_on=due_on, recipient=recipient
        )
        if not created:
            reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
        if reminder.sent_at is not None:
            return 0
        context = {"inspection": inspection, "row": row, "recipient": recipient}
        send_mail(
            subject=f"{row.label} due {due_on:%A %-d %B %Y}: {inspection.area.name}",
            message=render_to_string("inspections/email/reminder.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
    logger.info("Sent reminder %s to user %s", reminder.pk, recipient.pk)
    return 1
