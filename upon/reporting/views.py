"""The applicant's equality monitoring form, and the lead's aggregate equality report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.programmes.models import Intake
from upon.reporting.adverse_impact import impact_tables
from upon.reporting.algorithms.adverse_impact import STAGES
from upon.reporting.algorithms.suppression import PROTECTED_TEXT, SUPPRESSED_TEXT, THRESHOLD
from upon.reporting.charts import DEFAULT_STAGE, selection_rate_chart
from upon.reporting.equality import equality_tables
from upon.reporting.equality_reads import Reading, record
from upon.reporting.stages import LABELS

LEAD_INTAKES = Intake.objects.select_related("programme")


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_form(request, reference):
    """The owner's optional equality answers, while the application is a draft.

    Stored only in MonitoringResponse; the application records just whether any were given.
    """
    from upon.recruitment import services as application_services
    from upon.recruitment.models import Application
    from upon.reporting.forms import MonitoringForm
    from upon.reporting.models import MonitoringResponse

    application = get_object_for(
        request.user,
        Application.objects.select_related("intake"),
        "reporting.answer_monitoring",
        reference=reference,
    )
    if not application.is_editable:
        messages.info(request, "You cannot change this application because it is submitted")
        return redirect("recruitment:task_list", reference=reference)
    # The applicant reads their own answers back: logged like every other read.
    record(
        Reading(request.user, "The applicant's own answers, to change them"),
        what=f"Their own answers, applying to {application.intake}",
        programme=application.intake.programme,
    )
    existing = MonitoringResponse.objects.filter(application=application).first()
    form = MonitoringForm(request.POST if request.method == "POST" else None, instance=existing)
    if request.method == "POST" and form.is_valid():
        answered = form.save_for(application)
        application_services.set_section_completed(
            application=application, key=application_services.EQUALITY, completed=answered
        )
        messages.success(
            request,
            "Thank you. Your equality monitoring answers have been saved."
            if answered
            else "You have not answered any equality monitoring questions",
        )
        return redirect("recruitment:task_list", reference=reference)
    return render(
        request, "reporting/monitoring_form.html", {"application": application, "form": form}
    )


@team_required
def equality_report(request, pk):
    """The programme lead's aggregate equality report for an intake; small counts suppressed."""
    intake = get_object_for(request.user, LEAD_INTAKES, "reporting.view_equality_report", pk=pk)
    context = {
        "intake": intake,
        "tables": equality_tables(
            intake=intake, reading=Reading(request.user, "The equality report")
        ),
        "stages": list(LABELS.values()),
        "suppressed_text": SUPPRESSED_TEXT,
        "protected_text": PROTECTED_TEXT,
        "threshold": THRESHOLD,
    }
    return render(request, "reporting/equality_report.html", context)


@team_required
def adverse_impact_report(request, pk):
    """The programme lead's adverse impact monitoring: each group at each selection stage."""
    intake = get_object_for(request.user, LEAD_INTAKES, "reporting.view_adverse_impact", pk=pk)
    stage = request.GET.get("stage")
    stage = stage if stage in STAGES[1:] else DEFAULT_STAGE
    tables = impact_tables(
        intake=intake, reading=Reading(request.user, "Adverse impact monitoring")
    )
    context = {
        "intake": intake,
        "stage": stage,
        "stages": [(key, LABELS[key]) for key in STAGES[1:]],
        "tables": [
            (table, selection_rate_chart(table, stage=stage, number=number))
            for number, table in enumerate(tables, start=1)
        ],
        "suppressed_text": SUPPRESSED_TEXT,
        "protected_text": PROTECTED_TEXT,
        "threshold": THRESHOLD,
    }
    return render(request, "reporting/adverse_impact.html", context)
