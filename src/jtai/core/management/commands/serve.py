from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the application with gunicorn (workers from WEB_CONCURRENCY, default 2)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("WEB_TIMEOUT", "60")))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app import wsgiapp

        # Requests are logged by the service itself (core.request_id), as JSON and without
        # addresses or query strings, so gunicorn's own access log stays off.
        sys.argv = [
            "gunicorn",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--timeout", str(options["timeout"]),
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "jtai.config.wsgi:application",
        ]  # fmt: skip
        wsgiapp.run()
