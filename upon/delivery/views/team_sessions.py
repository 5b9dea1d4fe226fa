"""The programme team runs the cohort's year: the cohort, the timetable and its sessions, venues,
facilitators' availability, the planner and the mode switch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.delivery import calendars, cohorts, planning
from upon.delivery import sessions as session_service
from upon.delivery.access import get_cohort_for_team, get_session_for_team
from upon.delivery.forms_sessions import (
    CohortForm,
    MaterialForm,
    ModeChoiceForm,
    ModeConfirmForm,
    PlannerForm,
    SessionForm,
    UnavailabilityForm,
    VenueForm,
)
from upon.delivery.models import (
    Participant,
    SessionMaterial,
    Unavailability,
    Venue,
)
from upon.programmes.access import get_intake_for_team

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------------------------
# The cohort


@team_required
def delivery(request, pk):
    """The intake's programme delivery: make the cohort, then its participants and pages."""
    intake = get_intake_for_team(request, pk)
    cohort = cohorts.cohort_for(intake=intake)
    context = {
        "intake": intake,
        "cohort": cohort,
        "waiting": cohorts.accepted_not_in_cohort(intake=intake).count(),
    }
    if cohort is not None:
        context["page"] = _page(
            request,
            Participant.objects.filter(cohort=cohort)
            .select_related("user", "application")
            .order_by("user__full_name", "pk"),
        )
        context["timetable"] = cohort.sessions.aggregate(
            total=Count("pk"), published=Count("pk", filter=Q(published=True))
        )
    return render(request, "delivery/sessions/cohort.html", context)


@require_POST
@team_required
def make_cohort(request, pk):
    intake = get_intake_for_team(request, pk)
    made = cohorts.make_cohort(intake=intake, granted_by=request.user)
    added = len(made.added)
    people = f"{added} participant{'s' if added != 1 else ''}"
    if made.created:
        messages.success(request, f"{made.cohort.name} made with {people}.")
    elif added:
        messages.success(request, f"{people.capitalize()} added to {made.cohort.name}.")
    else:
        messages.success(request, f"Everyone who accepted is already in {made.cohort.name}.")
    return redirect("delivery_sessions:delivery", pk=intake.pk)


@team_required
def cohort_settings(request, pk):
    cohort = get_cohort_for_team(request, pk)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{cohort.name} updated.")
        return redirect("delivery_sessions:delivery", pk=cohort.intake_id)
    return render(request, "delivery/sessions/cohort_form.html", {"cohort": cohort, "form": form})


# ---------------------------------------------------------------------------------------------
# The timetable and its sessions


