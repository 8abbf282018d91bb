from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "jtai.programme"
    verbose_name = "Programme"
