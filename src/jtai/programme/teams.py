"""Team compositions as the planning package knows them, and how a planned role becomes
a place on an inspection's team."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticError

from jtai import planning

if TYPE_CHECKING:
    from .models import TeamComposition


def planning_inspection_type(inspection_type: str) -> planning.InspectionType:
    # A revisit looks again at an earlier theme with a thematic team.
    if inspection_type == planning.InspectionType.FRONT_DOOR:
        return planning.InspectionType.FRONT_DOOR
    return planning.InspectionType.THEMATIC


def planning_composition(composition: TeamComposition) -> planning.TeamComposition:
    """The composition for a planning problem; pydantic's ValidationError if it is bad."""
    return planning.TeamComposition(
        key=composition.key,
        framework_version=composition.framework.key,
        inspection_type=planning_inspection_type(composition.inspection_type),
        roles=composition.roles,
    )


def _pydantic_messages(error: PydanticError) -> list[str]:
    messages = []
    for detail in error.errors():
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in detail["loc"])
        text = str(detail["msg"]).removeprefix("Value error, ")
        messages.append(f"{where.lstrip('.')}: {text}" if where else text)
    return messages


def composition_errors(composition: TeamComposition) -> list[str]:
    """What is wrong with a composition, in words an administrator can act on."""
    if not isinstance(composition.roles, list) or not composition.roles:
        return ["Give the roles as a list, at least one."]
    try:
        team = planning_composition(composition)
    except PydanticError as error:
        return _pydantic_messages(error)
    errors = []
    leads = sum(role.count for role in team.roles if role.requires is planning.Accreditation.LEAD)
    if leads > 1:
        errors.append(f"An inspection has one lead inspector, not {leads}.")
    try:
        taking_part = set(composition.framework.inspectorate_codes(composition.inspection_type))
    except ValueError:  # a type the framework does not know: nobody takes part
        taking_part = set()
    for role in team.roles:
        if role.inspectorate not in taking_part:
            errors.append(
                f"Role '{role.key}': {role.inspectorate} does not take part in"
                f" {composition.inspection_type} inspections under framework"
                f" {composition.framework.key}."
            )
    return errors


def team_role_for(role: dict[str, Any]) -> str:
    """The place on an inspection's team (jtai.inspections' TeamRole) of a planned role."""
    requires = role.get("requires")
    if requires == planning.Accreditation.LEAD:
        return "lead_inspector"
    if requires == planning.Accreditation.QA:
        return "qa_manager"
    return "inspector"
