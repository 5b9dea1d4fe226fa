from django import forms

from upon.service.forms import GovukForm


class FindPersonForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The address they use to sign in, or their application's",
        max_length=254,
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
