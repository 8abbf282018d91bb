from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "jtai.cases"
    label = "cases"
    verbose_name = "Children's cases"
