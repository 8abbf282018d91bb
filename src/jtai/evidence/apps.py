from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "jtai.evidence"
    verbose_name = "Evidence and case tracking"
