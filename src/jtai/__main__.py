"""The `jtai` console script: one entry point for every project command.

`jtai <command>` is Django's manage.py. Production settings are the default, so an
operator gets the safe configuration unless they ask for another one explicitly.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jtai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
