from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upon.accounts"

    def ready(self):
        from upon.accounts.home import register_role_link
        from upon.accounts.roles import TEAM_ROLES
        from upon.service import navigation

        navigation.register(
            "Home", "accounts:home", visible=lambda user: True, order=0, prefix=False
        )
        register_role_link(TEAM_ROLES, "Invite someone to a role", "accounts:invite", order=20)
        register_role_link(TEAM_ROLES, "Invitations", "accounts:invitations", order=30)
