from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "upon.delivery"
    verbose_name = "Programme delivery"

    def ready(self):
        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role
        from upon.delivery import signals  # noqa: F401 - connects the receivers
        from upon.service import navigation

        for label, url_name, role, order in [
            ("Your programme", "delivery:programme", Role.PARTICIPANT, 30),
            ("Your sessions", "delivery:facilitating", Role.FACILITATOR, 40),
        ]:
            navigation.register(
                label,
                url_name,
                visible=lambda user, role=role: roles.has_role(user, role),
                order=order,
            )
            register_role_link([role], label, url_name, order=10)
