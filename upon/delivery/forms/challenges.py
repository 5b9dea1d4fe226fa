"""Leadership challenges: the challenge, forming teams, a team's submission and a facilitator's
feedback on it."""

from django import forms

from upon.delivery import challenges
from upon.delivery.models import Challenge
from upon.recruitment.forms_intakes import TimeField
from upon.recruitment.intakes import LONDON, london_datetime
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm, OnceFormMixin
from upon.service.versioning import VersionedFormMixin


class ChallengeForm(VersionedFormMixin, OnceFormMixin, GovukModelForm):
    deadline_date = GovukDateField(label="Deadline", label_lower="deadline")
    deadline_time = TimeField(label="Deadline time", label_lower="deadline time")

    class Meta:
        model = Challenge
        fields = ["title", "brief"]
        labels = {"title": "Title", "brief": "Brief"}
        help_texts = {
            "brief": "The problem teams will work on, what they should hand in, and how it "
            "will be judged.",
        }
        widgets = {"brief": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "title": {"required": "Enter a title for the challenge"},
            "brief": {"required": "Enter the brief"},
        }

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        if self.instance.pk and not self.is_bound:
            local = self.instance.deadline.astimezone(LONDON)
            self.initial["deadline_date"] = local.date()
            self.initial["deadline_time"] = local.strftime("%H:%M")

    def clean(self):
        data = super().clean()
        date, time = data.get("deadline_date"), data.get("deadline_time")
        self.deadline = london_datetime(date, time) if date and time else None
        if self.deadline and self.deadline <= self.now and not self.instance.pk:
            self.add_error("deadline_date", "The deadline must be in the future")
        return data

    def save(self, commit=True):
        self.instance.deadline = self.deadline
        return super().save(commit)


class FormTeamsForm(OnceFormMixin, GovukForm):
    teams = forms.IntegerField(
        label="Number of teams",
        help_text="Teams are balanced in size and mix employers, regions and sectors.",
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the number of teams",
            "invalid": "Number of teams must be a whole number, like 4",
            "min_value": "Number of teams must be 1 or more",
            "max_value": "Number of teams must be 50 or fewer",
        },
    )


class SubmissionForm(OnceFormMixin, GovukForm):
    page_heading_field = None
    file = forms.FileField(
        label="Upload your team's work",
        help_text="A PDF, DOCX, PPTX or XLSX file, smaller than 20MB.",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        challenges.check_upload(upload)
        return upload


class ChallengeFeedbackForm(GovukForm):
    page_heading_field = "feedback"

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feedback"] = forms.CharField(
            label=f"Feedback for {team.name}",
            help_text="The team's members are emailed when you save it.",
            max_length=10000,
            widget=forms.Textarea(attrs={"rows": 8}),
            error_messages={"required": "Enter your feedback"},
        )
        self.initial["feedback"] = team.feedback
