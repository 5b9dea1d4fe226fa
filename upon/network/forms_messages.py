"""Messages' forms: a message (or a reply), and a report of a message."""

from upon.network.models import MESSAGE_MAX
from upon.service.forms import GovukForm, OnceFormMixin, text_area_field


class MessageForm(OnceFormMixin, GovukForm):
    body = text_area_field(
        "Your message",
        rows=6,
        max_length=MESSAGE_MAX,
        empty="Enter your message",
        too_long=f"Your message must be {MESSAGE_MAX:,} characters or fewer",
        help_text=(
            f"Up to {MESSAGE_MAX:,} characters. They are emailed your message and a link to "
            "reply in Upon; your email address is not shared."
        ),
    )


class ReportForm(GovukForm):
    reason = text_area_field(
        "Why are you reporting this message?",
        rows=4,
        max_length=MESSAGE_MAX,
        empty="Enter why you are reporting this message",
        too_long=f"The reason must be {MESSAGE_MAX:,} characters or fewer",
        help_text="The programme team will read the message and your reason.",
    )
