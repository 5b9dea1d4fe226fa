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

# Groups (issue 13, item 4): members' groups and threads; the team's moderation.
from django.urls import path  # noqa: E402

from upon.network import views_groups  # noqa: E402

urlpatterns += [
    path("groups/", views_groups.groups, name="groups"),
    path("groups/<int:pk>/", views_groups.group, name="group"),
    path("groups/<int:pk>/join/", views_groups.join_group, name="join_group"),
    path("groups/<int:pk>/leave/", views_groups.leave_group, name="leave_group"),
    path(
        "groups/<int:pk>/notifications/",
        views_groups.group_notifications,
        name="group_notifications",
    ),
    path("groups/<int:pk>/threads/new/", views_groups.start_thread, name="start_thread"),
    path("groups/threads/<int:pk>/", views_groups.thread, name="thread"),
    path("groups/threads/<int:pk>/reply/", views_groups.reply, name="reply_to_thread"),
    path("groups/posts/<int:pk>/report/", views_groups.report_post, name="report_post"),
    path("team/groups/posts/<int:pk>/hide/", views_groups.hide_post, name="hide_post"),
    path("team/groups/posts/<int:pk>/show/", views_groups.unhide_post, name="unhide_post"),
    path("team/reports/", views_groups.team_reports, name="team_reports"),
    path("team/reports/<int:pk>/resolve/", views_groups.resolve_report, name="resolve_report"),
]
