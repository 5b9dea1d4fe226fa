"""The funder's report: the team builds versions and follows each one's progress; the team and
the programme's funder list and download them (the funder, finished versions only)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from upon.accounts.permissions import get_object_for
from upon.programmes.models import Programme
from upon.reporting import report
from upon.reporting.forms_report import FunderReportForm
from upon.reporting.models import FunderReport, ReportStatus
from upon.reporting.views_outcomes import outcome_readers, team_only
from upon.service.once import once

REPORTS_PER_PAGE = 25
# htmx stops polling when a response has this status (the job has finished, one way or another).
STOP_POLLING = 286
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@outcome_readers
def funder_reports(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.view_funder_reports", pk=pk)
    team = request.user.has_perm("reporting.build_funder_report", programme)
    reports = report.reports_for(programme=programme, team=team)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"programme": programme, "team": team, "page": page}
    return render(request, "reporting/funder_report/list.html", context)


@team_only
@once
def new_funder_report(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.build_funder_report", pk=pk)
    now = timezone.now()
    form = FunderReportForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        made = report.create_report(programme=programme, by=request.user, now=now, **form.details())
        return redirect("reporting:funder_report_progress", pk=made.pk)
    context = {"programme": programme, "form": form}
    return render(request, "reporting/funder_report/new.html", context)


@team_only
def funder_report_progress(request, pk):
    found = get_object_for(
        request.user,
        FunderReport.objects.defer(*report.FILES).select_related("programme"),
        "reporting.follow_funder_report",
        pk=pk,
    )
    context = {"report": found, "programme": found.programme, "running": _running(found)}
    if request.headers.get("HX-Request"):
        response = render(request, "reporting/funder_report/progress_status.html", context)
        if not context["running"]:
            response.status_code = STOP_POLLING
    else:
        response = render(request, "reporting/funder_report/progress.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _running(found: FunderReport) -> bool:
    return found.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)


def _download(request, pk, kind: str):
    reports = FunderReport.objects.select_related("programme").defer(
        *(name for name in report.FILES if name != kind)
    )
    found = get_object_for(request.user, reports, "reporting.download_funder_report", pk=pk)
    if not found.done:
        # The team may reach a version that is still being built: they follow it instead.
        return redirect("reporting:funder_report_progress", pk=found.pk)
    response = HttpResponse(bytes(getattr(found, kind)), content_type=CONTENT_TYPES[kind])
    name = report.filename(report=found, extension=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@outcome_readers
def download_funder_report_pdf(request, pk):
    return _download(request, pk, "pdf")


@outcome_readers
def download_funder_report_xlsx(request, pk):
    return _download(request, pk, "xlsx")
