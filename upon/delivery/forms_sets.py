"""Forms for action learning sets, self-assessment and goals, the cohort's needs, and leadership
challenges."""

from django import forms

from upon.delivery import challenges
from upon.delivery.models import Challenge, DevelopmentGoal
from upon.delivery.self_assessment import LEVEL_NAMES, LEVELS, levels_for
from upon.recruitment.forms_intakes import TimeField
from upon.recruitment.intakes import LONDON, london_datetime
from upon.service.forms import GovukDateField, GovukForm, GovukModelForm


class PlacementForm(GovukForm):
    """One choice a person: which group (set or team) they are in, or none."""

    def __init__(self, *args, people, groups, placement, none_label, label, **kwargs):
        """people: [(participant id, name)], groups: [(id, name)], placement: id -> group;
        label: each question's label, with {} for the person's name ("Set for {}")."""
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", none_label), *[(str(pk), name) for pk, name in groups]]
        for pk, person in people:
            name = f"p{pk}"
            self.fields[name] = forms.ChoiceField(
                label=label.format(person), choices=choices, required=False
            )
            group = placement.get(pk)
            self.initial[name] = "" if group is None else str(group)

    def rows(self):
        """(participant id, bound field) in the order people were given."""
        return [(pk, self[f"p{pk}"]) for pk, _ in self.people]

    def placement(self) -> dict[int, int | None]:
        """participant id -> group id (None for no group), as chosen."""
        data = self.cleaned_data
        return {pk: int(data[f"p{pk}"]) if data.get(f"p{pk}") else None for pk, _ in self.people}


class MoveForm(PlacementForm):
    confirm = forms.BooleanField(
        label="Keep these sets despite the warnings?",
        required=False,
        widget=forms.CheckboxInput(
            attrs={
                "data-checkbox-label": "Save anyway: I have read the warnings and want these sets"
            }
        ),
    )


class FacilitatorForm(GovukForm):
    page_heading_field = "facilitator"

    def __init__(self, *args, action_learning_set, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitators = {str(user.pk): user for user in facilitators}
        self.fields["facilitator"] = forms.ChoiceField(
            label=f"Who facilitates {action_learning_set.name}?",
            help_text="People who facilitate this cohort. The programme team gives the "
            "facilitator role.",
            choices=[
                *[(pk, user.full_name or user.email) for pk, user in self.facilitators.items()],
                ("", "No facilitator yet"),
            ],
            widget=forms.RadioSelect,
            required=False,
        )
        facilitator_id = action_learning_set.facilitator_id
        self.initial["facilitator"] = "" if facilitator_id is None else str(facilitator_id)

    def chosen(self):
        return self.facilitators.get(self.cleaned_data.get("facilitator") or "")


class NoteForm(GovukForm):
    text = forms.CharField(
        label="Add a note",
        help_text="Only the set's members and its facilitator can read notes.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the note",
            "max_length": "The note must be 5,000 characters or fewer",
        },
    )


class SelfAssessmentForm(GovukForm):
    """One question per capability: a rating from 1 to 5 with a descriptor for each level."""

    def __init__(self, *args, capabilities, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.capabilities = list(capabilities)
        self.submitting = submitting
        for capability in self.capabilities:
            self.fields[f"capability_{capability.pk}"] = forms.TypedChoiceField(
                label=capability.name,
                help_text=capability.description,
                choices=[(level, f"{level}: {LEVEL_NAMES[level]}") for level in LEVELS],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def questions(self):
        """(capability, bound field, [(level, name, descriptor, checked)]) for the template."""
        rows = []
        for capability in self.capabilities:
            field = self[f"capability_{capability.pk}"]
            value = str(field.value() or "")
            rows.append(
                (
                    capability,
                    field,
                    [
                        (level, name, text, value == str(level))
                        for level, name, text in levels_for(capability)
                    ],
                )
            )
        return rows

    def clean(self):
        data = super().clean()
        if self.submitting:
            for capability in self.capabilities:
                name = f"capability_{capability.pk}"
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, f"Select how you rate yourself on {capability.name}")
        return data

    def ratings(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"capability_{c.pk}") for c in self.capabilities}


class GoalForm(GovukModelForm):
    achieved = forms.BooleanField(
        label="Achieved",
        required=False,
        widget=forms.CheckboxInput(attrs={"data-checkbox-label": "I have achieved this goal"}),
    )

    class Meta:
        model = DevelopmentGoal
        fields = ["text", "capability"]
        labels = {"text": "Your goal", "capability": "Capability it develops (optional)"}
        help_texts = {
            "text": "What you will do and how you will know you have done it, for example: "
            "lead the partnership board's review of early help by March.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Enter your goal"}}

    def __init__(self, *args, capabilities, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capability"].queryset = capabilities
        self.fields["capability"].empty_label = "Not about one capability"
        if editing:
            self.initial["achieved"] = self.instance.achieved_at is not None
        else:
            del self.fields["achieved"]


class NeedSessionsForm(GovukForm):
    page_heading_field = "sessions"

    def __init__(self, *args, capability, sessions, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"] = SessionChoiceField(
            label=f"Sessions that address {capability.name}",
            help_text="Select all that apply.",
            queryset=sessions,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.initial["sessions"] = [s.pk for s in chosen]


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, session):
        when = session.starts_at.astimezone(LONDON)
        return f"{session.title}, {session.get_kind_display().lower()}, {when:%-d %B %Y}"


class ChallengeForm(GovukModelForm):
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


class FormTeamsForm(GovukForm):
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


class SubmissionForm(GovukForm):
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


class FeedbackForm(GovukForm):
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
