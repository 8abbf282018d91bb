"""The timetable's pages. Selectors decide what each user sees (404 for anything outside
their scope); services decide what they may change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jtai.accounts.models import User
from jtai.accounts.policy import Audience, allow, is_local_area_user
from jtai.accounts.roles import LOCAL_AREA_ROLES, Role
from jtai.areas.models import Agency
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections import selectors as inspection_selectors
from jtai.inspections.models import Inspection

from . import selectors, services
from .access import edit_refusal, may_fill, respond_refusal
from .calendar import calendar_for
from .forms import (
    ActivityForm,
    FilterForm,
    RequestFormSet,
    RespondForm,
    SubgroupForm,
    TeamMeetingsForm,
    participant_formset,
    participants_of,
)
from .models import Activity, CalendarFeed

# Service error fields that the form names differently.
_FIELD_OF = {"starts_at": "starts", "ends_at": "ends", "participants": None}


def _apply_error(form: Any, error: services.TimetableError) -> None:
    show_refusal(form, error, renamed=_FIELD_OF)


def _forbidden(request: AuthenticatedRequest, reason: str) -> HttpResponse:
    return render(request, "fieldwork/refused.html", {"reason": reason}, status=403)


def _editable_inspection(request: AuthenticatedRequest, reference: str) -> Inspection:
    return inspection_selectors.inspection_get(user=request.user, reference=reference)


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def timetable(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = inspection_selectors.inspection_get(user=request.user, reference=reference)
    if is_local_area_user(request.user) and inspection.notified_at is None:
        raise Http404("No such inspection.")
    subgroups = selectors.subgroups_of(inspection)
    team = sorted(inspection.team_members.all(), key=lambda m: m.user.full_name)
    filters = FilterForm(request.GET or None, team=team, subgroups=subgroups)
    inspector_id = subgroup_id = None
    if filters.is_bound and filters.is_valid():
        inspector_id = filters.cleaned_data["inspector"]
        subgroup_id = filters.cleaned_data["subgroup"]
    week = selectors.timetable(
        user=request.user,
        inspection=inspection,
        inspector_id=inspector_id,
        subgroup_id=subgroup_id,
    )
    return render(
        request,
        "fieldwork/timetable.html",
        {
            "inspection": inspection,
            "week": week,
            "filters": filters,
            "filtered": inspector_id is not None or subgroup_id is not None,
            "can_edit": edit_refusal(request.user, inspection) is None,
            "can_fill": may_fill(request.user, inspection),
            "is_local": is_local_area_user(request.user),
            "is_coordinator": request.user.role == Role.PARTNERSHIP_COORDINATOR,
        },
    )


def _people_choices(inspection: Inspection) -> tuple[list[Agency], list[User]]:
    agencies = list(Agency.objects.filter(area_id=inspection.area_id).order_by("kind", "name"))
    accounts = list(
        User.objects.filter(
            area_id=inspection.area_id, role__in=sorted(LOCAL_AREA_ROLES), is_active=True
        ).select_related("agency", "area")
    )
    return agencies, accounts


def _activity_form_page(
    request: AuthenticatedRequest,
    inspection: Inspection,
    *,
    activity: Activity | None,
    form: ActivityForm,
    people: Any,
    clashes: list[Any] | None = None,
    newer: Activity | None = None,
    status: int = 200,
) -> HttpResponse:
    people_errors = [e for f in people.forms for e in f.errors.values()] if people.is_bound else []
    return render(
        request,
        "fieldwork/activity_form.html",
        {
            "inspection": inspection,
            "activity": activity,
            "form": form,
            "people": people,
            "people_has_errors": bool(people_errors),
            "clashes": clashes or [],
            "newer": newer,
            "days": services.fieldwork_days(inspection),
        },
        status=status,
    )


def _save_activity(
    request: AuthenticatedRequest, inspection: Inspection, activity: Activity | None
) -> HttpResponse:
    refusal = edit_refusal(request.user, inspection)
    if refusal is not None:
        return _forbidden(request, refusal)
    subgroups = selectors.subgroups_of(inspection)
    team = list(inspection.team_members.all())
    agencies, accounts = _people_choices(inspection)
    post = request.POST if request.method == "POST" else None
    initial = ActivityForm.initial_for(activity) if activity is not None else {}
    form = ActivityForm(post, initial=initial, team=team, subgroups=subgroups)
    people = participant_formset(post, activity=activity, agencies=agencies, accounts=accounts)
    if post is None:
        return _activity_form_page(request, inspection, activity=activity, form=form, people=people)
    form_ok, people_ok = form.is_valid(), people.is_valid()
    if form_ok and people_ok:
        data = form.to_data(participants_of(people))
        try:
            if activity is None:
                saved = services.activity_create(
                    actor=request.user,
                    inspection=inspection,
                    data=data,
                    override_reason=form.kept_reason(),
                )
            else:
                saved = services.activity_update(
                    actor=request.user,
                    activity=activity,
                    data=data,
                    version=form.cleaned_data["version"] or 0,
                    override_reason=form.kept_reason(),
                )
        except services.ClashError as error:
            _apply_error(form, error)
            return _activity_form_page(
                request,
                inspection,
                activity=activity,
                form=form,
                people=people,
                clashes=error.clashes,
                status=400,
            )
        except services.TimetableError as error:
            newer = None
            if error.field == services.STALE and activity is not None:
                # Keep what they typed; show the newer version; let them save over it
                # knowingly from that version.
                newer = selectors.activity_get(
                    user=request.user, inspection=inspection, activity_id=activity.pk
                )
                data_copy = request.POST.copy()
                data_copy["version"] = str(newer.version)
                form = ActivityForm(data_copy, team=team, subgroups=subgroups)
                form.is_valid()
                form.add_error(None, error.message)
            else:
                _apply_error(form, error)
            return _activity_form_page(
                request,
                inspection,
                activity=activity,
                form=form,
                people=people,
                newer=newer,
                status=400 if newer is None else 409,
            )
        note = (
            " It clashes, and is kept for the reason given." if saved.clash_override_reason else ""
        )
        messages.success(request, f"{saved.title} saved.{note}")
        return redirect("fieldwork:timetable", reference=inspection.reference)
    return _activity_form_page(
        request, inspection, activity=activity, form=form, people=people, status=400
    )


@allow(Audience.INSPECTORATE)
def activity_add(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    return _save_activity(request, inspection, None)


@allow(Audience.INSPECTORATE)
def activity_edit(request: AuthenticatedRequest, reference: str, activity_id: int) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    activity = selectors.activity_get(
        user=request.user, inspection=inspection, activity_id=activity_id
    )
    return _save_activity(request, inspection, activity)


def _detail_page(
    request: AuthenticatedRequest,
    inspection: Inspection,
    activity: Activity,
    *,
    respond_form: RespondForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_respond = respond_refusal(request.user, activity) is None and not activity.is_internal
    return render(
        request,
        "fieldwork/activity.html",
        {
            "inspection": inspection,
            "activity": activity,
            "form": respond_form,
            "respond_form": respond_form
            or (RespondForm(initial={"version": activity.version}) if may_respond else None),
            "can_edit": edit_refusal(request.user, inspection) is None,
            "is_local": is_local_area_user(request.user),
            "history": selectors.activity_history(user=request.user, activity=activity),
        },
        status=status,
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def activity_detail(
    request: AuthenticatedRequest, reference: str, activity_id: int
) -> HttpResponse:
    inspection = inspection_selectors.inspection_get(user=request.user, reference=reference)
    activity = selectors.activity_get(
        user=request.user, inspection=inspection, activity_id=activity_id
    )
    return _detail_page(request, inspection, activity)


@require_POST
@allow(Audience.COORDINATOR)
def activity_respond(
    request: AuthenticatedRequest, reference: str, activity_id: int
) -> HttpResponse:
    inspection = inspection_selectors.inspection_get(user=request.user, reference=reference)
    activity = selectors.activity_get(
        user=request.user, inspection=inspection, activity_id=activity_id
    )
    form = RespondForm(request.POST)
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            services.activity_respond(
                actor=request.user,
                activity=activity,
                confirm=confirm,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except services.TimetableError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                f"{activity.title}: {'confirmed' if confirm else 'marked as unable to go ahead'}.",
            )
            return redirect("fieldwork:timetable", reference=reference)
    return _detail_page(request, inspection, activity, respond_form=form, status=400)


@allow(Audience.INSPECTORATE)
def activity_remove(
    request: AuthenticatedRequest, reference: str, activity_id: int
) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    activity = selectors.activity_get(
        user=request.user, inspection=inspection, activity_id=activity_id
    )
    refusal = edit_refusal(request.user, inspection)
    if refusal is not None:
        return _forbidden(request, refusal)
    error = None
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            services.activity_remove(actor=request.user, activity=activity, version=version)
        except services.TimetableError as refused:
            error = refused.message
        else:
            messages.success(request, f"{activity.title} removed from the timetable.")
            return redirect("fieldwork:timetable", reference=reference)
    return render(
        request,
        "fieldwork/activity_remove.html",
        {"inspection": inspection, "activity": activity, "error": error},
        status=400 if error else 200,
    )


@allow(Audience.INSPECTORATE)
def subgroups(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    refusal = edit_refusal(request.user, inspection)
    if refusal is not None:
        return _forbidden(request, refusal)
    team = sorted(inspection.team_members.all(), key=lambda m: m.user.full_name)
    form = SubgroupForm(request.POST if request.method == "POST" else None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            subgroup = services.subgroup_save(
                actor=request.user,
                inspection=inspection,
                name=form.cleaned_data["name"],
                member_ids=frozenset(form.cleaned_data["members"]),
            )
        except services.TimetableError as error:
            _apply_error(form, error)
        else:
            messages.success(request, f"Subgroup {subgroup.name} added.")
            return redirect("fieldwork:subgroups", reference=reference)
    return render(
        request,
        "fieldwork/subgroups.html",
        {"inspection": inspection, "subgroups": selectors.subgroups_of(inspection), "form": form},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def subgroup_edit(request: AuthenticatedRequest, reference: str, subgroup_id: int) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    subgroup = selectors.subgroup_get(inspection=inspection, subgroup_id=subgroup_id)
    refusal = edit_refusal(request.user, inspection)
    if refusal is not None:
        return _forbidden(request, refusal)
    team = sorted(inspection.team_members.all(), key=lambda m: m.user.full_name)
    initial = {"name": subgroup.name, "members": [m.pk for m in subgroup.members.all()]}
    form = SubgroupForm(
        request.POST if request.method == "POST" else None, initial=initial, team=team
    )
    if request.method == "POST" and "remove" in request.POST:
        services.subgroup_remove(actor=request.user, subgroup=subgroup)
        messages.success(request, f"Subgroup {subgroup.name} removed.")
        return redirect("fieldwork:subgroups", reference=reference)
    if request.method == "POST" and form.is_valid():
        try:
            services.subgroup_save(
                actor=request.user,
                inspection=inspection,
                subgroup=subgroup,
                name=form.cleaned_data["name"],
                member_ids=frozenset(form.cleaned_data["members"]),
            )
        except services.TimetableError as error:
            _apply_error(form, error)
        else:
            messages.success(request, f"Subgroup {form.cleaned_data['name']} saved.")
            return redirect("fieldwork:subgroups", reference=reference)
    return render(
        request,
        "fieldwork/subgroup.html",
        {"inspection": inspection, "subgroup": subgroup, "form": form},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def team_meetings(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = _editable_inspection(request, reference)
    refusal = edit_refusal(request.user, inspection)
    if refusal is not None:
        return _forbidden(request, refusal)
    form = TeamMeetingsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.team_meetings_add(
                actor=request.user,
                inspection=inspection,
                starts=form.cleaned_data["starts"],
                ends=form.cleaned_data["ends"],
                place=form.cleaned_data["place"],
            )
        except services.TimetableError as error:
            _apply_error(form, error)
        else:
            count = len(created)
            messages.success(
                request,
                f"{count} daily team meeting{'s' if count != 1 else ''} added."
                if count
                else "Every day of the week already has a team meeting.",
            )
            return redirect("fieldwork:timetable", reference=reference)
    return render(
        request,
        "fieldwork/team_meetings.html",
        {"inspection": inspection, "form": form, "days": services.fieldwork_days(inspection)},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def fill(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """The lead inspector lists activities still to place; the optimiser finds them
    times in the week's free working hours."""
    inspection = _editable_inspection(request, reference)
    if not may_fill(request.user, inspection):
        return _forbidden(
            request,
            edit_refusal(request.user, inspection)
            or "Only the lead inspector or a programme manager can fill the timetable.",
        )
    team = sorted(inspection.team_members.all(), key=lambda m: m.user.full_name)
    agencies, _ = _people_choices(inspection)
    days = services.fieldwork_days(inspection)
    formset = RequestFormSet(
        request.POST if request.method == "POST" else None,
        prefix="requests",
        form_kwargs={
            "team": team,
            "subgroups": selectors.subgroups_of(inspection),
            "agencies": agencies,
            "days": days,
        },
    )
    outcome = None
    error = None
    if request.method == "POST" and formset.is_valid():
        wanted = [r for f in formset.forms if (r := f.to_request()) is not None]
        if not wanted:
            error = "Enter at least one activity to place: a title, and who takes part"
        else:
            try:
                outcome = services.timetable_fill(
                    actor=request.user, inspection=inspection, requests=wanted
                )
            except services.TimetableError as refused:
                error = refused.message
    return render(
        request,
        "fieldwork/fill.html",
        {
            "inspection": inspection,
            "formset": formset,
            "form": formset.forms[0] if formset.is_bound and not formset.is_valid() else None,
            "outcome": outcome,
            "error": error,
            "day_start": services.DAY_START,
            "day_end": services.DAY_END,
        },
        status=400 if error or (formset.is_bound and not formset.is_valid()) else 200,
    )


# --- calendar feeds ----------------------------------------------------------------------


@allow(Audience.SIGNED_IN)
def calendar_subscribe(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_reset(user=request.user)
        messages.success(
            request,
            "Your calendar address has been changed. The old one no longer works: "
            "subscribe again with the new one.",
        )
        return redirect("calendar:subscribe")
    feed = services.calendar_feed_get(user=request.user)
    url = request.build_absolute_uri(reverse("calendar:feed", kwargs={"token": feed.token}))
    return render(
        request,
        "fieldwork/calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
            "activities": selectors.feed_activities(user=request.user),
        },
    )


@allow(Audience.PUBLIC)
def calendar_feed(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """A calendar app's request: the secret token is the credential. A wrong or reset
    token finds nothing, whatever the caller's session."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    body = calendar_for(
        name=f"JTAI fieldwork: {feed.user.full_name}",
        activities=selectors.feed_activities(user=feed.user),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jtai-timetable.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
