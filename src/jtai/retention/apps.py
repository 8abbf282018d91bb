from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "jtai.retention"
    verbose_name = "Data retention"
