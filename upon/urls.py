from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from upon.recruitment.views import public

urlpatterns = [
    path("", public.start, name="start"),
    path("", include("upon.service.urls")),
    path("", include("upon.operations.urls")),
    path("account/", include("upon.accounts.urls")),
    path("", include("upon.recruitment.urls")),
    path("", include("upon.selection.urls")),
    path("", include("upon.reporting.urls")),
    path("", include("upon.delivery.urls")),
    path("", include("upon.support.urls")),
    path("network/", include("upon.network.urls")),
    path("", include("upon.workforce.urls")),
    path("", include("upon.partners.urls")),
    path("", include("upon.privacy.urls")),
    # The programme team's read-only admin (upon/admin_site.py).
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler400 = "upon.service.views.bad_request"
handler403 = "upon.service.views.permission_denied"
handler404 = "upon.service.views.page_not_found"
handler500 = "upon.service.views.server_error"
