from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve the application with gunicorn (worker processes from WEB_CONCURRENCY, default"
        " 2; threads in each from WEB_THREADS, default 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "1")))
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("WEB_TIMEOUT", "60")))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app import wsgiapp

        # Requests are logged by the service itself (core.request_id), as JSON and without
        # addresses or query strings, so gunicorn's own access log stays off.
        sys.argv = [
            "gunicorn",
            "--bind", options["bind"],
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--timeout", str(options["timeout"]),
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            # systemd manages each app process; gunicorn's control socket, one path per
            # user's home, would be shared and removed by whichever process stops first.
            "--no-control-socket",
            "jtai.config.wsgi:application",
        ]  # fmt: skip
        wsgiapp.run()
