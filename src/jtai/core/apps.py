from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jtai.core"
    verbose_name = "Service frame"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401 - registers the system checks
            sessions,  # noqa: F401 - connects the sign-in signal
        )
