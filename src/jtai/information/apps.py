from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "jtai.information"
    verbose_name = "Information requests"
