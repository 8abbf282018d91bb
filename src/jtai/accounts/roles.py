"""Roles and the audiences built from them. Kept free of models so that every layer,
templates included, can name an audience without importing the user model."""

from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    LEAD_INSPECTOR = "lead_inspector", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    QA_MANAGER = "qa_manager", "Quality assurance manager"
    PARTNERSHIP_COORDINATOR = "partnership_coordinator", "Partnership coordinator"
    AGENCY_CONTACT = "agency_contact", "Agency contact"


INSPECTORATE_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.PROGRAMME_MANAGER,
        Role.LEAD_INSPECTOR,
        Role.INSPECTOR,
        Role.QA_MANAGER,
    }
)
LOCAL_AREA_ROLES = frozenset({Role.PARTNERSHIP_COORDINATOR, Role.AGENCY_CONTACT})
# Roles that see every inspection in the programme, not only those they are staffed on.
PROGRAMME_WIDE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_MANAGER})
