from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """The partner API (issue 14, item 7): read-only figures for partner organisations, with
    the tokens the programme lead issues to them."""

    name = "upon.partners"
    verbose_name = "The partner API"

    def ready(self):
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role

        register_role_link([Role.PROGRAMME_LEAD], "Partner API tokens", "partners:index", order=95)
