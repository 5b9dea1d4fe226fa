from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """The national register of directors of children's services, turnover and tenure (issue 14)."""

    name = "upon.workforce"
    verbose_name = "The national register of directors"
