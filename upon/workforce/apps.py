from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """The national register of directors of children's services, turnover and tenure (issue 14)."""

    name = "upon.workforce"
    verbose_name = "The national register of directors"

    def ready(self):
        self.register_ready()
        self.schedule_ready()

    # The analytics' figures worked out for each new day before their first reader (tasks.py).
    def schedule_ready(self):
        import datetime

        from upon.service import schedule
        from upon.workforce import tasks

        schedule.register(
            "work out the register's figures for the day",
            every=datetime.timedelta(minutes=15),
            job=tasks.refresh_for_the_day,
        )

    # The national register (issue 14, item 1): the team's link on the home page and in the menu.
    def register_ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.service import navigation

        navigation.register(
            "National register",
            "workforce:authorities",
            visible=lambda user: roles.is_team(user),
            order=71,
        )
        register_role_link(roles.TEAM_ROLES, "National register", "workforce:authorities", order=85)
