"""The network: the people who took part in the programme, alumni and directors, and what
keeps them connected. Thin on purpose; the rules live beside them:

- the directory (`Profile`, opt-in; opting out deletes it) and writing to each other through
  the service (`Conversation`, `Message`, `Block`, `Report`);
- peer support: "ask a peer" (`Question`, who was asked `QuestionNotice`, `Answer`) and buddy
  pairs for new directors (`BuddyPair`);
- groups by cohort, region and topic (`Group`, `Membership` with its notification choice,
  `Thread`, `Post`, moderated by the team; `DigestSent` keeps digests to one a period);
- opportunities (`Opportunity`) and the alerts members follow (`OpportunityAlert`, told once
  each: `OpportunityNotice`);
- the resource library (`Resource`, `Collection`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from upon.organisations.models import Region

# Lengths people are told about next to the field.
ABOUT_MAX = 1000
DECLINE_REASON_MAX = 1000
MESSAGE_MAX = 2000
POST_MAX = 5000
TITLE_MAX = 150


class Topic(models.TextChoices):
    """What members talk about, offer help with and tag questions, groups and resources by."""

    INSPECTION = "inspection", "Inspection and improvement"
    FINANCE = "finance", "Budgets and finance"
    SEND = "send", "Special educational needs and disabilities (SEND)"
    SAFEGUARDING = "safeguarding", "Safeguarding partnerships"
    WORKFORCE = "workforce", "Workforce and recruitment"
    POLITICAL = "political", "Working with politicians"
    CARE = "care", "Children in care and sufficiency"
    EARLY_HELP = "early_help", "Early help and family support"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    TWIN_HAT = "twin_hat", "Leading children's and adult services (twin hat)"
    FIRST_YEAR = "first_year", "The first year as a director"
    WELLBEING = "wellbeing", "Wellbeing and resilience"


class ContactPreference(models.TextChoices):
    MESSAGE = "message", "A message through Upon"
    CALL = "call", "A phone or video call"
    MEET = "meet", "Meeting in person"


class Profile(models.Model):
    """A member's entry in the directory: only those who opt in have one, and opting out
    deletes it. Their post, authority and cohort are read from their appointments and cohort
    (never typed twice); their email address is never shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_profile"
    )
    about = models.TextField(max_length=ABOUT_MAX, blank=True)
    region = models.CharField(max_length=9, choices=Region.choices, blank=True)
    topics = models.JSONField(default=list, blank=True)  # Topic values they will talk about
    strengths = models.JSONField(default=list, blank=True)  # capability positions, 1 to 7
    contact_preferences = models.JSONField(default=list, blank=True)  # ContactPreference values
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__full_name", "pk"]

    def __str__(self):
        return f"Profile of {self.user}"


# Writing to each other


class Block(models.Model):
    """`blocker` receives nothing more from `blocked`, and `blocked` is told so when writing."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_blocking_oneself"),
        ]


class Conversation(models.Model):
    """Two members writing to each other, private to the two of them (the team included:
    404). `first` is the one with the lower id, so a pair has one conversation."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_conversation_per_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="conversation_pair_ordered"
            ),
        ]

    def other(self, user):
        return self.second if user.pk == self.first_id else self.first


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=MESSAGE_MAX)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["sender", "sent_at"], name="message_sender_sent")]


# Peer support


class Question(models.Model):
    """ "Ask a peer": a question tagged by topic, sent to the members who offered that topic.
    Answers are private to the asker (and each answer's author)."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_questions"
    )
    topic = models.CharField(max_length=32, choices=Topic.choices)
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=POST_MAX)
    asked_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return self.title


class QuestionNotice(models.Model):
    """A member who was asked (and so may answer): one each, so asking never tells twice."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notices")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_notice_per_member")
        ]


class Answer(models.Model):
    """One member's answer, seen by the asker and its author only; shared in the library only
    when both agree (`shared_by_asker` and `shared_by_author`)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=POST_MAX)
    answered_at = models.DateTimeField(default=timezone.now)
    shared_by_asker = models.BooleanField(default=False)
    shared_by_author = models.BooleanField(default=False)

    class Meta:
        ordering = ["answered_at", "pk"]


class BuddyStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class BuddyPair(models.Model):
    """A new director offered an experienced alumnus director as a buddy (different authority,
    ideally the same region or type of authority), proposed by the rule or chosen by the team."""

    new_director = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddies_offered"
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_of"
    )
    status = models.CharField(
        max_length=16, choices=BuddyStatus.choices, default=BuddyStatus.OFFERED
    )
    reasons = models.JSONField(default=list, blank=True)  # why this buddy, as people read it
    chosen_by_team = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    offered_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-offered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["new_director"],
                condition=Q(status__in=["offered", "accepted"]),
                name="one_open_buddy_pair",
            ),
            models.CheckConstraint(condition=~Q(new_director=F("buddy")), name="no_own_buddy"),
        ]


# Groups


class GroupKind(models.TextChoices):
    COHORT = "cohort", "Cohort"
    REGION = "region", "Region"
    TOPIC = "topic", "Topic"


class Group(models.Model):
    """A cohort's group (its members are the cohort's people, automatically), a region's or a
    topic's (members join)."""

    kind = models.CharField(max_length=16, choices=GroupKind.choices)
    name = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)
    cohort = models.OneToOneField(
        "delivery.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_group",
    )
    region = models.CharField(max_length=9, choices=Region.choices, blank=True)
    topic = models.CharField(max_length=32, choices=Topic.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=Q(kind="region"), name="one_group_per_region"
            ),
            models.UniqueConstraint(
                fields=["topic"], condition=Q(kind="topic"), name="one_group_per_topic"
            ),
        ]

    def __str__(self):
        return self.name


