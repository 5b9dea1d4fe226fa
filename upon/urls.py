from django.urls import include, path

from upon.recruitment.views import public

urlpatterns = [
    path("", public.start, name="start"),
    path("", include("upon.service.urls")),
    path("account/", include("upon.accounts.urls")),
    path("", include("upon.recruitment.urls_public")),
    path("", include("upon.recruitment.urls_applications")),
    path("", include("upon.reporting.urls")),
    path("team/", include("upon.recruitment.urls_team")),
    path("team/", include("upon.selection.urls_team")),
    path("reviews/", include("upon.selection.urls_reviewer")),
    path("", include("upon.selection.urls_offers")),
    path("", include("upon.delivery.urls")),
]

handler400 = "upon.service.views.bad_request"
handler403 = "upon.service.views.permission_denied"
handler404 = "upon.service.views.page_not_found"
handler500 = "upon.service.views.server_error"
