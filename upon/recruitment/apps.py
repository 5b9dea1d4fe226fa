import datetime

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "upon.recruitment"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link, register_work
        from upon.recruitment import home, signals  # noqa: F401 - signals connects receivers
        from upon.recruitment.endorsements import send_due_reminders
        from upon.service import navigation, schedule

        schedule.register(
            "remind sponsors to endorse", every=datetime.timedelta(hours=1), job=send_due_reminders
        )

        navigation.register(
            "Your applications", "recruitment:applications", visible=lambda user: True, order=10
        )
        navigation.register("Intakes", "recruitment:team_intakes", visible=roles.is_team, order=50)
        register_role_link(roles.TEAM_ROLES, "Intakes", "recruitment:team_intakes", order=10)
        register_work(
            "team_intakes",
            roles=roles.TEAM_ROLES,
            template="recruitment/home/team_intakes.html",
            context=home.team_intakes_work,
            order=10,
        )
        register_work(
            "applications",
            roles=(),
            template="recruitment/home/applications.html",
            context=home.applications_work,
            order=90,
        )
