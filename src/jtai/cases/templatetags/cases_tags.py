"""Template helpers for children's cases."""

from __future__ import annotations

import datetime as dt

from django import template

from ..models import Audit, AuditSection

register = template.Library()


@register.filter
def late_on(item: Audit | AuditSection, today: dt.date) -> bool:
    """Whether an audit, or a section of one, is past its due date and not done."""
    return item.is_late(today)
