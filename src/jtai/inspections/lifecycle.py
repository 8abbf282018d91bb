"""The inspection lifecycle as data: which transitions exist, who may make them, and
which key date each one records as having actually happened."""

from __future__ import annotations

from dataclasses import dataclass

from jtai.accounts.roles import Role

from .models import STATUS_ORDER, Status, TeamRole


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    # Team roles on this inspection that may act, and roles that may act on any inspection.
    team_roles: frozenset[str]
    roles: frozenset[str]
    records: tuple[str, ...] = ()
    needs_reason: bool = False
    not_before: str | None = None  # a planned key date before which it is refused
    # A page of its own that takes this step (given the inspection's reference), instead
    # of the generic confirmation page.
    url_name: str | None = None


_NON_TERMINAL = frozenset(s for s in Status if s not in {Status.CLOSED, Status.WITHDRAWN})
_PROGRAMME = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})
_LEAD = frozenset({TeamRole.LEAD_INSPECTOR})
_QA = frozenset({TeamRole.QA_MANAGER})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "notify",
            "Notify the area",
            frozenset({Status.PLANNED}),
            Status.NOTIFIED,
            _LEAD,
            _PROGRAMME,
            records=("notification",),
            not_before="notification",
        ),
        Transition(
            "request_information",
            "Send the information request",
            frozenset({Status.NOTIFIED}),
            Status.INFORMATION_GATHERING,
            _LEAD,
            _PROGRAMME,
            url_name="information:send",  # the lead reviews the items and due dates first
        ),
        Transition(
            "start_fieldwork",
            "Start fieldwork",
            frozenset({Status.INFORMATION_GATHERING}),
            Status.FIELDWORK,
            _LEAD,
            _PROGRAMME,
            records=("fieldwork_start",),
            not_before="fieldwork_start",
        ),
        Transition(
            "close_fieldwork",
            "Close fieldwork and give feedback",
            frozenset({Status.FIELDWORK}),
            Status.DRAFTING,
            _LEAD,
            _PROGRAMME,
            records=("fieldwork_end", "feedback"),
        ),
        Transition(
            "submit_for_qa",
            "Send the draft for quality assurance",
            frozenset({Status.DRAFTING}),
            Status.QUALITY_ASSURANCE,
            _LEAD,
            frozenset(),
            url_name="reports:submit",  # refused while a required section is empty
        ),
        Transition(
            "return_draft",
            "Return the draft to the team",
            frozenset({Status.QUALITY_ASSURANCE}),
            Status.DRAFTING,
            _QA,
            frozenset(),
            needs_reason=True,
            url_name="reports:review",  # beside signing off, on the QA manager's page
        ),
        Transition(
            "send_draft",
            "Sign off and send the draft to the area",
            frozenset({Status.QUALITY_ASSURANCE}),
            Status.FACTUAL_ACCURACY,
            _QA,
            frozenset(),
            records=("draft_report",),
            url_name="reports:send",  # only a signed-off draft, frozen as sent
        ),
        Transition(
            "finalise",
            "Send the final report, embargoed",
            frozenset({Status.FACTUAL_ACCURACY}),
            Status.FINALISED,
            _LEAD,
            _PROGRAMME,
            records=("final_report",),
            url_name="reports:finalise",  # builds the final letter for publication
        ),
        Transition(
            "publish",
            "Publish the report",
            frozenset({Status.FINALISED}),
            Status.PUBLISHED,
            frozenset(),
            _PROGRAMME,
            records=("publication",),
            url_name="publication:report",  # publishes the report kept under embargo
        ),
        Transition(
            "receive_action_plan",
            "Record the written statement of action",
            frozenset({Status.PUBLISHED}),
            Status.ACTION_PLAN_RECEIVED,
            _LEAD,
            _PROGRAMME | {Role.PARTNERSHIP_COORDINATOR},
            records=("wsoa_due",),
            url_name="publication:report",  # the statement itself is uploaded there
        ),
        Transition(
            "close",
            "Close the inspection",
            frozenset({Status.ACTION_PLAN_RECEIVED}),
            Status.CLOSED,
            frozenset(),
            _PROGRAMME,
        ),
        Transition(
            "withdraw",
            "Withdraw the inspection",
            _NON_TERMINAL,
            Status.WITHDRAWN,
            frozenset(),
            _PROGRAMME,
            needs_reason=True,
        ),
    )
}

# A key date is met once the inspection has reached this status, even where no event
# records it exactly (for example the area's information returns are due in week 1).
KEY_DATE_MET_AT: dict[str, str] = {
    "notification": Status.NOTIFIED,
    "information_due": Status.FIELDWORK,
    "case_selection": Status.FIELDWORK,
    "audit_due": Status.FIELDWORK,
    "fieldwork_start": Status.FIELDWORK,
    "fieldwork_end": Status.DRAFTING,
    "feedback": Status.DRAFTING,
    "draft_report": Status.FACTUAL_ACCURACY,
    "factual_accuracy_due": Status.FINALISED,
    "final_report": Status.FINALISED,
    "publication": Status.PUBLISHED,
    "wsoa_due": Status.ACTION_PLAN_RECEIVED,
}


def status_rank(status: str) -> int:
    """Position on the main line; a withdrawn inspection ranks after everything."""
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def key_dates_met(names: list[str], status: str, actual_dates: dict[str, str]) -> list[bool]:
    """Whether each key date (given in the framework's date order) has been met. A date
    with no known completing status (one an administrator added) counts as met once any
    later key date is, since the rules list them in the order they fall."""
    known = [
        name in actual_dates
        or (
            name in KEY_DATE_MET_AT
            and status != Status.WITHDRAWN
            and status_rank(status) >= status_rank(KEY_DATE_MET_AT[name])
        )
        for name in names
    ]
    met_later = False
    result = []
    for name, met in reversed(list(zip(names, known, strict=True))):
        met_later = met_later or met
        result.append(met or (name not in KEY_DATE_MET_AT and met_later))
    return result[::-1]


def available_transitions(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
