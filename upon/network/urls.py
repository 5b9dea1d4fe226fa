"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

app_name = "network"

urlpatterns = []

# The resource library
from django.urls import path  # noqa: E402

from upon.network import views_library as library  # noqa: E402

urlpatterns += [
    path("library/", library.search, name="library"),
    path("library/suggest/", library.suggest, name="suggest_resource"),
    path("library/suggestions/", library.suggestions, name="library_suggestions"),
    path("library/suggestions/<int:pk>/", library.review_suggestion, name="review_suggestion"),
    path("library/add/", library.add_resource, name="add_resource"),
    path("library/<int:pk>/", library.resource, name="resource"),
    path("library/<int:pk>/open/", library.open_resource, name="open_resource"),
    path("library/<int:pk>/edit/", library.edit_resource, name="edit_resource"),
    path("library/<int:pk>/collect/", library.add_to_collection, name="add_to_collection"),
    path("library/collections/", library.collections, name="collections"),
    path("library/collections/add/", library.add_collection, name="add_collection"),
    path("library/collections/<int:pk>/", library.collection, name="collection"),
    path(
        "library/collections/items/<int:pk>/remove/",
        library.remove_from_collection,
        name="remove_from_collection",
    ),
]
