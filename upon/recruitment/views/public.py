"""Stub: to be written."""

from django.http import HttpResponse


def start(request, **kwargs):
    return HttpResponse("not built yet: start")


def programme(request, **kwargs):
    return HttpResponse("not built yet: programme")


def intake(request, **kwargs):
    return HttpResponse("not built yet: intake")
