"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

app_name = "network"

urlpatterns = []

# Peer support: ask a peer (issue 13, item 3)
from django.urls import path  # noqa: E402

from upon.network import views_peer  # noqa: E402

urlpatterns += [
    path("ask/", views_peer.ask_peer, name="ask_peer"),
    path("questions/", views_peer.my_questions, name="my_questions"),
    path("questions/for-you/", views_peer.questions_for_me, name="questions_for_me"),
    path("questions/<int:pk>/", views_peer.question, name="question"),
    path("questions/<int:pk>/answer/", views_peer.answer_question, name="answer_question"),
    path("answers/<int:pk>/share/", views_peer.share_answer, name="share_answer"),
]

# Opportunities (issue 13, item 5)
from upon.network import views_opportunities  # noqa: E402

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
from upon.network import views_buddies  # noqa: E402

urlpatterns += [
    path("team/buddies/", views_buddies.team_buddies, name="team_buddies"),
    path("team/buddies/<int:pk>/offer/", views_buddies.offer_buddy, name="offer_buddy"),
    path("team/buddies/<int:pk>/choose/", views_buddies.choose_buddy, name="choose_buddy"),
    path("buddy/", views_buddies.my_buddy, name="my_buddy"),
    path("buddy/<int:pk>/answer/", views_buddies.answer_buddy, name="answer_buddy"),
    path("buddies/", views_buddies.my_buddies, name="my_buddies"),
]
