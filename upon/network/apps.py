from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "upon.network"
    verbose_name = "The network"

    def ready(self):
        self.peer_and_opportunities()

    # Peer support and opportunities (issue 13, items 3 and 5)
    def peer_and_opportunities(self):
        import datetime

        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role
        from upon.network import opportunities
        from upon.network.rules import MEMBERS
        from upon.service import schedule

        register_role_link(MEMBERS, "Ask a peer", "network:my_questions", order=40)
        register_role_link(MEMBERS, "Opportunities", "network:opportunities", order=45)
        register_role_link(
            roles.TEAM_ROLES, "Opportunities", "network:posted_opportunities", order=80
        )
        register_role_link(
            [Role.EMPLOYER_CONTACT], "Post an opportunity", "network:posted_opportunities", order=20
        )
        register_role_link(roles.TEAM_ROLES, "Buddies", "network:team_buddies", order=78)
        register_role_link([Role.NEW_DIRECTOR], "Your buddy", "network:my_buddy", order=30)
        register_role_link([Role.ALUMNUS], "Your buddies", "network:my_buddies", order=30)
        schedule.register(
            "tell members of opportunities their alerts match",
            every=datetime.timedelta(hours=1),
            job=opportunities.send_opportunity_alerts,
        )
