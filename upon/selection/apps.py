from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "upon.selection"
