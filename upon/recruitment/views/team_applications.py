"""Stub: to be written."""

from django.http import HttpResponse


def applications(request, **kwargs):
    return HttpResponse("not built yet: applications")


def application_detail(request, **kwargs):
    return HttpResponse("not built yet: application_detail")


def export_csv(request, **kwargs):
    return HttpResponse("not built yet: export_csv")


def export_xlsx(request, **kwargs):
    return HttpResponse("not built yet: export_xlsx")