class Notify(models.TextChoices):
    EACH_POST = "each_post", "An email for each post"
    DAILY = "daily", "A daily digest"
    WEEKLY = "weekly", "A weekly digest"
    NONE = "none", "No emails"


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    notify = models.CharField(max_length=16, choices=Notify.choices, default=Notify.WEEKLY)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="one_membership_each")
        ]


class Thread(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    post_count = models.PositiveIntegerField(default=0)  # shown posts, kept by the rules

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        indexes = [models.Index(fields=["group", "-last_post_at"], name="thread_group_latest")]

    def __str__(self):
        return self.title


class Post(models.Model):
    """A thread's opening post or a reply. The team hides one with a reason (kept, with who
    and when, in `history`); a hidden post shows as hidden, never deleted."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=POST_MAX)
    posted_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["posted_at", "pk"]
        indexes = [models.Index(fields=["thread", "posted_at"], name="post_thread_time")]


class DigestSent(models.Model):
    """A digest sent to a member for a period: one a member a period, however often it runs."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Notify.choices)
    period_starts = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "period_starts"], name="one_digest_per_period"
            )
        ]


class Report(models.Model):
    """A member reports a message or a post to the team (who see the reported text only)."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.TextField(max_length=MESSAGE_MAX)
    reported_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(message__isnull=False, post__isnull=True)
                | Q(message__isnull=True, post__isnull=False),
                name="report_of_one_thing",
            )
        ]


# Opportunities


class OpportunityKind(models.TextChoices):
    INTERIM_DCS = "interim_dcs", "Interim director of children's services"
    PERMANENT_DCS = "permanent_dcs", "Permanent director of children's services"
    SENIOR = "senior", "Other senior post"
    SECONDMENT = "secondment", "Secondment"
    SHADOWING = "shadowing", "Shadowing"


class Opportunity(models.Model):
    """A post, secondment or shadowing offer, posted by the team or an employer contact; it
    leaves the list by itself after its closing date."""

    kind = models.CharField(max_length=16, choices=OpportunityKind.choices)
    title = models.CharField(max_length=TITLE_MAX)
    employer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="opportunities"
    )
    region = models.CharField(max_length=9, choices=Region.choices)
    description = models.TextField(max_length=POST_MAX)
    link = models.URLField(blank=True)  # where to apply: http or https only
    closes_on = models.DateField()
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["closes_on", "pk"]
        verbose_name_plural = "opportunities"

    def __str__(self):
        return self.title


class OpportunityAlert(models.Model):
    """A member asks to be told of new opportunities in a region (blank: any) of a kind
    (blank: any)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_alerts"
    )
    region = models.CharField(max_length=9, choices=Region.choices, blank=True)
    kind = models.CharField(max_length=16, choices=OpportunityKind.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "region", "kind"], name="one_alert_each")
        ]


class OpportunityNotice(models.Model):
    """A member told of an opportunity: once each, however many of their alerts it matches."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="notices")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "member"], name="one_opportunity_notice_each"
            )
        ]


# The resource library


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    CASE_STUDY = "case_study", "Case study"
    RECORDING = "recording", "Recording"
    TEMPLATE = "template", "Template"
    RESEARCH = "research", "Research"
    TOOL = "tool", "Tool"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Anyone"
    NETWORK = "network", "Members of the network"
    COHORT = "cohort", "One cohort"


class ResourceStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested, waiting for the team"
    PUBLISHED = "published", "Published"
    DECLINED = "declined", "Declined"


class Resource(models.Model):
    """A guide, case study, recording, template, research or tool: a file (type and size
    checked) or a link (http or https), tagged to capabilities and topics, seen by whom
    `visibility` says. Members suggest them; the team publishes. Found by full-text search
    (`library.search`: PostgreSQL's on PostgreSQL, FTS5 on SQLite)."""

    kind = models.CharField(max_length=16, choices=ResourceKind.choices)
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(max_length=POST_MAX)
    link = models.URLField(blank=True)
    file = models.FileField(upload_to="library/%Y/%m/", blank=True)
    capabilities = models.JSONField(default=list, blank=True)  # positions, 1 to 7
    topics = models.JSONField(default=list, blank=True)  # Topic values
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.NETWORK
    )
    cohort = models.ForeignKey(
        "delivery.Cohort", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Session materials from delivery appear in the library with their session.
    session = models.ForeignKey(
        "delivery.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_resources",
    )
    status = models.CharField(
        max_length=16, choices=ResourceStatus.choices, default=ResourceStatus.PUBLISHED
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why the team declined a suggestion: shown to the member who suggested it, and the team.
    declined_reason = models.TextField(max_length=DECLINE_REASON_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility="cohort") | Q(cohort__isnull=False),
                name="cohort_resource_names_its_cohort",
            )
        ]

    def __str__(self):
        return self.title


class Collection(models.Model):
    """Resources the team gathers under a title, in their order."""

    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["collection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "resource"], name="one_item_each")
        ]
