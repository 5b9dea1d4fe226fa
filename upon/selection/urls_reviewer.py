from django.urls import path

from upon.selection.views import reviewer

app_name = "selection"

urlpatterns = [
    path("", reviewer.queue, name="queue"),
    path("<int:pk>/", reviewer.review, name="review"),
    path("<int:pk>/conflict/", reviewer.declare_conflict, name="declare_conflict"),
]
