"""Refuse addresses carrying NUL characters before any view sees them.

PostgreSQL cannot hold or compare text containing NUL (0x00), so a search for one would
reach the database as a server error rather than a plain answer. No person types one: it
is a mistake or a probe, refused at the door with 400. Forms already refuse NUL in posted
fields (Django's CharField), and uploaded files are bytes, so only the path and the query
string need checking here."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "The address contains a character that is not allowed (a NUL character)."


class RefuseNullCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                # In the shape the API's schema declares for every refusal.
                return JsonResponse({"detail": MESSAGE}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
