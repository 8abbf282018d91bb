from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "jtai.publication"
    verbose_name = "Publication"
