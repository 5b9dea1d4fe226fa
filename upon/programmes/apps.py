from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "upon.programmes"
    label = "programmes"
