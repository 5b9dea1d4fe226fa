from django.conf import settings

from upon.accounts.navigation import navigation_for


def service(request):
    return {
        "support_email": settings.SUPPORT_EMAIL,
        "nav_items": navigation_for(request),
    }
