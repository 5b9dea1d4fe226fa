"""What the privacy pages show: the people a lead may find, what is held about a person, and
the logs. Exports, erasure and retention have their own modules."""

from django.db.models import Q

from upon.privacy.models import PersonalDataRequest
from upon.privacy.people import Found, in_programme
from upon.recruitment.models import Application
from upon.reporting.models import EqualityRead


def find_in_programme(*, programme, email: str):
    """The person of the programme with this address (their account's or an application's
    name is not searched: an address is exact), or None."""
    people = in_programme(programme)
    by_account = people.filter(email__iexact=email)
    return (
        by_account.first()
        or people.filter(
            Q(
                pk__in=Application.objects.filter(intake__programme=programme).values(
                    "applicant_id"
                )
            ),
            email__iexact=email,
        ).first()
    )


def held_summary(found: Found) -> list[tuple[str, int]]:
    """(what, how many) for every kind of record held about the person, by name."""
    counts = {}
    for group in (found.held, found.shared, found.by_email):
        for model, pks in group.items():
            if pks:
                name = str(model._meta.verbose_name_plural).capitalize()
                counts[name] = counts.get(name, 0) + len(pks)
    return sorted(counts.items())


def requests_for(*, programme):
    return PersonalDataRequest.objects.filter(programme=programme).select_related("done_by")


def equality_reads_for(*, programme):
    return EqualityRead.objects.filter(programme=programme).select_related("read_by")