@team_required
def timetable(request, pk):
    cohort = get_cohort_for_team(request, pk)
    sessions = (
        cohort.sessions.select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    unpublished = cohort.sessions.filter(published=False).count()
    return render(
        request,
        "delivery/sessions/timetable.html",
        {"cohort": cohort, "page": _page(request, sessions), "unpublished": unpublished},
    )


@require_POST
@team_required
def publish(request, pk):
    cohort = get_cohort_for_team(request, pk)
    published = session_service.publish(cohort=cohort)
    count = len(published)
    if count:
        messages.success(
            request,
            f"{count} session{'s' if count != 1 else ''} published. Participants and "
            "facilitators have been emailed.",
        )
    else:
        messages.success(request, "Every session is already published.")
    return redirect("delivery_sessions:timetable", pk=cohort.pk)


def _session_page(
    request, *, cohort, session, form, template="delivery/sessions/session_form.html"
):
    return render(
        request,
        template,
        {
            "cohort": cohort,
            "session": session,
            "form": form,
            "materials": list(session.materials.all()) if session else [],
        },
    )


@team_required
def add_session(request, pk):
    cohort = get_cohort_for_team(request, pk)
    form = SessionForm(
        request.POST or None, cohort=cohort, facilitators=cohorts.facilitators(cohort=cohort)
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = session_service.create_session(
                cohort=cohort,
                facilitators=form.cleaned_data["facilitators"],
                **form.session_fields(),
            )
        except session_service.SessionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{session.title} added. It is not published yet.")
            return redirect("delivery_sessions:timetable", pk=cohort.pk)
    return _session_page(request, cohort=cohort, session=None, form=form)


@team_required
def edit_session(request, pk):
    session = get_session_for_team(request, pk)
    cohort = session.cohort
    form = SessionForm(
        request.POST or None,
        cohort=cohort,
        facilitators=cohorts.facilitators(cohort=cohort),
        session=session,
    )
    if request.method == "POST" and form.is_valid():
        try:
            told = session_service.update_session(
                session=session,
                facilitators=form.cleaned_data["facilitators"],
                **form.session_fields(),
            )
        except session_service.SessionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            session = get_session_for_team(request, pk)
        else:
            people = " People taking part have been emailed the new details." if told else ""
            messages.success(request, f"{session.title} saved.{people}")
            return redirect("delivery_sessions:timetable", pk=cohort.pk)
    return _session_page(request, cohort=cohort, session=session, form=form)


@require_POST
@team_required
def delete_session(request, pk):
    session = get_session_for_team(request, pk)
    try:
        session_service.delete_session(session=session)
    except session_service.SessionRefused as refused:
        raise PermissionDenied(refused.problems[0]) from refused
    messages.success(request, f"{session.title} deleted.")
    return redirect("delivery_sessions:timetable", pk=session.cohort_id)


@team_required
def add_material(request, pk):
    session = get_session_for_team(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session_service.add_material(
            session=session, title=data["title"], file=data["file"], url=data["url"]
        )
        messages.success(request, f"{data['title']} added to {session.title}.")
        return redirect("delivery_sessions:edit_session", pk=session.pk)
    return render(
        request, "delivery/sessions/material_form.html", {"session": session, "form": form}
    )


@require_POST
@team_required
def remove_material(request, pk):
    material = get_object_or_404(SessionMaterial, pk=pk)
    session = get_session_for_team(request, material.session_id)
    session_service.remove_material(material=material)
    messages.success(request, f"{material.title} removed.")
    return redirect("delivery_sessions:edit_session", pk=session.pk)


# ---------------------------------------------------------------------------------------------
# Venues and availability


@team_required
def venues(request, pk):
    cohort = get_cohort_for_team(request, pk)
    queryset = Venue.objects.filter(programme_id=cohort.intake.programme_id).order_by("name", "pk")
    return render(
        request,
        "delivery/sessions/venues.html",
        {"cohort": cohort, "page": _page(request, queryset)},
    )


def _venue_for(cohort, venue_pk) -> Venue:
    return get_object_or_404(Venue, pk=venue_pk, programme_id=cohort.intake.programme_id)


@team_required
def venue_form(request, pk, venue_pk=None):
    cohort = get_cohort_for_team(request, pk)
    venue = _venue_for(cohort, venue_pk) if venue_pk else None
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        venue = form.save(commit=False)
        venue.programme_id = cohort.intake.programme_id
        venue.save()
        messages.success(request, f"{venue.name} saved.")
        return redirect("delivery_sessions:venues", pk=cohort.pk)
    return render(
        request,
        "delivery/sessions/venue_form.html",
        {"cohort": cohort, "venue": venue, "form": form},
    )


@team_required
def availability(request, pk):
    cohort = get_cohort_for_team(request, pk)
    people = cohorts.facilitators(cohort=cohort)
    places = Venue.objects.filter(programme_id=cohort.intake.programme_id)
    queryset = (
        Unavailability.objects.filter(
            Q(facilitator__in=people) | Q(venue__in=places), ends_at__gt=timezone.now()
        )
        .select_related("facilitator", "venue")
        .order_by("starts_at", "pk")
    )
    form = UnavailabilityForm(request.POST or None, facilitators=people, venues=places)
    if request.method == "POST" and form.is_valid():
        fields = form.unavailability_fields()
        Unavailability.objects.create(**fields)
        who = fields["facilitator"] or fields["venue"]
        messages.success(request, f"Recorded that {who} is not available.")
        return redirect("delivery_sessions:availability", pk=cohort.pk)
    return render(
        request,
        "delivery/sessions/availability.html",
        {
            "cohort": cohort,
            "page": _page(request, queryset),
            "form": form,
            "facilitators": list(people),
        },
    )


@require_POST
@team_required
def remove_unavailability(request, pk, unavailability_pk):
    cohort = get_cohort_for_team(request, pk)
    row = get_object_or_404(
        Unavailability.objects.filter(
            Q(facilitator__in=cohorts.facilitators(cohort=cohort))
            | Q(venue__programme_id=cohort.intake.programme_id)
        ).distinct(),
        pk=unavailability_pk,
    )
    row.delete()
    messages.success(request, "Removed. The planner can use that time again.")
    return redirect("delivery_sessions:availability", pk=cohort.pk)


# ---------------------------------------------------------------------------------------------
# The planner


@team_required
def plan(request, pk):
    """Propose a timetable (POST, since it runs the solver) and show it to accept."""
    cohort = get_cohort_for_team(request, pk)
    form = PlannerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = planning.make_proposal(
            cohort=cohort, curriculum=planning.Curriculum(**form.cleaned_data)
        )
        return render(
            request,
            "delivery/sessions/proposal.html",
            {"cohort": cohort, "proposal": proposal, "form": form},
        )
    existing = cohort.sessions.count()
    return render(
        request,
        "delivery/sessions/plan.html",
        {"cohort": cohort, "form": form, "existing": existing},
    )


@require_POST
@team_required
def accept_plan(request, pk):
    cohort = get_cohort_for_team(request, pk)
    try:
        written = planning.accept(cohort=cohort, token=request.POST.get("plan", ""))
    except planning.PlanOutOfDate as error:
        messages.warning(request, error.message)
        return redirect("delivery_sessions:plan", pk=cohort.pk)
    except session_service.SessionRefused as refused:
        messages.warning(
            request, "The plan was not used: " + " ".join(refused.problems) + " Plan again."
        )
        return redirect("delivery_sessions:plan", pk=cohort.pk)
    messages.success(
        request,
        f"Plan accepted: {len(written)} session{'s' if len(written) != 1 else ''} added or "
        "changed. Check them, then publish the timetable.",
    )
    return redirect("delivery_sessions:timetable", pk=cohort.pk)


# ---------------------------------------------------------------------------------------------
# The mode switch: choose sessions and a mode, then confirm (with a link or venue if needed).


@team_required
def switch_mode(request, pk):
    cohort = get_cohort_for_team(request, pk)
    upcoming = cohort.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    venues_qs = Venue.objects.filter(programme_id=cohort.intake.programme_id)
    step = request.POST.get("step")
    if request.method == "POST" and step == "confirm":
        # Sessions that have started are offered too, so the rule can refuse them clearly.
        confirm = ModeConfirmForm(request.POST, sessions=cohort.sessions.all(), venues=venues_qs)
        if confirm.is_valid():
            data = confirm.cleaned_data
            try:
                changed = session_service.switch_mode(
                    sessions=data["sessions"],
                    mode=data["mode"],
                    joining_link=data.get("joining_link") or "",
                    joining_details=data.get("joining_details") or "",
                    venue=data.get("venue"),
                )
            except session_service.SessionRefused as refused:
                for problem in refused.problems:
                    confirm.add_error(None, problem)
            else:
                count = len(changed)
                messages.success(
                    request,
                    f"{count} session{'s' if count != 1 else ''} switched. Participants and "
                    "facilitators of published sessions have been emailed the new details.",
                )
                return redirect("delivery_sessions:timetable", pk=cohort.pk)
        chosen = cohort.sessions.filter(pk__in=request.POST.getlist("sessions"))
        return _confirm_page(request, cohort, confirm, chosen, request.POST.get("mode"))
    form = ModeChoiceForm(request.POST or None, sessions=upcoming)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["sessions"]
        mode = form.cleaned_data["mode"]
        confirm = ModeConfirmForm(
            initial={"sessions": [s.pk for s in chosen], "mode": mode},
            sessions=cohort.sessions.all(),
            venues=venues_qs,
        )
        return _confirm_page(request, cohort, confirm, chosen, mode)
    return render(request, "delivery/sessions/mode_choose.html", {"cohort": cohort, "form": form})


def _confirm_page(request, cohort, form, chosen, mode):
    chosen = chosen.select_related("venue").order_by("starts_at", "pk")
    return render(
        request,
        "delivery/sessions/mode_confirm.html",
        {"cohort": cohort, "form": form, "chosen": chosen, "mode": mode},
    )


# ---------------------------------------------------------------------------------------------
# A material's file: for the cohort's people and the team.


@login_required
def material_file(request, pk):
    material = get_object_or_404(
        SessionMaterial.objects.select_related("session__cohort__intake"), pk=pk
    )
    session = material.session
    if not (
        request.user.has_perm("programmes.manage_intake", session.cohort.intake)
        or calendars.can_see(request.user, session)
    ):
        raise Http404("No such file for this person")
    if not material.file:
        raise Http404("This material is a link")
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.file.name.rsplit("/", 1)[-1],
    )
