"""The inspection's rules for choosing children, as the guidance sets them (domain.md,
section 6): a long list of around 20, a short list of 5 to 7 for the area to audit, and
at least 5 children case-tracked on site. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

LONG_LIST_USUAL = (15, 25)
LOCAL_AUDIT_MIN, LOCAL_AUDIT_MAX = 5, 7
CASE_TRACKING_MIN = 5
SUGGESTION_SIZES = (5, 6, 7)


@dataclass(frozen=True)
class Counts:
    long_list: int = 0  # everyone chosen, short-listed or not
    local_audit: int = 0
    case_tracking: int = 0
    case_sampling: int = 0

    @property
    def short_list(self) -> int:
        return self.local_audit + self.case_tracking + self.case_sampling


def _children(n: int) -> str:
    return f"{n} child" if n == 1 else f"{n} children"


def selection_warnings(counts: Counts) -> list[str]:
    """What is unusual about a selection: the inspectors may go ahead, but should know."""
    warnings = []
    low, high = LONG_LIST_USUAL
    if not low <= counts.long_list <= high:
        warnings.append(
            f"The long list has {_children(counts.long_list)}: it is usually around 20 "
            f"({low} to {high})."
        )
    if counts.local_audit < LOCAL_AUDIT_MIN:
        warnings.append(
            f"The short list for local audit has {_children(counts.local_audit)}: the area "
            f"is usually asked to audit {LOCAL_AUDIT_MIN} to {LOCAL_AUDIT_MAX}."
        )
    if counts.case_tracking < CASE_TRACKING_MIN:
        warnings.append(
            f"{_children(counts.case_tracking).capitalize()} chosen for case tracking: at "
            f"least {CASE_TRACKING_MIN} are tracked on site."
        )
    return warnings
