from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "upon.network"
    verbose_name = "The network"

    def ready(self):
        self.library_ready()

    # The resource library
    def library_ready(self):
        import datetime

        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.network import library
        from upon.network.rules import MEMBERS, is_member
        from upon.service import navigation, schedule

        navigation.register(
            "Library",
            "network:library",
            visible=lambda user: is_member(user) or roles.is_team(user),
            order=39,
        )
        register_role_link(MEMBERS, "Library", "network:library", order=40)
        register_role_link(roles.TEAM_ROLES, "Library", "network:library", order=78)
        register_role_link(
            roles.TEAM_ROLES, "Library suggestions", "network:library_suggestions", order=79
        )
        # Session materials from delivery, into the library for their cohort: only what is new.
        schedule.register(
            "bring session materials into the library",
            every=datetime.timedelta(hours=1),
            job=library.sync_session_materials,
        )
