from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "upon.selection"

    def ready(self):
        from upon.selection import signals  # noqa: F401 - connects the receivers
