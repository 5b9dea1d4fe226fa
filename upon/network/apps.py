from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "upon.network"
    verbose_name = "The network"

    def ready(self):
        self.network_home()
        self.groups_ready()
        self.peer_and_opportunities()
        self.library_ready()

    def network_home(self):
        """Members have one way in, the network's home page, which links to each part (the
        directory, messages, groups, ask a peer, buddies, opportunities, the library)."""
        from upon.accounts.home import register_role_link
        from upon.network.rules import MEMBERS, is_member
        from upon.service import navigation

        navigation.register("Network", "network:home", visible=is_member, order=39)
        register_role_link(MEMBERS, "Network", "network:home", order=40)

    # Groups (issue 13, item 4): links for members and the team, and the digest and cohort
    # group jobs.
    def groups_ready(self):
        import datetime

        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.network import groups
        from upon.service import schedule

        register_role_link(roles.TEAM_ROLES, "Network reports", "network:team_reports", order=80)
        # The region and topic groups made; a cohort's group keeps its cohort's people, however
        # they joined or withdrew. Pages only read what it makes.
        schedule.register(
            "keep cohort groups in step",
            every=datetime.timedelta(hours=1),
            job=groups.sync_all_cohort_groups,
        )
        # Each runs hourly; a member gets a period's digest once (DigestSent).
        schedule.register(
            "send daily group digests",
            every=datetime.timedelta(hours=1),
            job=groups.send_daily_digests,
        )
        schedule.register(
            "send weekly group digests",
            every=datetime.timedelta(hours=1),
            job=groups.send_weekly_digests,
        )

    # Peer support and opportunities (issue 13, items 3 and 5)
    def peer_and_opportunities(self):
        import datetime

        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.accounts.models import Role
        from upon.network import opportunities
        from upon.service import schedule

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

    # The resource library
    def library_ready(self):
        import datetime

        from upon.accounts import roles
        from upon.accounts.home import register_role_link
        from upon.network import library
        from upon.network.rules import is_member
        from upon.service import navigation, schedule

        # Members reach it from the network's home page; the team from here.
        navigation.register(
            "Library",
            "network:library",
            visible=lambda user: roles.is_team(user) and not is_member(user),
            order=39,
        )
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
