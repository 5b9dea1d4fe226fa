from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers; 503 otherwise. For load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


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
