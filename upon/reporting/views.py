"""Stub: to be written."""

from django.http import HttpResponse


def monitoring_form(request, **kwargs):
    return HttpResponse("not built yet: monitoring_form")


def equality_report(request, **kwargs):
    return HttpResponse("not built yet: equality_report")
