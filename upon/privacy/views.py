"""The privacy notice (public) and the programme lead's pages for a person's data."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from upon.accounts.access import team_required
from upon.accounts.roles import team_programme_ids
from upon.privacy import access, erasure, export, retention, services
from upon.privacy.forms import FindPersonForm
from upon.privacy.people import find
from upon.programmes.models import Programme
from upon.reporting.models import QUESTIONS
from upon.service import checks

PER_PAGE = 50


def notice(request):
    context = {
        "retention": retention.rules(),
        "questions": [wording for wording, _ in QUESTIONS.values()],
    }
    return render(request, "privacy/notice.html", context)


@team_required
def home(request):
    """The programmes whose personal data the person (of its team) has pages for."""
    programmes = Programme.objects.filter(pk__in=team_programme_ids(request.user)).order_by("name")
    return render(request, "privacy/home.html", {"programmes": programmes})


@team_required
def programme_page(request, pk):
    """The lead finds a person by email address; the exports and erasures done."""
    programme = access.get_programme_for_lead(request.user, pk)
    form = FindPersonForm(request.GET if "email" in request.GET else None)
    found = None
    if form.is_bound and form.is_valid():
        found = services.find_in_programme(programme=programme, email=form.cleaned_data["email"])
    page = Paginator(services.requests_for(programme=programme), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"programme": programme, "form": form, "found": found, "page": page}
    return render(request, "privacy/programme.html", context)


@team_required
def equality_reads(request, pk):
    """Every read of the programme's equality answers: who, when, why and what."""
    programme = access.get_programme_for_team(request.user, pk)
    page = Paginator(services.equality_reads_for(programme=programme), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy/equality_reads.html", {"programme": programme, "page": page})


@team_required
def person(request, pk):
    """What the service holds about the person, and the lead's two actions."""
    subject = access.get_person_for_lead(request.user, pk)
    programme = access.lead_programme_of(request.user, subject)
    context = {
        "person": subject,
        "programme": programme,
        "held": services.held_summary(find(subject)),
    }
    return render(request, "privacy/person.html", context)


@require_POST
@team_required
def export_person(request, pk):
    """The person's subject access export, as a zip download (logged)."""
    subject = access.get_person_for_lead(request.user, pk)
    programme = access.lead_programme_of(request.user, subject)
    now = timezone.now()
    content, _ = export.export(person=subject, by=request.user, programme=programme, at=now)
    response = HttpResponse(content, content_type="application/zip")
    name = f"subject-access-{subject.pk}-{timezone.localdate(now).isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@team_required
@require_http_methods(["GET", "POST"])
def erase_person(request, pk):
    """Check, then erase: the page says what will happen; its button posts the person's id."""
    subject = access.get_person_for_lead(request.user, pk)
    programme = access.lead_programme_of(request.user, subject)
    if request.method == "POST":
        if checks.checked_ids(request) == frozenset({subject.pk}):
            erasure.erase(person=subject, by=request.user, programme=programme)
            messages.success(request, f"Person {subject.pk} has been erased")
            return redirect("privacy:programme", pk=programme.pk)
        return redirect("privacy:erase", pk=subject.pk)
    context = {
        "person": subject,
        "programme": programme,
        "held": services.held_summary(find(subject)),
        "checked": checks.shown([subject.pk]),
        "cancel": reverse("privacy:person", args=[subject.pk]),
    }
    return render(request, "privacy/erase.html", context)
