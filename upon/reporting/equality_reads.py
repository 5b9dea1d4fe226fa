"""Every read of equality monitoring answers is logged: who, why and what (issue 15, item 4).

The functions that read the answers (`stages.monitoring_counts`'s callers, the applicant's own
form, a subject access export) take a `Reading` and call `record` before they read, so a new
reader cannot forget: they must say who is reading and why.
"""

from dataclasses import dataclass

from upon.reporting.models import EqualityRead


@dataclass(frozen=True)
class Reading:
    """Who reads (None: the service itself, as the retention schedule) and why."""

    user: object
    purpose: str


def record(reading: Reading, *, what: str, programme=None) -> EqualityRead:
    user = reading.user if reading.user is not None and reading.user.is_authenticated else None
    return EqualityRead.objects.create(
        read_by=user,
        purpose=reading.purpose[:200],
        what=what[:300],
        programme=programme,
    )
