"""The applicant's optional equality monitoring form: every question may be left unanswered."""

from django import forms
from django.utils import timezone

from upon.reporting.models import QUESTIONS, MonitoringResponse
from upon.service.forms import GovukModelForm


class MonitoringForm(GovukModelForm):
    class Meta:
        model = MonitoringResponse
        fields = list(QUESTIONS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, (question, choices) in QUESTIONS.items():
            # Radios, no blank option: leaving a question alone is how not to answer it.
            self.fields[key] = forms.ChoiceField(
                label=question,
                choices=choices.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": "Select one of the options, or leave it"},
            )

    def answered(self) -> bool:
        return any(self.cleaned_data.get(key) for key in QUESTIONS)

    def save_for(self, application) -> bool:
        """Store the answers apart from the application. Returns whether any were given.

        With no answer at all, nothing is kept: not answering leaves no record.
        """
        if not self.answered():
            MonitoringResponse.objects.filter(application=application).delete()
            return False
        response = self.save(commit=False)
        response.application = application
        response.updated_at = timezone.now()
        response.save()
        return True
