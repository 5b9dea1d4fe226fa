"""Sponsor endorsement: the applicant names their sponsor; the sponsor answers by link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from upon.recruitment import endorsements, services
from upon.recruitment.access import get_application_for_applicant
from upon.recruitment.forms_applications import SponsorForm, SponsorResponseForm
from upon.recruitment.models import Application

TEMPLATES = "recruitment/endorsement/"


def _posted(request):
    """The POST data on a POST, even when empty (an unticked box), else None (unbound)."""
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def endorsement(request, reference):
    """The applicant's page: name a sponsor, see the status, send again or change sponsor."""
    application = get_application_for_applicant(
        request,
        reference,
        queryset=Application.objects.select_related("intake", "applicant", "endorsement"),
    )
    now = timezone.now()
    current = services.getattr_endorsement(application)
    endorsements.expire_if_due(current, now=now)
    can_change = endorsements.can_change_sponsor(current, application)
    requested = current is not None and current.requested_at is not None
    form = None

    if request.method == "POST":
        if not can_change:
            messages.info(request, "You cannot change your sponsor now")
            return redirect("recruitment:endorsement", reference=reference)
        if request.POST.get("action") == "resend" and requested:
            endorsements.resend_request(application=application, now=now)
            messages.success(
                request,
                f"We have sent {current.sponsor_name} a new link. The old link no longer works.",
            )
            return redirect("recruitment:endorsement", reference=reference)
        form = SponsorForm(request.POST, applicant_email=request.user.email)
        if form.is_valid():
            sent = endorsements.request_endorsement(
                application=application, now=now, **form.cleaned_data
            )
            messages.success(
                request,
                f"We have emailed {sent.sponsor_name} at {sent.sponsor_email} to ask for "
                "their endorsement",
            )
            return redirect("recruitment:task_list", reference=reference)
    elif can_change and (not requested or request.GET.get("change") == "1"):
        initial = {}
        if requested:
            initial = {
                "sponsor_name": current.sponsor_name,
                "sponsor_email": current.sponsor_email,
                "sponsor_role": current.sponsor_role,
            }
        form = SponsorForm(initial=initial, applicant_email=request.user.email)

    return render(
        request,
        TEMPLATES + "applicant.html",
        {
            "application": application,
            "endorsement": current if requested else None,
            "form": form,
            "can_change": can_change,
            "changing": requested and form is not None,
        },
    )


@require_http_methods(["GET", "POST"])
def endorse(request, token):
    """The sponsor's page. No account: the single-use link is the permission."""
    now = timezone.now()
    link = endorsements.find_by_token(token, now=now)
    if link is None:
        raise Http404("Unknown endorsement link")
    if link.state != endorsements.VALID:
        return _link_problem(request, link)
    form = SponsorResponseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        recorded = endorsements.record_response(
            token=token,
            supports=form.cleaned_data["supports"] == "yes",
            comment=form.cleaned_data["comment"],
            now=now,
        )
        if recorded is None:
            raise Http404("Unknown endorsement link")
        if recorded.state != endorsements.VALID:
            return _link_problem(request, recorded)
        return render(request, TEMPLATES + "thanks.html", {"endorsement": recorded.endorsement})
    return render(
        request,
        TEMPLATES + "sponsor.html",
        {
            "endorsement": link.endorsement,
            "application": link.endorsement.application,
            "form": form,
        },
    )


def _link_problem(request, link):
    template = "already_responded.html" if link.state == endorsements.USED else "expired.html"
    return render(
        request,
        TEMPLATES + template,
        {"endorsement": link.endorsement, "application": link.endorsement.application},
    )
