from django.urls import path

from upon.operations import views

app_name = "operations"

# For load balancers and uptime checks: no sign-in, never cached, never redirected to HTTPS.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
