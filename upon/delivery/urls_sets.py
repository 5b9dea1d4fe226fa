from django.urls import path  # noqa: F401

app_name = "delivery_sets"
urlpatterns = []
