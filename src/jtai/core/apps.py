from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jtai.core"
    verbose_name = "Service frame"
