"""The embargoed report's email to the area's leaders. Sent once: the report row is
locked and stamped, so a retried task emails no one twice."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jtai.inspections.notifications import area_recipients

from .models import Report
from .wording import moment

logger = logging.getLogger(__name__)


@transaction.atomic
def email_embargoed_report(report_id: int) -> int:
    """Email the area's coordinators and agency contacts that the final report is ready
    to read under embargo; returns how many emails were sent."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspection__area")
        .get(pk=report_id)
    )
    if report.inspection is None or report.leaders_emailed_at is not None:
        return 0
    inspection = report.inspection
    recipients = area_recipients(inspection)
    link = settings.JTAI_BASE_URL.rstrip("/") + reverse(
        "publication:report", args=[inspection.reference]
    )
    for recipient in recipients:
        send_mail(
            subject=f"Embargoed: the final report of the inspection of {inspection.area.name}",
            message=render_to_string(
                "publication/email/embargoed.txt",
                {
                    "report": report,
                    "recipient": recipient,
                    "link": link,
                    "until": moment(report.publish_at),
                },
            ),
            from_email=None,
            recipient_list=[recipient.email],
        )
    report.leaders_emailed_at = timezone.now()
    report.save(update_fields=["leaders_emailed_at"])
    logger.info("Embargoed report %s emailed to %d people", report.slug, len(recipients))
    return len(recipients)
