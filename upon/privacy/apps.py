from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data as UK GDPR asks (issue 15, item 4): the privacy notice, subject access
    exports, erasure, the retention schedule and the log of equality answers read."""

    name = "upon.privacy"
    verbose_name = "Privacy"

    def ready(self):
        import datetime

        from upon.accounts.home import register_role_link
        from upon.accounts.roles import TEAM_ROLES
        from upon.privacy import retention
        from upon.service import schedule

        schedule.register(
            "apply retention schedule",
            every=datetime.timedelta(days=1),
            job=retention.apply_due,
        )
        register_role_link(sorted(TEAM_ROLES), "Personal data", "privacy:home", order=92)
