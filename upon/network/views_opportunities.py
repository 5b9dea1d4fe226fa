"""Opportunities: the members' list with its filters, one opportunity, the alerts a member
follows; posting, changing and withdrawing one (the team and employer contacts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.permissions import get_object_for
from upon.network import opportunities
from upon.network.access import member_required
from upon.network.forms_opportunities import AlertForm, FilterForm, OpportunityForm
from upon.network.models import OpportunityAlert
from upon.network.rules import POSTS_OPPORTUNITIES
from upon.service.once import once

PER_PAGE = 20

posts_opportunities_required = role_required(
    *POSTS_OPPORTUNITIES, refusal="The programme team and employer contacts only"
)


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@member_required
def opportunity_list(request):
    filters = FilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    found = opportunities.open_on(
        timezone.localdate(), region=chosen.get("region", ""), kind=chosen.get("kind", "")
    )
    context = {"filters": filters, "page": _page(request, found)}
    return render(request, "network/opportunities/list.html", context)


@login_required
def opportunity(request, pk):
    found = get_object_for(
        request.user, opportunities.OPPORTUNITIES, "network.read_opportunity", pk=pk
    )
    may_change = request.user.has_perm("network.change_opportunity", found)
    context = {"opportunity": found, "may_change": may_change}
    return render(request, "network/opportunities/opportunity.html", context)


@posts_opportunities_required
def posted_opportunities(request):
    page = _page(request, opportunities.posted_by(request.user))
    context = {"page": page, "is_team": roles.is_team(request.user), "today": timezone.localdate()}
    return render(request, "network/opportunities/posted.html", context)


@posts_opportunities_required
@once
def post_opportunity(request):
    form = OpportunityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        posted, told = opportunities.post(by=request.user, **form.cleaned_data)
        people = "1 member" if told == 1 else f"{told} members"
        messages.success(request, f"{posted.title} is posted. {people} with a matching alert told.")
        return redirect("network:opportunity", pk=posted.pk)
    return render(request, "network/opportunities/form.html", {"form": form, "opportunity": None})


def _own(request, pk):
    return get_object_for(
        request.user, opportunities.OPPORTUNITIES, "network.change_opportunity", pk=pk
    )


@posts_opportunities_required
def change_opportunity(request, pk):
    found = _own(request, pk)
    initial = {
        "kind": found.kind,
        "title": found.title,
        "employer": found.employer,
        "region": found.region,
        "description": found.description,
        "link": found.link,
        "closes_on": found.closes_on,
    }
    form = OpportunityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        opportunities.change(opportunity=found, **form.cleaned_data)
        messages.success(request, f"{found.title} is changed.")
        return redirect("network:opportunity", pk=found.pk)
    return render(request, "network/opportunities/form.html", {"form": form, "opportunity": found})


@posts_opportunities_required
def withdraw_opportunity(request, pk):
    found = _own(request, pk)
    if request.method == "POST":
        title = found.title
        opportunities.withdraw(opportunity=found)
        messages.success(request, f"{title} is withdrawn: members no longer see it.")
        return redirect("network:posted_opportunities")
    return render(request, "network/opportunities/withdraw.html", {"opportunity": found})


@member_required
@once
def opportunity_alerts(request):
    form = AlertForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunities.add_alert(member=request.user, **form.cleaned_data)
        except opportunities.DuplicateAlert:
            form.add_error(None, "You follow this alert already")
        else:
            messages.success(
                request, "Alert added. We will email you new opportunities it matches."
            )
            return redirect("network:opportunity_alerts")
    alerts = list(opportunities.alerts_of(request.user))
    return render(request, "network/opportunities/alerts.html", {"form": form, "alerts": alerts})


@require_POST
@member_required
def remove_opportunity_alert(request, pk):
    alert = get_object_for(
        request.user, OpportunityAlert.objects.all(), "network.remove_opportunity_alert", pk=pk
    )
    opportunities.remove_alert(alert=alert)
    messages.success(request, "Alert removed.")
    return redirect("network:opportunity_alerts")
