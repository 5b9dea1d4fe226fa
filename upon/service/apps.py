from django.apps import AppConfig


class ServiceConfig(AppConfig):
    name = "upon.service"
    verbose_name = "Service shell"
