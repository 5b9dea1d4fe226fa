"""Ask a peer: the question, and an answer."""

from django import forms

from upon.network.models import POST_MAX, TITLE_MAX, Topic
from upon.service.forms import GovukForm, OnceFormMixin, radio_field, text_area_field


class AskForm(OnceFormMixin, GovukForm):
    topic = radio_field(
        "Topic",
        Topic.choices,
        empty="Select the topic of your question",
        help_text="Your question goes to members who offer to talk about it.",
    )
    title = forms.CharField(
        label="Your question in a sentence",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter your question in a sentence",
            "max_length": f"Your question in a sentence must be {TITLE_MAX} characters or fewer",
        },
    )
    body = text_area_field(
        "More detail",
        rows=8,
        empty="Enter more detail about your question",
        too_long=f"More detail must be {POST_MAX:,} characters or fewer",
        max_length=POST_MAX,
        help_text="Only the members asked see your question. Answers are yours alone.",
    )


class AnswerForm(OnceFormMixin, GovukForm):
    body = text_area_field(
        "Your answer",
        rows=8,
        empty="Enter your answer",
        too_long=f"Your answer must be {POST_MAX:,} characters or fewer",
        max_length=POST_MAX,
        help_text="Only the member who asked sees your answer, unless you both agree to share it.",
    )
