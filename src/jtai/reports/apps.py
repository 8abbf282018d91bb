from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jtai.reports"
    verbose_name = "Findings letters"
