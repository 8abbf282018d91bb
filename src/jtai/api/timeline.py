from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from jtai.programme.selectors import UnknownFramework, timeline_document

from .errors import DATE_FORM, ErrorOut, IsoDate, ValidationErrorOut

router = Router(tags=["timeline"])


class TimelineQuery(Schema):
    fieldwork_start: IsoDate = Field(description="First day of fieldwork, " + DATE_FORM)
    framework: str | None = Field(None, description="Framework version key, e.g. 2016")
    published: IsoDate | None = Field(None, description="Day published, " + DATE_FORM)


class TimelineOut(Schema):
    framework: str
    fieldwork_start: dt.date
    published: dt.date | None
    dates: dict[str, dt.date]
    warnings: list[str]


# A calculator over public rules: it reveals nothing about any inspection, so anyone
# may use it (a deliberate exception to the API's signed-in default, like the published
# reports).
@router.get(
    "/timeline",
    # 400: well formed but not answerable (an unknown framework, a date outside the
    # calendar, a NUL character refused at the door); 422: not well formed.
    response={200: TimelineOut, 400: ErrorOut, 422: ValidationErrorOut},
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
