from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jtai.accounts.models import User
from jtai.demo.loader import DemoDataRefused, load_demo
from jtai.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load demonstration data into an empty development database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has users.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            return
        try:
            count = load_demo()
        except DemoDataRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {count} inspections. "
                f"Every demo account's password is {DEMO_PASSWORD}."
            )
        )
