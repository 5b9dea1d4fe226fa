"""The grant and what the programme achieved: the team's and the funder's pages.

The programme team and lead see every figure and record spend; the funder sees the same
figures with small counts hidden, and nothing about any one person (no spend descriptions).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import TEAM_ROLES
from upon.programmes.models import Programme
from upon.reporting import funnel, grant
from upon.reporting.algorithms.funnel import PROTECTED_TEXT, SUPPRESSED_TEXT, THRESHOLD
from upon.reporting.forms_grant import SpendForm
from upon.service import spreadsheets
from upon.service.once import once

SPENDS_PER_PAGE = 25
outcome_readers = role_required(*sorted(TEAM_ROLES | {Role.FUNDER}))
team_only = role_required(*sorted(TEAM_ROLES), refusal="Programme team only")


def sees_people(request, programme) -> bool:
    """The team sees every figure; the funder sees small counts hidden."""
    return request.user.has_perm("reporting.record_spend", programme)


@outcome_readers
def outcomes(request):
    """The programmes whose grant and outcomes this person reads."""
    ids = roles.programme_ids(request.user, *TEAM_ROLES, Role.FUNDER)
    context = {
        "programmes": list(Programme.objects.filter(pk__in=ids).order_by("name")),
        # Diversity through the funnel is the lead's alone (equality monitoring data).
        "lead_ids": roles.lead_programme_ids(request.user),
    }
    return render(request, "reporting/outcomes.html", context)


@outcome_readers
def grant_page(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.view_grant", pk=pk)
    team = sees_people(request, programme)
    figures = grant.budget_against_spend(programme=programme)
    context = {
        "programme": programme,
        "team": team,
        "figures": figures,
        "costs": grant.costs_per(programme=programme, spent=figures.spent, suppress=not team),
        "threshold": THRESHOLD,
        "suppressed_text": SUPPRESSED_TEXT,
    }
    if team:
        context["page"] = Paginator(grant.spends(programme=programme), SPENDS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "reporting/grant.html", context)


@team_only
@once
def record_spend(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.record_spend", pk=pk)
    lines = grant.budget_lines(programme=programme)
    now = timezone.now()
    form = SpendForm(request.POST or None, lines=lines, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        spend = grant.record_spend(by=request.user, now=now, **form.details())
        messages.success(request, f"Spend recorded: {spend.description}")
        return redirect("reporting:grant", pk=programme.pk)
    return render(request, "reporting/record_spend.html", {"programme": programme, "form": form})


def _funnels(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.view_funnel", pk=pk)
    suppress = not sees_people(request, programme)
    return programme, suppress, funnel.intake_funnels(programme=programme, suppress=suppress)


@outcome_readers
def funnel_page(request, pk):
    programme, suppress, funnels = _funnels(request, pk)
    context = {
        "programme": programme,
        "suppress": suppress,
        "funnels": funnels,
        "lead": request.user.has_perm("reporting.view_diversity", programme),
        "threshold": THRESHOLD,
        "suppressed_text": SUPPRESSED_TEXT,
        "protected_text": PROTECTED_TEXT,
    }
    return render(request, "reporting/funnel.html", context)


@outcome_readers
def funnel_csv(request, pk):
    programme, _, funnels = _funnels(request, pk)
    header, *rows = funnel.csv_rows(funnels)
    response = StreamingHttpResponse(
        spreadsheets.csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    name = f"{slugify(programme.name)}-funnel.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
