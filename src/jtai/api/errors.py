"""How the API says no: every refusal is JSON with a plain-English `detail`, and a 422
also lists each problem with the parameter it is about. Each operation declares the ones
it can give, so that clients know the shape of every answer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

DATE_FORM = "a date written as YYYY-MM-DD, like 2026-05-18"
# Python's \d also matches other scripts' digits; only ASCII digits make an ISO date.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in plain English")


class ProblemOut(Schema):
    parameter: str = Field(description="The parameter the problem is with")
    message: str = Field(description="The problem, in plain English")


class ValidationErrorOut(ErrorOut):
    problems: list[ProblemOut] = Field(description="Each problem, in the order found")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic on its own also reads a bare number as a date (seconds
    or days since 1970) and Python reads 20260518 as one, neither of which anybody
    means."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # 2026-02-30 has the form but is no date: refused like the rest
    raise PydanticCustomError("iso_date", "must be " + DATE_FORM)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

_PHRASES = {
    "missing": "is required",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "less_than": "must be less than {lt}",
    "string_too_long": "must be at most {max_length} characters long",
    "string_type": "must be text",
}


def _problem(error: dict[str, Any]) -> dict[str, str]:
    # loc is ("query", "fieldwork_start") or ("path", "slug"): the name is what was sent.
    location = [str(part) for part in error.get("loc", ())]
    parameter = location[-1] if len(location) > 1 else "request"
    template = _PHRASES.get(error["type"])
    if template is not None:
        phrase = template.format(**error.get("ctx", {}))
    elif error["type"] == "iso_date":
        phrase = error["msg"]
    else:
        # pydantic's own wording ("Input should be ..."), rare enough to pass on as it is.
        phrase = "is not valid: " + error["msg"][0].lower() + error["msg"][1:]
    return {"parameter": parameter, "message": f"{parameter} {phrase}."}


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default answers (pydantic's error objects, "Unauthorized") with
    the shapes the schema declares. A 401 is the answer of any operation that does not
    say it is open to anyone (the API's default is a signed-in session)."""

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        problems = [_problem(error) for error in exc.errors]
        detail = " ".join(problem["message"] for problem in problems)
        return api.create_response(request, {"detail": detail, "problems": problems}, status=422)

    @api.exception_handler(AuthenticationError)
    def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = "Sign in to the service, with your two-factor code, to use this."
        return api.create_response(request, {"detail": detail}, status=401)
