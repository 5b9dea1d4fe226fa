from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "upon.delivery"
    verbose_name = "Programme delivery"
