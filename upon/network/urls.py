"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

from django.urls import path

from upon.network import (
    views_buddies,
    views_directory,
    views_groups,
    views_home,
    views_messages,
    views_opportunities,
    views_peer,
)
from upon.network import views_library as library

app_name = "network"

urlpatterns = [
    # Members' way in: a link to each part below.
    path("", views_home.home, name="home"),
]

# The directory and messages (issue 13, items 1 and 2): members only; a conversation is its two
# people's alone.
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

# Peer support: ask a peer (issue 13, item 3)
urlpatterns += [
    path("ask/", views_peer.ask_peer, name="ask_peer"),
    path("questions/", views_peer.my_questions, name="my_questions"),
    path("questions/for-you/", views_peer.questions_for_me, name="questions_for_me"),
    path("questions/<int:pk>/", views_peer.question, name="question"),
    path("questions/<int:pk>/answer/", views_peer.answer_question, name="answer_question"),
    path("answers/<int:pk>/share/", views_peer.share_answer, name="share_answer"),
]

# Opportunities (issue 13, item 5)
urlpatterns += [
    path("opportunities/", views_opportunities.opportunity_list, name="opportunities"),
    path("opportunities/<int:pk>/", views_opportunities.opportunity, name="opportunity"),
    path(
        "opportunities/alerts/", views_opportunities.opportunity_alerts, name="opportunity_alerts"
    ),
    path(
        "opportunities/alerts/<int:pk>/remove/",
        views_opportunities.remove_opportunity_alert,
        name="remove_opportunity_alert",
    ),
    path(
        "opportunities/posted/",
        views_opportunities.posted_opportunities,
        name="posted_opportunities",
    ),
    path("opportunities/post/", views_opportunities.post_opportunity, name="post_opportunity"),
    path(
        "opportunities/<int:pk>/change/",
        views_opportunities.change_opportunity,
        name="change_opportunity",
    ),
    path(
        "opportunities/<int:pk>/withdraw/",
        views_opportunities.withdraw_opportunity,
        name="withdraw_opportunity",
    ),
]

# Peer support: buddy pairing (issue 13, item 3)
urlpatterns += [
    path("team/buddies/", views_buddies.team_buddies, name="team_buddies"),
    path("team/buddies/<int:pk>/offer/", views_buddies.offer_buddy, name="offer_buddy"),
    path("team/buddies/<int:pk>/choose/", views_buddies.choose_buddy, name="choose_buddy"),
    path("buddy/", views_buddies.my_buddy, name="my_buddy"),
    path("buddy/<int:pk>/answer/", views_buddies.answer_buddy, name="answer_buddy"),
    path("buddies/", views_buddies.my_buddies, name="my_buddies"),
]

# The resource library
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
    path(
        "library/collections/items/<int:pk>/move/",
        library.move_in_collection,
        name="move_in_collection",
    ),
]
