from django.conf import settings
from django.urls import path
from django.views.generic import TemplateView

from upon.service import views

app_name = "service"

urlpatterns = [
    path(
        "accessibility/",
        TemplateView.as_view(template_name="service/accessibility.html"),
        name="accessibility",
    ),
    path("cookies/", TemplateView.as_view(template_name="service/cookies.html"), name="cookies"),
]

# Development only: the outbox of emails written by the file-based backend. Not routed at all
# unless DEBUG is on when the URLconf loads.
if settings.DEBUG:
    urlpatterns += [
        path("dev/outbox/", views.outbox, name="outbox"),
        path("dev/outbox/<str:file>/<int:number>/", views.outbox_message, name="outbox_message"),
    ]
