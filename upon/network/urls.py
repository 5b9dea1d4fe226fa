"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

from django.urls import path

app_name = "network"

urlpatterns = []

# The directory and messages (issue 13, items 1 and 2): members only; a conversation is its two
# people's alone.
from upon.network import views_directory, views_messages  # noqa: E402

urlpatterns += [
    path("directory/", views_directory.directory_list, name="directory"),
    path("directory/your-profile/", views_directory.own_profile, name="own_profile"),
    path(
        "directory/your-profile/remove/",
        views_directory.remove_profile,
        name="remove_profile",
    ),
    path("directory/<int:pk>/", views_directory.profile, name="profile"),
    path("directory/<int:pk>/message/", views_messages.write_to, name="write_to"),
    path("messages/", views_messages.conversation_list, name="conversations"),
    path("messages/<int:pk>/", views_messages.conversation, name="conversation"),
    path("messages/<int:pk>/block/", views_messages.block, name="block"),
    path("messages/<int:pk>/unblock/", views_messages.unblock, name="unblock"),
    path(
        "messages/report/<int:pk>/",
        views_messages.report_message,
        name="report_message",
    ),
]
