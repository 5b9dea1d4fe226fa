from django.conf import settings

from upon.service.navigation import items_for


def service(request):
    return {
        "support_email": settings.SUPPORT_EMAIL,
        "nav_items": items_for(request),
    }
