"""The network's directory and messages in the demo: the participant, alumnus and director
sign-ins in the directory, some other members beside them, and one conversation (the
director wrote to the alumnus, who has not read the reply yet)."""

import datetime

from demo.common import SeedContext
from upon.accounts.models import RoleAssignment, User
from upon.network.models import ContactPreference, Conversation, Message, Profile, Topic
from upon.network.rules import MEMBERS
from upon.support.coach_pool import CAPABILITY_NAMES

SIGN_IN_PROFILES = {
    "participant@upon.example": (
        "In my programme year. Keen to hear from directors about the first months in post.",
        [Topic.FIRST_YEAR, Topic.INSPECTION],
    ),
    "alumnus@upon.example": (
        "Assistant director for early help. Happy to talk about family hubs and budgets.",
        [Topic.EARLY_HELP, Topic.FINANCE, Topic.SEND],
    ),
    "director@upon.example": (
        "Newly appointed director. Ask me about preparing for an inspection.",
        [Topic.INSPECTION, Topic.WORKFORCE],
    ),
}
OTHER_MEMBERS = 12


def _profile(ctx: SeedContext, user, about: str, topics) -> Profile:
    return Profile(
        user=user,
        about=about,
        topics=[t for t in Topic.values if t in topics],
        strengths=sorted(ctx.rng.sample(sorted(CAPABILITY_NAMES), 2)),
        contact_preferences=[ContactPreference.MESSAGE, ctx.rng.choice(ContactPreference.values)],
        created_at=ctx.midnight - datetime.timedelta(days=30),
        updated_at=ctx.midnight - datetime.timedelta(days=30),
    )


def _conversation(ctx: SeedContext, sign_ins: dict) -> int:
    """The director wrote to the alumnus, who replied; the director's thanks is unread."""
    director = sign_ins.get("director@upon.example")
    alumnus = sign_ins.get("alumnus@upon.example")
    if director and alumnus:
        started = ctx.midnight - datetime.timedelta(days=2, hours=-10)
        first, second = sorted((director, alumnus), key=lambda u: u.pk)
        conversation = Conversation.objects.create(
            first=first,
            second=second,
            started_by=director,
            created_at=started,
            last_message_at=started + datetime.timedelta(hours=3),
        )
        Message.objects.bulk_create(
            [
                Message(
                    conversation=conversation,
                    sender=director,
                    body="Hello. I saw you know family hubs well. Could we talk about "
                    "setting one up before our inspection?",
                    sent_at=started,
                    read_at=started + datetime.timedelta(hours=1),
                ),
                Message(
                    conversation=conversation,
                    sender=alumnus,
                    body="Of course. I am free on Thursday afternoon: would a call suit you?",
                    sent_at=started + datetime.timedelta(hours=2),
                    read_at=started + datetime.timedelta(hours=2, minutes=30),
                ),
                Message(
                    conversation=conversation,
                    sender=director,
                    body="Thursday is perfect. Thank you.",
                    sent_at=started + datetime.timedelta(hours=3),
                ),
            ]
        )
        return 1
    return 0


def demo_network_directory(ctx: SeedContext) -> dict:
    """Profiles for the member sign-ins and `OTHER_MEMBERS` other members; one conversation."""
    sign_ins = {u.email: u for u in User.objects.filter(email__in=SIGN_IN_PROFILES)}
    profiles = [
        _profile(ctx, sign_ins[email], about, topics)
        for email, (about, topics) in SIGN_IN_PROFILES.items()
        if email in sign_ins
    ]
    others = (
        User.objects.filter(
            pk__in=RoleAssignment.objects.filter(role__in=MEMBERS).values("user_id")
        )
        .exclude(email__in=SIGN_IN_PROFILES)
        .order_by("pk")[:OTHER_MEMBERS]
    )
    for user in others:
        topics = ctx.rng.sample(Topic.values, 2)
        about = f"Happy to talk about {Topic(topics[0]).label.lower()}."
        profiles.append(_profile(ctx, user, about, topics))
    Profile.objects.bulk_create(profiles)

    conversations = _conversation(ctx, sign_ins)
    ctx.say(f"Directory: {len(profiles)} profiles, {conversations} conversation.")
    return {"profiles": len(profiles), "conversations": conversations}
