import datetime

from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "upon.selection"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link, register_work
        from upon.accounts.models import Role
        from upon.selection import signals  # noqa: F401 - connects the receivers
        from upon.selection.offers import lapse_due_offers
        from upon.selection.queue import reviewer_work
        from upon.service import navigation, schedule

        schedule.register("lapse offers", every=datetime.timedelta(hours=1), job=lapse_due_offers)

        navigation.register(
            "Your reviews",
            "selection:queue",
            visible=lambda user: roles.has_role(user, Role.REVIEWER),
            order=20,
        )
        register_role_link([Role.REVIEWER], "Your reviews", "selection:queue", order=10)
        register_work(
            "reviews",
            roles=[Role.REVIEWER],
            template="selection/home/reviews.html",
            context=reviewer_work,
            order=40,
        )
