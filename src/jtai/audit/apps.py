from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jtai.audit"
    verbose_name = "Access log"
