from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "upon.support"
    verbose_name = "Support for new directors"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link, register_work
        from upon.accounts.models import Role
        from upon.service import navigation
        from upon.support import home
        from upon.support.rules import BOOKS_LEARNING, RECORDS_POSTS

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
        register_role_link(
            [Role.EMPLOYER_CONTACT], "Your check-ins", "support:my_check_ins", order=10
        )
        register_role_link(
            roles.TEAM_ROLES, "Employer check-ins", "support:team_check_ins", order=75
        )
        navigation.register(
            "Appointments",
            "support:team_appointments",
            visible=lambda user: roles.is_team(user),
            order=70,
        )
        # Coaches and matching
        register_role_link([Role.COACH], "Your directors", "support:coach_home", order=10)
        navigation.register(
            "Your directors",
            "support:coach_home",
            visible=lambda user: roles.has_role(user, Role.COACH),
            order=37,
        )
        register_role_link([Role.NEW_DIRECTOR], "Your coach", "support:shortlist", order=15)
        register_role_link(roles.TEAM_ROLES, "Coach pool", "support:coach_pool", order=72)
        register_role_link(roles.TEAM_ROLES, "Coaching", "support:team_coaching", order=73)
        # Further learning
        register_role_link(BOOKS_LEARNING, "Further learning", "support:further_learning", order=25)
        navigation.register(
            "Further learning",
            "support:further_learning",
            visible=lambda user: roles.has_role(user, *BOOKS_LEARNING),
            order=38,
        )
        register_role_link(
            roles.TEAM_ROLES,
            "Further learning events",
            "support:team_learning_events",
            order=77,
        )
        # The work others wait on first: the coach's directors, the employer's check-in, then
        # the director's own support.
        for name, role, order in [
            ("coach", Role.COACH, 50),
            ("employer", Role.EMPLOYER_CONTACT, 55),
            ("director", Role.NEW_DIRECTOR, 60),
        ]:
            register_work(
                f"support_{name}",
                roles=[role],
                template=f"support/home/{name}.html",
                context=getattr(home, f"{name}_work"),
                order=order,
            )
        self.schedule_jobs()

    def schedule_jobs(self):
        """The support jobs the schedule runs (upon/service/schedule.py); add new ones here."""
        import datetime

        from upon.service import schedule
        from upon.support.employers import send_check_in_reminders
        from upon.support.ending_soon import send_ending_notices

        schedule.register(
            "tell directors their support is ending",
            every=datetime.timedelta(hours=1),
            job=send_ending_notices,
        )
        # At most one reminder a week per check-in, however often this runs.
        schedule.register(
            "remind employers of check-ins due",
            every=datetime.timedelta(hours=1),
            job=send_check_in_reminders,
        )
