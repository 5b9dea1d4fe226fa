from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "upon.recruitment"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.recruitment import signals  # noqa: F401 - connects the receivers
        from upon.service import navigation

        navigation.register(
            "Your applications", "recruitment:applications", visible=lambda user: True, order=10
        )
        navigation.register("Intakes", "recruitment:team_intakes", visible=roles.is_team, order=50)
        register_role_link(roles.TEAM_ROLES, "Intakes", "recruitment:team_intakes", order=10)
