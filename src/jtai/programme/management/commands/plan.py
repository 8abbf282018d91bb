"""`jtai plan solve problem.json [--json] [--time-limit S]`: what-if planning from a
problem file (docs/planning.md), with exactly the planning package's command line, output
and exit status (0 for any answer, INFEASIBLE included; 2 for a problem that cannot be
read, with messages naming what is wrong; 1 if a plan ever failed the checker)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai import planning


class Command(BaseCommand):
    help = "Programme planning: solve, greedy, example or schema (see docs/planning.md)."

    def run_from_argv(self, argv: list[str]) -> NoReturn:
        # The package's own parser, so `jtai plan --help` and every message are its own.
        sys.exit(planning.main(argv[2:]))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arguments", nargs=argparse.REMAINDER)

    def handle(self, *args: Any, **options: Any) -> None:
        status = planning.main([*args, *options["arguments"]])
        if status:
            raise CommandError(f"jtai plan exited with status {status}", returncode=status)
