"""A small register with a programme's alumni in it, worked out by hand, for the alumni pages.

The register is read on 3 December 2026 (NOON). The programme's intake 2019 cohort ran from
1 November 2019; eight people completed it, one withdrew.

Alumni tenures (a spell in one authority from the day their cohort began), in days in post:
- A1 Hartlepool (North East)           1 Jun 2020 to 31 May 2021: 365, left
- A2 Middlesbrough (North East)        1 Sep 2020, in post: 2,285
- A3 Bolton (North West)               4 Jan 2021 to 3 Jan 2023: 730, left
  (A3 also led Stockport from 2015 to 2017, before the programme: not counted anywhere)
- A4 Camden (London)                   1 Apr 2021, in post: 2,073
- A5 Hackney (London)                  1 Apr 2022 to 31 Mar 2024: 731, left
- A6 Cornwall (South West)             1 Jun 2022 interim to 30 Nov 2022, then permanent from
                                       1 Dec 2022 to 30 Nov 2025: one spell of 1,279, left
- A7 Sheffield (Yorkshire)             1 Nov 2023, in post: 1,129
The eighth completer has no register entry linked; the one who withdrew is linked to a tenure
in Bury (in post since June 2019), neither an alumni tenure nor compared.
So 7 tenures, 4 left, 3 in post. Kaplan-Meier: 6/7 after 365 days, 5/7 after 730, 4/7 after
731, 8/21 after 1,279 (the median: 1,279 days, 42.02 months). At least 1 year so far (365.25
days): 6; 2 years: 5; 3 years: 4; 5 years: 2.

The years compared: 2020/21 (A1's) to 2023/24 (A7's). Every other director's tenure starting
from 1 April 2020 to 31 March 2024:
- O1 Barnsley 1 Apr 2020 to 30 Sep 2020: 183, left
- O2 Leeds 1 May 2020 to 30 Apr 2021: 365, left
- O3 Derby 1 Oct 2020 to 30 Sep 2021: 365, left
- O4 Luton 1 Jun 2021 to 31 May 2022: 365, left
- O5 Kent 1 Jan 2022 to 31 Dec 2023: 730, left
- O6 Devon 1 Mar 2023, in post: 1,374
Not compared: Essex from 1 January 2019 (before 2020/21) and Surrey from 1 April 2024 (after).
Kaplan-Meier: 5/6 after 183 days, 2/6 after 365 (the median: 365 days, 11.99 months), 1/6
after 730.

Where alumni lead now: Middlesbrough (North East, 1 of 12), Sheffield (Yorkshire and The
Humber, 1 of 15), Camden (London, 1 of 33): 3 of 153.
"""

import datetime

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.reporting.outcomes_world import intake_of
from tests.workforce.factories import DirectorFactory, TenureFactory
from upon.delivery.models import ParticipantStatus
from upon.organisations.models import Organisation
from upon.workforce.models import Basis

D = datetime.date
AS_AT = D(2026, 12, 3)

ALUMNI_DAYS = [
    (365, True),
    (2285, False),
    (730, True),
    (2073, False),
    (731, True),
    (1279, True),
    (1129, False),
]
OTHER_DAYS = [(183, True), (365, True), (365, True), (365, True), (730, True), (1374, False)]


def authority(name):
    return Organisation.objects.get(kind="local_authority", name=name)


def tenure(director, where, start, end=None, basis=Basis.PERMANENT):
    return TenureFactory(
        director=director, authority=authority(where), started_on=start, ended_on=end, basis=basis
    )


def build_alumni(programme):
    """The programme's cohort and the register; returns the alumni's register entries."""
    intake = intake_of(programme, 2019)
    cohort = CohortFactory(intake=intake, starts_on=D(2019, 11, 1), ends_on=D(2020, 6, 30))
    completers = [
        ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED).user for _ in range(8)
    ]
    withdrew = ParticipantFactory(cohort=cohort, status=ParticipantStatus.WITHDRAWN).user
    entries = [DirectorFactory(user=user) for user in completers[:7]]
    a1, a2, a3, a4, a5, a6, a7 = entries
    tenure(a1, "Hartlepool", D(2020, 6, 1), D(2021, 5, 31))
    tenure(a2, "Middlesbrough", D(2020, 9, 1))
    tenure(a3, "Stockport", D(2015, 4, 1), D(2017, 3, 31))
    tenure(a3, "Bolton", D(2021, 1, 4), D(2023, 1, 3))
    tenure(a4, "Camden", D(2021, 4, 1))
    tenure(a5, "Hackney", D(2022, 4, 1), D(2024, 3, 31))
    tenure(a6, "Cornwall", D(2022, 6, 1), D(2022, 11, 30), basis=Basis.INTERIM)
    tenure(a6, "Cornwall", D(2022, 12, 1), D(2025, 11, 30))
    tenure(a7, "Sheffield", D(2023, 11, 1))
    tenure(DirectorFactory(user=withdrew), "Bury", D(2019, 6, 1))
    for where, start, end in (
        ("Barnsley", D(2020, 4, 1), D(2020, 9, 30)),
        ("Leeds", D(2020, 5, 1), D(2021, 4, 30)),
        ("Derby", D(2020, 10, 1), D(2021, 9, 30)),
        ("Luton", D(2021, 6, 1), D(2022, 5, 31)),
        ("Kent", D(2022, 1, 1), D(2023, 12, 31)),
        ("Devon", D(2023, 3, 1), None),
        ("Essex", D(2019, 1, 1), None),
        ("Surrey", D(2024, 4, 1), None),
    ):
        tenure(DirectorFactory(), where, start, end)
    return entries
