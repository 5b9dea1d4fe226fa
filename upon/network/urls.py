"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

app_name = "network"

urlpatterns = []

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
