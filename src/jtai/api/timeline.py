from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from jtai.programme.selectors import UnknownFramework, timeline_document

router = Router(tags=["timeline"])


class TimelineQuery(Schema):
    fieldwork_start: dt.date
    framework: str | None = None
    published: dt.date | None = None


class TimelineOut(Schema):
    framework: str
    fieldwork_start: dt.date
    published: dt.date | None
    dates: dict[str, dt.date]
    warnings: list[str]


class ErrorOut(Schema):
    detail: str


# A calculator over public rules: it reveals nothing about any inspection, so anyone
# may use it (the one deliberate exception to the API's signed-in default).
@router.get(
    "/timeline",
    response={200: TimelineOut, 400: ErrorOut},
    auth=None,
    summary="Key dates of an inspection from its fieldwork start",
)
def timeline(request: HttpRequest, query: Query[TimelineQuery]) -> Any:
    if query.published is not None and query.published < query.fieldwork_start:
        raise HttpError(400, "published must not be before fieldwork_start.")
    try:
        return timeline_document(
            fieldwork_start=query.fieldwork_start,
            framework_key=query.framework,
            published=query.published,
        )
    except (UnknownFramework, ValueError, OverflowError) as error:
        raise HttpError(400, str(error)) from error
