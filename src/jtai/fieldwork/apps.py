from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "jtai.fieldwork"
    verbose_name = "Fieldwork timetable"
