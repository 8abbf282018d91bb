"""Forms of the timetable pages: they turn what people type into the services' data and
keep it when a save is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency
from jtai.core.forms import GovukDateField
from jtai.inspections.models import TeamMember

from .models import Activity, ActivityKind, Subgroup
from .services import ActivityData, ActivityRequest, ParticipantData

TIME_HINT = "Use the 24-hour clock, for example 09:30 or 14:00"
TIME_ERRORS = {"invalid": "Enter a time like 09:30 or 14:00"}


def _choices(form: forms.Form, name: str, choices: Sequence[tuple[Any, str]]) -> None:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)


def _member_choices(team: Sequence[TeamMember]) -> list[tuple[int, str]]:
    return [
        (m.pk, f"{m.user.full_name} ({m.user.inspectorate or ''}, {m.get_team_role_display()})")
        for m in sorted(team, key=lambda m: m.user.full_name)
    ]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=[("", "Choose a kind"), *ActivityKind.choices],
        error_messages={"required": "Choose what kind of activity this is"},
    )
    title = forms.CharField(
        max_length=200,
        help_text="For example 'Strategy meeting, east locality' or 'Case discussion'. "
        "Never a child's name.",
        error_messages={"required": "Enter a title for the activity"},
    )
    case_reference = forms.CharField(
        label="Case reference (optional)",
        max_length=40,
        required=False,
        help_text="The area's reference for the child's case, for a case discussion or a "
        "conversation with a family.",
    )
    day = GovukDateField(label="Day", error_messages={"required": "Enter the day of the activity"})
    starts = forms.TimeField(
        label="Start time",
        help_text=TIME_HINT,
        error_messages={"required": "Enter the start time", **TIME_ERRORS},
    )
    ends = forms.TimeField(
        label="End time",
        help_text=TIME_HINT,
        error_messages={"required": "Enter the end time", **TIME_ERRORS},
    )
    place = forms.CharField(label="Room or place", max_length=200, required=False)
    video_link = forms.URLField(
        label="Video link (optional)",
        assume_scheme="https",
        max_length=500,
        required=False,
        error_messages={"invalid": "Enter the video link as a web address, starting https://"},
    )
    inspectors = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    subgroup = forms.TypedChoiceField(
        label="Subgroup (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="With no inspectors ticked, the subgroup's members take part.",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    override = forms.BooleanField(label="Keep it despite the clash", required=False)
    override_reason = forms.CharField(
        label="Why it must stay (if it clashes)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, team: Sequence[TeamMember], subgroups: Sequence[Subgroup], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "inspectors", _member_choices(team))
        _choices(self, "subgroup", [("", "None")] + [(s.pk, s.name) for s in subgroups])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", "Say why the activity must stay despite the clash")
        return data

    def moment(self, name: str) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data[name])
        )

    def to_data(self, participants: tuple[ParticipantData, ...]) -> ActivityData:
        c = self.cleaned_data
        return ActivityData(
            kind=c["kind"],
            title=c["title"],
            starts_at=self.moment("starts"),
            ends_at=self.moment("ends"),
            place=c["place"],
            video_link=c["video_link"],
            inspector_ids=frozenset(c["inspectors"]),
            subgroup_id=c["subgroup"],
            participants=participants,
            case_reference=c["case_reference"],
            notes=c["notes"],
        )

    def kept_reason(self) -> str:
        c = self.cleaned_data
        return str(c["override_reason"]) if c.get("override") else ""

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        start = timezone.localtime(activity.starts_at)
        return {
            "kind": activity.kind,
            "title": activity.title,
            "case_reference": activity.case_reference,
            "day": start.date(),
            "starts": start.strftime("%H:%M"),
            "ends": timezone.localtime(activity.ends_at).strftime("%H:%M"),
            "place": activity.place,
            "video_link": activity.video_link,
            "inspectors": [m.pk for m in activity.inspectors.all()],
            "subgroup": activity.subgroup_id,
            "notes": activity.notes,
            "override": bool(activity.clash_override_reason),
            "override_reason": activity.clash_override_reason,
            "version": activity.version,
        }


class ParticipantForm(forms.Form):
    """One adult from the area; a row left empty is ignored."""

    name = forms.CharField(label="Name", max_length=150, required=False)
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    agency = forms.TypedChoiceField(label="Agency", coerce=int, empty_value=None, required=False)
    user = forms.TypedChoiceField(
        label="Their account on this service (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="So that they see the activity in their own calendar.",
    )

    def __init__(
        self,
        *args: Any,
        agencies: Sequence[Agency] = (),
        accounts: Sequence[User] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Every row is read, even one left as it was: an unchanged row is a participant.
        self.empty_permitted = False
        _choices(self, "agency", [("", "Choose an agency")] + [(a.pk, a.name) for a in agencies])
        _choices(
            self,
            "user",
            [("", "No account")]
            + [(u.pk, f"{u.full_name}, {u.organisation_name}") for u in accounts],
        )
        self._accounts = {u.pk: u for u in accounts}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        account = self._accounts.get(data.get("user") or 0)
        if account is not None:
            data["name"] = data.get("name") or account.full_name
            data["job_title"] = data.get("job_title") or account.job_title
            if not data.get("agency") and account.agency_id:
                data["agency"] = account.agency_id
        if any(data.get(k) for k in ("name", "job_title", "agency", "user")):
            if not data.get("name"):
                self.add_error("name", "Enter the person's name")
            if not data.get("agency"):
                self.add_error("agency", "Choose the person's agency")
        return data

    def to_data(self) -> ParticipantData | None:
        c = self.cleaned_data
        if not c.get("name"):
            return None
        return ParticipantData(
            name=c["name"], job_title=c["job_title"], agency_id=c["agency"], user_id=c["user"]
        )


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=0)

EXTRA_PARTICIPANT_ROWS = 3


def participant_formset(
    data: Any,
    *,
    activity: Activity | None,
    agencies: Sequence[Agency],
    accounts: Sequence[User],
) -> Any:
    initial = [
        {"name": p.name, "job_title": p.job_title, "agency": p.agency_id, "user": p.user_id}
        for p in (activity.participants.all() if activity is not None else [])
    ]
    initial += [{}] * EXTRA_PARTICIPANT_ROWS
    return ParticipantFormSet(
        data,
        initial=initial,
        prefix="people",
        form_kwargs={"agencies": agencies, "accounts": accounts},
    )


def participants_of(formset: Any) -> tuple[ParticipantData, ...]:
    return tuple(p for form in formset.forms if (p := form.to_data()) is not None)


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label="Can this activity go ahead?",
        choices=[("confirm", "Yes, confirm it"), ("decline", "No, it cannot go ahead")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the activity can go ahead"},
    )
    reason = forms.CharField(
        label="Why it cannot go ahead (if it cannot)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the activity cannot go ahead")
        return data


class SubgroupForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="For example 'Subgroup A: front door and early decisions'",
        error_messages={"required": "Enter a name for the subgroup"},
    )
    members = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, team: Sequence[TeamMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "members", _member_choices(team))


class TeamMeetingsForm(forms.Form):
    starts = forms.TimeField(
        label="Start time",
        initial="08:30",
        help_text=TIME_HINT,
        error_messages={"required": "Enter the start time", **TIME_ERRORS},
    )
    ends = forms.TimeField(
        label="End time",
        initial="09:00",
        help_text=TIME_HINT,
        error_messages={"required": "Enter the end time", **TIME_ERRORS},
    )
    place = forms.CharField(
        label="Room", max_length=200, error_messages={"required": "Enter where the team meets"}
    )


class FilterForm(forms.Form):
    inspector = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    subgroup = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)

    def __init__(
        self, *args: Any, team: Sequence[TeamMember], subgroups: Sequence[Subgroup], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "inspector", [("", "Everyone")] + [(m.pk, m.user.full_name) for m in team])
        _choices(self, "subgroup", [("", "Every subgroup")] + [(s.pk, s.name) for s in subgroups])


DURATIONS = [
    (30, "30 minutes"),
    (45, "45 minutes"),
    (60, "1 hour"),
    (90, "1 hour 30 minutes"),
    (120, "2 hours"),
    (180, "3 hours"),
]


class RequestForm(forms.Form):
    """One activity for the optimiser to place; a row with no title is ignored."""

    kind = forms.ChoiceField(label="Kind", choices=ActivityKind.choices, required=False)
    title = forms.CharField(label="Title", max_length=200, required=False)
    duration = forms.TypedChoiceField(label="Length", coerce=int, choices=DURATIONS, initial=60)
    subgroup = forms.TypedChoiceField(
        label="Subgroup", coerce=int, empty_value=None, required=False
    )
    inspector = forms.TypedChoiceField(
        label="Or one inspector", coerce=int, empty_value=None, required=False
    )
    person = forms.CharField(
        label="Person from the area (optional)", max_length=150, required=False
    )
    job_title = forms.CharField(label="Their job title", max_length=150, required=False)
    agency = forms.TypedChoiceField(
        label="Their agency", coerce=int, empty_value=None, required=False
    )
    place = forms.CharField(label="Room or place", max_length=200, required=False)
    day = forms.ChoiceField(label="Preferred day", required=False)

    def __init__(
        self,
        *args: Any,
        team: Sequence[TeamMember] = (),
        subgroups: Sequence[Subgroup] = (),
        agencies: Sequence[Agency] = (),
        days: Sequence[dt.date] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "subgroup", [("", "None")] + [(s.pk, s.name) for s in subgroups])
        _choices(self, "inspector", [("", "None")] + [(m.pk, m.user.full_name) for m in team])
        _choices(self, "agency", [("", "None")] + [(a.pk, a.name) for a in agencies])
        _choices(
            self,
            "day",
            [("", "Any day")] + [(d.isoformat(), f"{d:%A} {d.day} {d:%B}") for d in days],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title") or "").strip():
            return data
        if not data.get("subgroup") and not data.get("inspector"):
            self.add_error("subgroup", "Choose a subgroup or an inspector")
        if data.get("person") and not data.get("agency"):
            self.add_error("agency", "Choose the person's agency")
        if not (data.get("place") or "").strip():
            self.add_error("place", "Enter a room or place")
        return data

    def to_request(self) -> ActivityRequest | None:
        c = self.cleaned_data
        if not (c.get("title") or "").strip():
            return None
        people: tuple[ParticipantData, ...] = ()
        if c.get("person"):
            people = (ParticipantData(c["person"], c["job_title"], c["agency"]),)
        return ActivityRequest(
            kind=c["kind"] or ActivityKind.OTHER,
            title=c["title"],
            duration=dt.timedelta(minutes=c["duration"]),
            place=c["place"],
            inspector_ids=frozenset({c["inspector"]}) if c.get("inspector") else frozenset(),
            subgroup_id=c["subgroup"],
            participants=people,
            preferred_day=dt.date.fromisoformat(c["day"]) if c.get("day") else None,
        )


RequestFormSet = forms.formset_factory(RequestForm, extra=5, max_num=10)
