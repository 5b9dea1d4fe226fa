from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "upon.support"
    verbose_name = "Support for new directors"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role
        from upon.service import navigation
        from upon.support.rules import RECORDS_POSTS

        navigation.register(
            "Your posts",
            "support:posts",
            visible=lambda user: roles.has_role(user, *RECORDS_POSTS),
            order=35,
        )
        register_role_link(RECORDS_POSTS, "Your posts", "support:posts", order=20)
        register_role_link(
            roles.TEAM_ROLES, "Appointments to verify", "support:team_appointments", order=60
        )
        navigation.register(
            "Your support",
            "support:my_support",
            visible=lambda user: roles.has_role(user, Role.NEW_DIRECTOR),
            order=36,
        )
        register_role_link([Role.NEW_DIRECTOR], "Your support", "support:my_support", order=10)
        register_role_link(
            roles.TEAM_ROLES, "Support entitlements", "support:team_entitlements", order=70
        )
        navigation.register(
            "Appointments",
            "support:team_appointments",
            visible=lambda user: roles.is_team(user),
            order=70,
        )
        self.schedule_jobs()

    def schedule_jobs(self):
        """The support jobs the schedule runs (upon/service/schedule.py); add new ones here."""
        import datetime

        from upon.service import schedule
        from upon.support.ending_soon import send_ending_notices

        schedule.register(
            "tell directors their support is ending",
            every=datetime.timedelta(hours=1),
            job=send_ending_notices,
        )
