"""The programme team's timetable: sessions, their materials (and a material's file for the
cohort's people) and the programme's venues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import cohorts, notifications
from upon.delivery import sessions as session_service
from upon.delivery.access import (
    COHORTS,
    MATERIALS,
    SESSIONS,
)
from upon.delivery.forms.sessions import MaterialForm, SessionForm, VenueForm
from upon.delivery.models import (
    Venue,
)
from upon.delivery.views import page_of
from upon.service import checks
from upon.service.once import once
from upon.service.versioning import StaleVersion, save_form


@team_required
def timetable(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    sessions = (
        cohort.sessions.select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    unpublished = cohort.sessions.filter(published=False).count()
    context = {
        "cohort": cohort,
        "page": page_of(request, sessions),
        "unpublished": unpublished,
        "without_links": session_service.unpublished_without_links(cohort=cohort),
    }
    return render(request, "delivery/sessions/timetable.html", context)


@team_required
def publish(request, pk):
    """Check, then publish: GET lists the unpublished sessions and who will be emailed; POST,
    from that page only (it carries the sessions it listed), publishes them."""
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    expected = checks.checked_ids(request)
    status = 200
    if request.method == "POST" and expected is None:  # not from the check page
        return redirect("delivery:publish", pk=cohort.pk)
    if request.method == "POST":
        try:
            published = session_service.publish(cohort=cohort, expected=expected)
        except checks.ChangedSinceChecked as error:
            messages.warning(request, error.message)
            status = 409
        except session_service.SessionRefused as refused:
            return _refused_for_links(request, cohort, len(refused.problems))
        else:
            count = len(published)
            messages.success(
                request,
                f"{count} session{'s' if count != 1 else ''} published. Participants and "
                "facilitators have been emailed.",
            )
            return redirect("delivery:timetable", pk=cohort.pk)
    sessions = list(session_service.unpublished(cohort=cohort))
    if without_links := session_service.missing_links(sessions):
        return _refused_for_links(request, cohort, len(without_links))
    if not sessions:
        messages.success(request, "Every session is already published.")
        return redirect("delivery:timetable", pk=cohort.pk)
    participants, facilitators = notifications.told_on_publishing(
        session_ids=[s.pk for s in sessions]
    )
    count = len(sessions)
    context = {
        "cohort": cohort,
        "count": count,
        "named": checks.few(sessions),
        "participants": participants,
        "facilitators": facilitators,
        "checked": checks.shown(s.pk for s in sessions),
        "button": f"Publish {count} session{'s' if count != 1 else ''}",
    }
    return render(request, "delivery/sessions/publish.html", context, status=status)


def _refused_for_links(request, cohort, count: int):
    """A rule of the business: the timetable lists the sessions that need a joining link."""
    messages.error(
        request,
        f"Nothing was published. {count} session{'s' if count != 1 else ''} "
        f"{'meets' if count == 1 else 'meet'} online without a joining link.",
    )
    return redirect("delivery:timetable", pk=cohort.pk)


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
        status=409 if form.stale else 200,
    )


@team_required
@once
def add_session(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
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
            return redirect("delivery:timetable", pk=cohort.pk)
    return _session_page(request, cohort=cohort, session=None, form=form)


@team_required
def edit_session(request, pk):
    session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
    if session.action_learning_set_id is not None:  # a set's meeting has its own page
        return redirect("delivery:edit_meeting", pk=session.pk)
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
                version=form.cleaned_data["version"],
                by=request.user,
                **form.session_fields(),
            )
        except session_service.SessionRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
            session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
        except StaleVersion:
            session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
            form.refuse_stale(
                SessionForm(
                    cohort=cohort,
                    facilitators=form.fields["facilitators"].queryset,
                    session=session,
                )
            )
        else:
            people = " People taking part have been emailed the new details." if told else ""
            messages.success(request, f"{session.title} saved.{people}")
            return redirect("delivery:timetable", pk=cohort.pk)
    return _session_page(request, cohort=cohort, session=session, form=form)


@require_POST
@team_required
def delete_session(request, pk):
    session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
    try:
        session_service.delete_session(session=session)
    except session_service.SessionRefused as refused:
        # A rule of the business, not of who is asking: say why, back on the session's page.
        messages.error(request, refused.problems[0])
        return redirect("delivery:edit_session", pk=session.pk)
    messages.success(request, f"{session.title} deleted.")
    return redirect("delivery:timetable", pk=session.cohort_id)


@team_required
@once
def add_material(request, pk):
    session = get_object_for(request.user, SESSIONS, "delivery.manage_cohort", pk=pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session_service.add_material(
            session=session, title=data["title"], file=data["file"], url=data["url"]
        )
        messages.success(request, f"{data['title']} added to {session.title}.")
        return redirect("delivery:edit_session", pk=session.pk)
    return render(
        request, "delivery/sessions/material_form.html", {"session": session, "form": form}
    )


@require_POST
@team_required
def remove_material(request, pk):
    material = get_object_for(request.user, MATERIALS, "delivery.manage_cohort", pk=pk)
    session = material.session
    session_service.remove_material(material=material)
    messages.success(request, f"{material.title} removed.")
    return redirect("delivery:edit_session", pk=session.pk)


@login_required
def material_file(request, pk):
    material = get_object_for(request.user, MATERIALS, "delivery.view_material", pk=pk)
    if not material.file:
        raise Http404("This material is a link")
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.file.name.rsplit("/", 1)[-1],
    )


@team_required
def venues(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    queryset = Venue.objects.filter(programme_id=cohort.intake.programme_id).order_by("name", "pk")
    return render(
        request,
        "delivery/sessions/venues.html",
        {"cohort": cohort, "page": page_of(request, queryset)},
    )


def _venue_for(cohort, venue_pk) -> Venue:
    return get_object_or_404(Venue, pk=venue_pk, programme_id=cohort.intake.programme_id)


@team_required
@once
def venue_form(request, pk, venue_pk=None):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    venue = _venue_for(cohort, venue_pk) if venue_pk else None
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        try:
            venue = _save_venue(request, cohort, form)
        except StaleVersion:
            venue = _venue_for(cohort, venue_pk)
            form.refuse_stale(VenueForm(instance=venue))
        else:
            messages.success(request, f"{venue.name} saved.")
            return redirect("delivery:venues", pk=cohort.pk)
    return render(
        request,
        "delivery/sessions/venue_form.html",
        {"cohort": cohort, "venue": venue, "form": form},
        status=409 if form.stale else 200,
    )


def _save_venue(request, cohort, form) -> Venue:
    if form.instance.pk:
        return save_form(form, by=request.user)
    venue = form.save(commit=False)
    venue.programme_id = cohort.intake.programme_id
    venue.save()
    return venue
