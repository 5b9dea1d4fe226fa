from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "upon.network"
    verbose_name = "The network"

    def ready(self):
        self.directory_and_messages()

    def directory_and_messages(self):
        """The directory and messages (issue 13, items 1 and 2): links for members."""
        from upon.accounts.home import register_role_link
        from upon.network.rules import MEMBERS, is_member
        from upon.service import navigation

        navigation.register("Directory", "network:directory", visible=is_member, order=39)
        navigation.register("Messages", "network:conversations", visible=is_member, order=39)
        register_role_link(MEMBERS, "Directory", "network:directory", order=40)
        register_role_link(MEMBERS, "Messages", "network:conversations", order=41)
