"""Stub: to be written."""

from django.http import HttpResponse


def eligibility_start(request, **kwargs):
    return HttpResponse("not built yet: eligibility_start")


def eligibility_question(request, **kwargs):
    return HttpResponse("not built yet: eligibility_question")


def eligibility_result(request, **kwargs):
    return HttpResponse("not built yet: eligibility_result")
