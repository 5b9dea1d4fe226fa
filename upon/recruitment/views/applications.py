"""Stub: to be written."""

from django.http import HttpResponse


def dashboard(request, **kwargs):
    return HttpResponse("not built yet: dashboard")


def start_application(request, **kwargs):
    return HttpResponse("not built yet: start_application")


def task_list(request, **kwargs):
    return HttpResponse("not built yet: task_list")


def about_you(request, **kwargs):
    return HttpResponse("not built yet: about_you")


def current_role(request, **kwargs):
    return HttpResponse("not built yet: current_role")


def career(request, **kwargs):
    return HttpResponse("not built yet: career")


def career_entry(request, **kwargs):
    return HttpResponse("not built yet: career_entry")


def career_entry_delete(request, **kwargs):
    return HttpResponse("not built yet: career_entry_delete")


def statement(request, **kwargs):
    return HttpResponse("not built yet: statement")


def check_answers(request, **kwargs):
    return HttpResponse("not built yet: check_answers")


def submitted(request, **kwargs):
    return HttpResponse("not built yet: submitted")


def withdraw(request, **kwargs):
    return HttpResponse("not built yet: withdraw")
