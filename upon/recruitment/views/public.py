"""The public pages: the start page, a programme, and an intake (who can apply, when, how)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from upon.programmes.models import Programme
from upon.recruitment import intakes as intake_service


def start(request):
    now = timezone.now()
    return render(
        request,
        "recruitment/public/start.html",
        {
            "open_intakes": list(intake_service.open_intakes(now=now)),
            "next_intake": intake_service.next_intake(now=now),
        },
    )


def programme(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    now = timezone.now()
    rows = [
        (intake, intake_service.intake_status(intake, now=now))
        for intake in programme.intakes.order_by("-opens_at")[:10]
    ]
    return render(
        request, "recruitment/public/programme.html", {"programme": programme, "rows": rows}
    )


def intake(request, slug):
    intake = intake_service.public_intake(slug=slug)
    if intake is None:
        raise Http404("No such intake")
    return render(
        request,
        "recruitment/public/intake.html",
        {"intake": intake, "status": intake_service.intake_status(intake)},
    )
