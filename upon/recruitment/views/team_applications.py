"""The programme team works an intake's applications: list, filter, read, export."""

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from upon.accounts.access import team_required
from upon.programmes.access import get_intake_for_team
from upon.recruitment import exports, services
from upon.recruitment.access import get_application_for_team
from upon.recruitment.algorithms.eligibility import describe_months, senior_leadership_months
from upon.recruitment.models import Application
from upon.recruitment.team_queries import (
    ApplicationFilterForm,
    filter_applications,
    filter_fields_html,
    page_of_applications,
    region_label,
    status_history,
    status_tag_class,
    table_rows,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request, intake):
    form = ApplicationFilterForm(request.GET)
    return form, filter_applications(intake=intake, **form.filters())


def _is_search(form) -> bool:
    return bool(form.filters()["search"])


@team_required
def applications(request, pk):
    intake = get_intake_for_team(request, pk)
    form, queryset = _filtered(request, intake)
    page = page_of_applications(queryset, request.GET.get("page"), narrow=_is_search(form))
    context = {
        "intake": intake,
        "form": form,
        "page": page,
        "rows": table_rows(page.object_list),
    }
    # htmx swaps only the results when the filter form is submitted; without JS, the whole page.
    if request.headers.get("HX-Request"):
        template = "recruitment/team/applications_results.html"
    else:
        template = "recruitment/team/applications.html"
        context["filter_fields"] = filter_fields_html(form)
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@team_required
def application_detail(request, reference):
    application = get_application_for_team(
        request,
        reference,
        queryset=Application.objects.select_related(
            "intake__programme", "employer", "applicant", "endorsement"
        ),
    )
    career = list(application.career.all())
    # Checked as on the day it was submitted: the history cannot change after that.
    shortfall = application.submitted_at and services.leadership_shortfall(
        application=application,
        today=timezone.localdate(application.submitted_at),
        career=career,
    )
    context = {
        "shortfall": shortfall or None,
        "application": application,
        "tag_class": status_tag_class(application.status),
        "region": region_label(application.region),
        "career": career,
        "senior_time": describe_months(
            senior_leadership_months(career, today=timezone.localdate())
        ),
        "statements": list(application.statements.select_related("capability")),
        "history": status_history(application),
        "endorsement": getattr(application, "endorsement", None),
    }
    return render(request, "recruitment/team/application_detail.html", context)


def _filename(intake, extension: str) -> str:
    return f'attachment; filename="{intake.slug}-applications.{extension}"'


@team_required
def export_csv(request, pk):
    intake = get_intake_for_team(request, pk)
    _, queryset = _filtered(request, intake)
    response = StreamingHttpResponse(
        exports.csv_lines(exports.export_rows(queryset)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _filename(intake, "csv")
    return response


@team_required
def export_xlsx(request, pk):
    intake = get_intake_for_team(request, pk)
    _, queryset = _filtered(request, intake)
    response = HttpResponse(exports.xlsx_bytes(exports.export_rows(queryset)), XLSX_TYPE)
    response["Content-Disposition"] = _filename(intake, "xlsx")
    return response
