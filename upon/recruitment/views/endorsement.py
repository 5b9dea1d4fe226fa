"""Stub: to be written."""

from django.http import HttpResponse


def endorsement(request, **kwargs):
    return HttpResponse("not built yet: endorsement")


def endorse(request, **kwargs):
    return HttpResponse("not built yet: endorse")
