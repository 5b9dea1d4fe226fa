from django.urls import path

from upon.selection.views import applicant

app_name = "offers"

urlpatterns = [
    path("applications/<str:reference>/offer/", applicant.respond, name="respond"),
]
