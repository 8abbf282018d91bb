"""Realistic synthetic children's case lists, for the demonstration, the tests and the
benchmark. Every child is invented: references are sequential, and the mix of ages,
ethnicities, statuses and agencies follows the shape of published children-in-need
statistics for a large English city, not any real record. Pure Python."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator

from openpyxl import Workbook

HEADINGS = (
    "Child ID",
    "Gender",
    "Ethnicity",
    "Date of birth",
    "Disability",
    "Referral date",
    "Assessment date",
    "Strategy discussion date",
    "Section 47 enquiry date",
    "ICPC date",
    "Plan start date",
    "Allocated team",
    "Agencies involved",
    "Status",
)

_ETHNICITIES = (
    ("White British", 62),
    ("Any other White background", 6),
    ("White Irish", 1),
    ("Gypsy or Roma", 2),
    ("Traveller of Irish heritage", 1),
    ("White and Black Caribbean", 4),
    ("White and Black African", 2),
    ("White and Asian", 2),
    ("Any other mixed background", 3),
    ("Indian", 1),
    ("Pakistani", 5),
    ("Bangladeshi", 1),
    ("Chinese", 1),
    ("Any other Asian background", 1),
    ("Black Caribbean", 1),
    ("Black African", 4),
    ("Any other Black background", 1),
    ("Any other ethnic group", 2),
    ("Refused", 1),
    ("Not known", 2),
)
_GENDERS = (("Female", 48), ("Male", 50), ("Other", 1), ("Not known", 1))
_DISABILITY = (("No", 80), ("Yes", 11), ("", 9))
_STATUSES = (
    ("Child in need", 45),
    ("Child protection plan", 24),
    ("Child in care", 18),
    ("Early help", 8),
    ("Child in need; Child in care", 3),
    ("Child protection plan; Child in care", 2),
)
_AGENCIES = (
    ("Children's social care; Police", 22),
    ("Children's social care; Health", 18),
    ("Children's social care; Police; Health", 20),
    ("Children's social care; Police; Health; Education", 14),
    ("Children's social care; Education", 9),
    ("Children's social care; Police; Probation", 7),
    ("Children's social care; Health; Youth justice", 4),
    ("Children's social care; Police; Health; Probation", 6),
)
_TEAM_KINDS = (
    "Front Door",
    "Duty and Assessment",
    "Children in Need",
    "Child Protection",
    "Children Looked After",
    "Early Help Hub",
    "Disabled Children's Team",
)
_QUARTERS = ("North", "South", "East", "West", "Central")


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def synthetic_rows(
    count: int, *, notified_on: dt.date, prefix: str = "CHD", seed: int = 2026
) -> Iterator[list[str | dt.date | None]]:
    """``count`` rows (without headings) of a list as an area's system exports it, with
    dates as dates."""
    rng = random.Random(seed)  # noqa: S311 - invented data, not a secret
    for n in range(count):
        status = _weighted(rng, _STATUSES)
        age_days = rng.randint(0, 18 * 365 - 1)
        if status == "Child in care":
            age_days = rng.randint(365, 18 * 365 - 1)
        born = notified_on - dt.timedelta(days=age_days)
        referral = notified_on - dt.timedelta(days=rng.randint(20, min(age_days + 20, 720)))
        referral = max(referral, born)
        assessment = referral + dt.timedelta(days=rng.randint(1, 30))
        protection = "protection" in status.lower()
        strategy = referral + dt.timedelta(days=rng.randint(0, 3)) if protection else None
        s47 = strategy + dt.timedelta(days=rng.randint(0, 2)) if strategy else None
        icpc = s47 + dt.timedelta(days=rng.randint(10, 15)) if s47 else None
        plan = (icpc or assessment + dt.timedelta(days=rng.randint(5, 20))) if status else None
        team_kind = rng.choice(_TEAM_KINDS)
        yield [
            f"{prefix}{100000 + n}",
            _weighted(rng, _GENDERS),
            _weighted(rng, _ETHNICITIES),
            born,
            _weighted(rng, _DISABILITY),
            referral,
            min(assessment, notified_on),
            strategy and min(strategy, notified_on),
            s47 and min(s47, notified_on),
            icpc and min(icpc, notified_on),
            plan and min(plan, notified_on),
            f"{team_kind} {rng.choice(_QUARTERS)}",
            _weighted(rng, _AGENCIES),
            status,
        ]


def synthetic_csv(
    count: int, *, notified_on: dt.date, prefix: str = "CHD", seed: int = 2026
) -> bytes:
    """The list as Excel's 'CSV UTF-8' saves it: a byte-order mark, dates as 31/01/2015."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in synthetic_rows(count, notified_on=notified_on, prefix=prefix, seed=seed):
        writer.writerow([f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else v or "" for v in row])
    return out.getvalue().encode("utf-8-sig")


def synthetic_xlsx(
    count: int, *, notified_on: dt.date, prefix: str = "CHD", seed: int = 2026
) -> bytes:
    """The same list as a workbook with date cells, its text in a shared-strings table as
    Excel writes it."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has a sheet
    sheet.title = "Children"
    sheet.append(list(HEADINGS))
    for row in synthetic_rows(count, notified_on=notified_on, prefix=prefix, seed=seed):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
