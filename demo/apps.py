from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo and benchmark data. An app only so that `manage.py seed_demo` is found: it
    has no models, no URLs and no pages, and nothing in `upon/` imports it."""

    name = "demo"
    verbose_name = "Demo data"
