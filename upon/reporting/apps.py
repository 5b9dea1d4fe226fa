from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "upon.reporting"

    def ready(self):
        """The grant and what the programme achieved (issue 14, items 4 and 5): a link for the
        programme team and lead, and for the funder, whose first pages these are."""
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role
        from upon.accounts.roles import TEAM_ROLES

        register_role_link(
            [*sorted(TEAM_ROLES), Role.FUNDER], "Grant and outcomes", "reporting:outcomes", order=85
        )
        self.schedule_ready()

    # The alumni's comparison worked out for each new day before its first reader.
    def schedule_ready(self):
        import datetime

        from upon.reporting import alumni_outcomes
        from upon.service import schedule

        schedule.register(
            "work out the alumni's comparison for the day",
            every=datetime.timedelta(minutes=15),
            job=alumni_outcomes.refresh_for_the_day,
        )
