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
