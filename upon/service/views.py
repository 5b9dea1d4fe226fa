from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upon.service import outbox as outbox_folder

OUTBOX_PER_PAGE = 25


def page_not_found(request, exception=None):
    return render(request, "service/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "service/403.html", status=403)


def server_error(request):
    return render(request, "service/500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "service/400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "service/csrf.html", status=403)


# The development outbox (routed only when DEBUG is on; see service/outbox.py).
@require_GET
@login_required
def outbox(request):
    page = Paginator(outbox_folder.messages(), OUTBOX_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "service/outbox.html",
        {"page": page, "folder": settings.EMAIL_FILE_PATH, "backend": settings.EMAIL_BACKEND},
    )


@require_GET
@login_required
def outbox_message(request, file, number):
    message = outbox_folder.message(file, number)
    if message is None:
        raise Http404("No such message in the outbox.")
    return render(
        request,
        "service/outbox_message.html",
        {"message": message, "paragraphs": outbox_folder.paragraphs(message.body)},
    )
