from django.apps import AppConfig


class ServiceConfig(AppConfig):
    name = "upon.service"
    verbose_name = "Service shell"

    def ready(self):
        import datetime

        from upon.service import once, schedule

        schedule.register(
            "forget old form tokens", every=datetime.timedelta(days=1), job=once.purge
        )
