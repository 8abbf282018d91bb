from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "jtai.library"
    verbose_name = "Learning library"
