"""A person's posts (their own list, record, change, end) and the team's verification; a new
director's support and the team's view of every entitlement."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import role_required, team_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import team_programme_ids
from upon.programmes.models import Programme
from upon.service.once import once
from upon.service.versioning import StaleVersion
from upon.support import appointments, employers, entitlements
from upon.support.access import APPOINTMENTS, records_posts_required
from upon.support.forms import EndPostForm, PostForm, TeamPostForm, VerifyForm
from upon.support.models import CoachingRelationship
from upon.support.rules import post_programme_ids

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@records_posts_required
def posts(request):
    found = appointments.posts_of(request.user, post_programme_ids(request.user))
    return render(request, "support/posts.html", {"page": _page(request, found)})


@records_posts_required
@once
def add_post(request):
    form = PostForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        appointment = appointments.record_post(
            person=request.user,
            # The programme they took part in (the first, should they hold roles in several).
            programme_id=min(post_programme_ids(request.user)),
            by=request.user,
            **form.details(),
        )
        messages.success(request, f"{appointment} recorded. The programme team will verify it.")
        return redirect("support:posts")
    return render(request, "support/post_form.html", {"form": form})


@records_posts_required
def edit_post(request, pk):
    appointment = get_object_for(request.user, APPOINTMENTS, "support.change_own_post", pk=pk)
    form = PostForm(request.POST or None, instance=appointment, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            appointments.change_post(
                appointment=appointment,
                version=form.cleaned_data.get("version"),
                by=request.user,
                **form.details(),
            )
        except StaleVersion:
            appointment = APPOINTMENTS.get(pk=pk)
            form.refuse_stale(PostForm(instance=appointment, person=request.user))
        else:
            messages.success(request, f"{appointment} saved.")
            return redirect("support:posts")
    context = {"form": form, "appointment": appointment}
    return render(request, "support/post_form.html", context, status=409 if form.stale else 200)


@records_posts_required
def end_post(request, pk):
    appointment = get_object_for(request.user, APPOINTMENTS, "support.change_own_post", pk=pk)
    form = EndPostForm(request.POST or None, instance=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            appointments.end_post(
                appointment=appointment,
                version=form.cleaned_data.get("version"),
                by=request.user,
                ends_on=form.cleaned_data["ends_on"],
                end_reason=form.cleaned_data["end_reason"],
            )
        except StaleVersion:
            appointment = APPOINTMENTS.get(pk=pk)
            form.refuse_stale(EndPostForm(instance=appointment))
        else:
            messages.success(request, f"The end of {appointment} recorded.")
            return redirect("support:posts")
    context = {"form": form, "appointment": appointment}
    return render(request, "support/end_post.html", context, status=409 if form.stale else 200)


@team_required
def team_appointments(request):
    programme_ids = team_programme_ids(request.user)
    found = appointments.to_verify(programme_ids)
    context = {
        "page": _page(request, found),
        "programmes": list(Programme.objects.filter(pk__in=programme_ids).order_by("name")),
    }
    return render(request, "support/team_appointments.html", context)


@team_required
@once
def record_post_for(request, pk):
    programme = get_object_for(request.user, Programme, "support.record_post_for", pk=pk)
    people = appointments.recorders_in(programme)
    form = TeamPostForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        appointment = appointments.record_post(
            person=person, programme_id=programme.pk, by=request.user, **form.details()
        )
        messages.success(
            request, f"{person.full_name}: {appointment} recorded. Verify it below when checked."
        )
        return redirect("support:team_appointments")
    context = {"form": form, "programme": programme}
    return render(request, "support/team_post_form.html", context)


@team_required
def verify_appointment(request, pk):
    appointment = get_object_for(request.user, APPOINTMENTS, "support.verify_appointment", pk=pk)
    form = VerifyForm(request.POST or None, record=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            appointments.verify(
                appointment=appointment, version=form.cleaned_data.get("version"), by=request.user
            )
        except StaleVersion:
            appointment = APPOINTMENTS.get(pk=pk)
            form.refuse_stale(VerifyForm(record=appointment))
        else:
            messages.success(request, f"{appointment.person}: {appointment} verified.")
            return redirect("support:team_appointments")
    context = {
        "form": form,
        "appointment": appointment,
        "may_open": appointment.is_director
        and appointment.is_verified
        and not hasattr(appointment, "entitlement"),
    }
    return render(request, "support/verify.html", context, status=409 if form.stale else 200)


@role_required(Role.NEW_DIRECTOR)
def my_support(request):
    held = entitlements.of_programmes(roles.programme_ids(request.user, Role.NEW_DIRECTOR))
    found = held.filter(person=request.user).order_by("-starts_on", "-pk")
    found = entitlements.with_use(found.select_related("employer"))
    found = found.prefetch_related("employer__check_ins")
    coached = CoachingRelationship.objects.filter(director=request.user)
    context = {
        "entitlements": list(found[:PER_PAGE]),
        "today": timezone.localdate(),
        # Every relationship, ended ones too: the director keeps their coaching log.
        "coaching": list(coached.select_related("coach__user")[:PER_PAGE]),
    }
    context["coaching_now"] = any(r.ended_on is None for r in context["coaching"])
    return render(request, "support/my_support.html", context)


SHOW = {"all": "All entitlements", "ending": "Ending within 90 days"}


@team_required
def team_entitlements(request):
    shown = request.GET.get("show") if request.GET.get("show") in SHOW else "all"
    today = timezone.localdate()
    ending_by = today + entitlements.ENDING_SOON if shown == "ending" else None
    found = entitlements.of_programmes(team_programme_ids(request.user), ending_by=ending_by)
    found = employers.with_flags(entitlements.with_use(found.select_related("employer")))
    context = {
        "page": _page(request, found),
        "filters": SHOW,
        "shown": shown,
        "caption": SHOW[shown],
        "today": today,
    }
    return render(request, "support/team_entitlements.html", context)


@require_POST
@team_required
@once
def open_entitlement(request, pk):
    appointment = get_object_for(request.user, APPOINTMENTS, "support.open_entitlement", pk=pk)
    try:
        entitlements.open_entitlement(appointment=appointment, opened_by_team=request.user)
    except entitlements.CannotOpen as refusal:
        messages.error(request, refusal.message)
        return redirect("support:verify_appointment", pk=appointment.pk)
    messages.success(request, f"Support opened for {appointment.person}.")
    return redirect("support:team_entitlements")
