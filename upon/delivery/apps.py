from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "upon.delivery"
    verbose_name = "Programme delivery"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link, register_work
        from upon.accounts.models import Role
        from upon.delivery import (
            home,
            signals,  # noqa: F401 - connects the receivers
        )
        from upon.service import navigation

        for label, url_name, role, order in [
            ("Your programme", "delivery:programme", Role.PARTICIPANT, 30),
            ("Your sessions", "delivery:facilitating", Role.FACILITATOR, 40),
        ]:
            navigation.register(
                label,
                url_name,
                visible=lambda user, role=role: roles.has_role(user, role),
                order=order,
            )
            register_role_link([role], label, url_name, order=10)
        register_work(
            "team_cohorts",
            roles=roles.TEAM_ROLES,
            template="delivery/home/team_cohorts.html",
            context=home.team_cohorts_work,
            order=20,
        )
        register_work(
            "next_session",
            roles=[Role.FACILITATOR],
            template="delivery/home/next_session.html",
            context=home.facilitator_work,
            order=30,
        )
