"""The programme team's form for a new version of the funder's report."""

import datetime

from upon.service.forms import GovukDateField, GovukForm, OnceFormMixin, text_area_field
from upon.service.times import calendar_date

NARRATIVE_MAX = 20_000


class FunderReportForm(OnceFormMixin, GovukForm):
    starts_on = GovukDateField(
        label="Start of the period",
        label_lower="start of the period",
        help_text="For example, 1 4 2025",
    )
    ends_on = GovukDateField(
        label="End of the period",
        label_lower="end of the period",
        help_text="For example, 31 3 2026",
    )
    narrative = text_area_field(
        "What the programme team wants the funder to know",
        rows=12,
        max_length=NARRATIVE_MAX,
        too_long=(
            f"What the programme team wants the funder to know must be {NARRATIVE_MAX:,} "
            "characters or fewer"
        ),
        help_text=(
            "The report's narrative: what happened in the period, in your words. Leave a blank "
            "line between paragraphs. Do not name or describe anyone: the funder reads it."
        ),
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        latest = f"today, {calendar_date(self.today)}, or earlier"
        if starts_on and starts_on > self.today:
            self.add_error("starts_on", f"The start of the period must be {latest}")
        if ends_on and ends_on > self.today:
            self.add_error("ends_on", f"The end of the period must be {latest}")
        elif starts_on and ends_on and ends_on < starts_on <= self.today:
            self.add_error(
                "ends_on", "The end of the period must be the same as or after the start"
            )
        return cleaned

    def details(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("starts_on", "ends_on", "narrative")}
