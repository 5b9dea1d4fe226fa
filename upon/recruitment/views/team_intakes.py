"""Stub: to be written."""

from django.http import HttpResponse


def team_home(request, **kwargs):
    return HttpResponse("not built yet: team_home")


def intakes(request, **kwargs):
    return HttpResponse("not built yet: intakes")


def programme_create(request, **kwargs):
    return HttpResponse("not built yet: programme_create")


def intake_create(request, **kwargs):
    return HttpResponse("not built yet: intake_create")


def intake_dashboard(request, **kwargs):
    return HttpResponse("not built yet: intake_dashboard")


def intake_edit(request, **kwargs):
    return HttpResponse("not built yet: intake_edit")
