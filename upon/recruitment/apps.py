from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "upon.recruitment"

    def ready(self):
        from upon.recruitment import signals  # noqa: F401 - connects the receivers
