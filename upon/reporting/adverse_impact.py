"""Adverse impact monitoring: each monitoring answer at each selection stage.

The counts, and which of them are hidden, come from `stages.monitoring_tables`, shared with the
equality report; the statistics from the pure reporting/algorithms/adverse_impact.py. Only the
programme lead's report calls this, and only aggregate tables leave it. Selection itself never
reads monitoring data.
"""

import dataclasses

from upon.reporting.algorithms.adverse_impact import STAGES, ImpactTable, adverse_impact
from upon.reporting.equality_reads import Reading
from upon.reporting.stages import monitoring_tables


def impact_tables(*, intake, reading: Reading) -> list[ImpactTable]:
    """A table per question anyone has applied through. A group is left out only when every
    figure of it is a zero shown in the equality report (so leaving it out says nothing new)."""
    tables = []
    for table in monitoring_tables(intake=intake, reading=reading):
        if not any(row[0] for row in table.counts):
            continue
        impact = adverse_impact(
            question=table.question,
            counts={
                group: dict(zip(STAGES, row, strict=True))
                for group, row in zip(table.groups, table.counts, strict=True)
            },
            suppression=table.suppression,
        )
        groups = tuple(
            group for group in impact.groups if any(cell.count != 0 for cell in group.cells)
        )
        tables.append(dataclasses.replace(impact, groups=groups))
    return tables
