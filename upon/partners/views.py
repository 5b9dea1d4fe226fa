"""The programme lead's pages for the partner API: partner organisations, issuing a token
(its secret shown once) and revoking one. The API itself is `api.py`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from upon.accounts import roles
from upon.accounts.access import team_required
from upon.partners import services
from upon.partners.access import get_partner, get_programme, get_token, lead_required
from upon.partners.forms import PartnerForm, TokenForm
from upon.partners.models import ApiToken
from upon.programmes.models import Programme
from upon.service.once import once

PER_PAGE = 25


def _secret_key(token: ApiToken) -> str:
    return f"partners_secret_{token.pk}"


@lead_required
def index(request):
    """The programmes this person leads, each with a link to its partners."""
    ids = roles.lead_programme_ids(request.user)
    found = Programme.objects.filter(pk__in=ids).order_by("name", "pk")
    return render(request, "partners/index.html", {"programmes": found})


@team_required
def partners(request, pk):
    programme = get_programme(request, pk)
    tokens = ApiToken.objects.order_by("-issued_at", "-pk")
    listed = services.partners_of(programme=programme).prefetch_related(
        Prefetch("tokens", queryset=tokens)
    )
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partners/partners.html", {"programme": programme, "page": page})


@team_required
@once
def add_partner(request, pk):
    programme = get_programme(request, pk)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.add_partner(
                programme=programme,
                name=form.cleaned_data["name"],
                by=request.user,
                now=timezone.now(),
            )
        except services.PartnerProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"{partner.name} added as a partner organisation.")
            return redirect("partners:partners", pk=programme.pk)
    context = {"programme": programme, "form": form}
    return render(request, "partners/add_partner.html", context)


@team_required
@once
def issue_token(request, pk):
    partner = get_partner(request, pk)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = services.issue_token(
            partner=partner, name=form.cleaned_data["name"], by=request.user, now=timezone.now()
        )
        # Kept for the one page that shows it, which takes it out of the session.
        request.session[_secret_key(issued.token)] = issued.secret
        return redirect("partners:token", pk=issued.token.pk)
    return render(request, "partners/issue_token.html", {"partner": partner, "form": form})


@never_cache
@team_required
def token(request, pk):
    found = get_token(request, pk)
    secret = request.session.pop(_secret_key(found), None)
    return render(request, "partners/token.html", {"token": found, "secret": secret})


@team_required
def revoke_token(request, pk):
    found = get_token(request, pk)
    if request.method == "POST":
        if services.revoke_token(token=found, by=request.user, now=timezone.now()):
            messages.success(request, f"Token {found.prefix} revoked: it no longer opens the API.")
        return redirect("partners:token", pk=found.pk)
    return render(request, "partners/revoke_token.html", {"token": found})


@csrf_exempt  # changes nothing, for any method: the API's JSON answer to an unknown address
def api_not_found(request, rest):
    return JsonResponse(
        {"detail": "No such address in the partner API: see /api/v1/openapi.json"}, status=404
    )
