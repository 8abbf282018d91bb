from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "jtai.areas"
    verbose_name = "Local areas"
