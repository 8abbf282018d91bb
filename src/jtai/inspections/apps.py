from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "jtai.inspections"
    verbose_name = "Inspections"
