from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from upon.operations import health


@require_GET
@never_cache
def healthz(request):
    """Alive: 200 whatever the database says (it asks it nothing)."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
@never_cache
def readyz(request):
    """Ready: 200 when every check passes; 503 with a JSON body naming what failed."""
    checks = health.readiness()
    failed = [check.name for check in checks if check.status == health.FAILED]
    body = {
        "status": "not ready" if failed else "ready",
        "failed": failed,
        "checks": {check.name: _shown(check) for check in checks},
    }
    return JsonResponse(body, status=503 if failed else 200)


def _shown(check: health.Check) -> dict:
    return (
        {"status": check.status, "detail": check.detail}
        if check.detail
        else {"status": check.status}
    )
