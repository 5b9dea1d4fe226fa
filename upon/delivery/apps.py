from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "upon.delivery"
    verbose_name = "Programme delivery"

    def ready(self):
        from upon.delivery import signals  # noqa: F401 - connects the receivers
