from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "upon.network"
    verbose_name = "The network"
