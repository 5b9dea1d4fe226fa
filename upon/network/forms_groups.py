"""The groups' forms: a new thread, a reply, the emails a member wants, hiding a post and
reporting one."""

from django import forms

from upon.network.models import MESSAGE_MAX, POST_MAX, TITLE_MAX, Notify
from upon.service.forms import GovukForm, OnceFormMixin, radio_field, text_area_field


def _post_field(label: str, empty: str):
    return text_area_field(
        label,
        rows=6,
        empty=empty,
        max_length=POST_MAX,
        too_long=f"{label} must be {POST_MAX:,} characters or fewer",
        help_text=f"Up to {POST_MAX:,} characters.",
    )


class ThreadForm(OnceFormMixin, GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        help_text=f"Up to {TITLE_MAX} characters.",
        error_messages={
            "required": "Enter a title",
            "max_length": f"Title must be {TITLE_MAX} characters or fewer",
        },
    )
    body = _post_field("Your post", "Enter your post")


class ReplyForm(OnceFormMixin, GovukForm):
    body = _post_field("Your reply", "Enter your reply")


class NotifyForm(GovukForm):
    page_heading_field = "notify"
    notify = radio_field(
        "How do you want to hear about new posts?",
        Notify.choices,
        empty="Select how you want to hear about new posts",
    )


def _reason_field(label: str, empty: str, hint: str):
    return text_area_field(
        label,
        rows=4,
        empty=empty,
        max_length=MESSAGE_MAX,
        too_long=f"{label} must be {MESSAGE_MAX:,} characters or fewer",
        help_text=hint,
    )


class HideForm(GovukForm):
    page_heading_field = "reason"
    reason = _reason_field(
        "Why are you hiding this post?",
        "Enter why you are hiding this post",
        "Only the programme team sees this. Members see that the team hid the post.",
    )


class ReportForm(OnceFormMixin, GovukForm):
    page_heading_field = "reason"
    reason = _reason_field(
        "Why are you reporting this post?",
        "Enter why you are reporting this post",
        "The programme team reads your report. The author is not told who reported it.",
    )
