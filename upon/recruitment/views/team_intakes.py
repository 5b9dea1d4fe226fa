"""The programme team's intake pages: list, create, edit and the intake dashboard."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.access import team_required
from upon.programmes.access import get_intake_for_team
from upon.programmes.models import Programme
from upon.recruitment import intakes as intake_service
from upon.recruitment.charts import funnel_chart
from upon.recruitment.forms_intakes import (
    CapabilityForm,
    CapabilityFormSet,
    IntakeEditForm,
    IntakeForm,
    ProgrammeForm,
)
from upon.service.once import once
from upon.service.versioning import StaleVersion, differences, save_form

PAGE_SIZE = 25


@team_required
def team_home(request):
    return redirect("recruitment:team_intakes")


@team_required
def intakes(request):
    page = Paginator(intake_service.team_intakes(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    rows = [(intake, intake_service.intake_status(intake, now=now)) for intake in page]
    return render(request, "recruitment/team/intake_list.html", {"page": page, "rows": rows})


@team_required
@once
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = intake_service.create_programme(**form.cleaned_data, created_by=request.user)
        messages.success(request, f"{programme.name} created. You are its programme lead.")
        return redirect("recruitment:team_intakes")
    return render(request, "recruitment/team/programme_form.html", {"form": form})


@team_required
@once
def intake_create(request):
    programmes = Programme.objects.filter(pk__in=roles.team_programme_ids(request.user))
    form = IntakeForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        intake = intake_service.create_intake(**form.intake_data())
        messages.success(request, f"{intake.name} created")
        return redirect("recruitment:intake_dashboard", pk=intake.pk)
    return render(request, "recruitment/team/intake_form.html", {"form": form})


@team_required
def intake_edit(request, pk):
    intake = get_intake_for_team(request, pk)
    data = request.POST if request.method == "POST" else None
    form = IntakeEditForm(data, instance=intake)
    formset = CapabilityFormSet(
        data, queryset=intake.capabilities.order_by("position"), prefix="capabilities"
    )
    status = 200
    if data is not None:
        # Validate both so every error shows at once.
        valid = form.is_valid() & formset.is_valid()
        if valid:
            try:
                save_form(form, by=request.user, also=[formset])
            except StaleVersion:
                intake = _refuse_stale(request, pk, form, formset)
                status = 409
            else:
                messages.success(request, f"{intake.name} updated")
                return redirect("recruitment:intake_dashboard", pk=intake.pk)
    errors = [item for f in [form, *formset.forms] for item in f.error_summary()]
    return render(
        request,
        "recruitment/team/intake_edit.html",
        {
            "intake": intake,
            "form": form,
            "formset": formset,
            "errors": errors,
            "error_title": bool(errors),
        },
        status=status,
    )


def _refuse_stale(request, pk, form, formset):
    """Someone else saved the intake first: compare what is saved now (the intake and its
    capabilities) with what was typed, which the forms keep. Returns the intake as saved."""
    saved = IntakeEditForm(instance=get_intake_for_team(request, pk))
    capabilities = {c.pk: c for c in saved.instance.capabilities.all()}
    more = [
        difference
        for typed in formset.forms
        if typed.instance.pk in capabilities  # a row outside the intake is ignored
        for difference in differences(
            typed,
            CapabilityForm(instance=capabilities[typed.instance.pk]),
            label=f"{typed.instance.name}: {{}}",
        )
    ]
    form.refuse_stale(saved, more=more)
    return saved.instance


@team_required
def intake_dashboard(request, pk):
    intake = get_intake_for_team(request, pk)
    counts = intake_service.dashboard_counts(intake)
    return render(
        request,
        "recruitment/team/intake_dashboard.html",
        {
            "intake": intake,
            "status": intake_service.intake_status(intake),
            "counts": counts,
            "funnel_chart": funnel_chart(counts.funnel),
            "is_lead": request.user.has_perm("reporting.view_equality_report", intake),
        },
    )
