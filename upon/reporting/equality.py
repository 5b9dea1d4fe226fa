"""The aggregate equality report: every monitoring question's answers at each stage.

Only the programme lead's report calls this. The counts, and which of them are hidden, come
from `stages.monitoring_tables`, shared with adverse impact monitoring; no single person's
answers leave this module.
"""

from upon.programmes.models import Intake
from upon.reporting.algorithms import equality
from upon.reporting.equality_reads import Reading
from upon.reporting.stages import monitoring_tables


def equality_tables(*, intake: Intake, reading: Reading) -> list[equality.Table]:
    """A suppressed table per monitoring question for an intake's applicants, by stage."""
    return [
        equality.build_table(
            key=table.key,
            question=table.question,
            groups=table.groups,
            counts=table.counts,
            suppression=table.suppression,
        )
        for table in monitoring_tables(intake=intake, reading=reading)
    ]
