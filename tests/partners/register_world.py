"""Small registers worked out by hand for the API's register figures.

`build_years` (ten North East authorities):
- Each has a permanent director from 1 April 2020 (the register's first year, 2020/21: no
  changes, as nobody led them before in the register).
- 2024/25: in five, the director leaves on 30 June 2024 and a first-time permanent director
  starts on 1 July 2024; in a sixth, the director leaves on 30 September 2024 and an interim
  starts on 1 October 2024 (still in post). Changes 6: interim 1, new permanent 5.
- On 31 March 2025: 10 authorities with a director, 1 interim, no twin hat. Days in post then:
  5 x 274 (from 1 July), 182 (the interim, from 1 October), 4 x 1,826 (from 1 April 2020):
  8,856 / 10 = 885.6 days = 29.1 months on average (365.25 / 12 days a month).

`build_tenure` (as at 1 June 2026): seven North East authorities whose directors left after 100,
200, ..., 700 days (all from 1 April 2020), and six London boroughs whose directors are in post
since 1 April 2020 (2,253 days). England: 13 spells, 7 ended; the Kaplan-Meier median is 700
days (23.0 months: after the seventh leaves, 6 of 13 are left; after the sixth, 7 of 13), the
North East's 400 days (13.1 months: 3 of 7 left after the fourth leaves, 4 of 7 before). (No
survival lands on exactly one half, where rounding decides.)
"""

import datetime

from tests.workforce.factories import TenureFactory
from upon.organisations.models import Organisation
from upon.workforce.models import Basis, LeavingReason

D = datetime.date
NORTH_EAST = [
    "E06000001",
    "E06000002",
    "E06000003",
    "E06000004",
    "E06000005",
    "E06000047",
    "E06000057",
    "E08000021",
    "E08000022",
    "E08000023",
]
LONDON = ["E09000001", "E09000002", "E09000003", "E09000004", "E09000005", "E09000006"]


def authority(code):
    return Organisation.objects.get(gss_code=code)


def ended(code, start, end, **fields):
    return TenureFactory(
        authority=authority(code),
        started_on=start,
        ended_on=end,
        leaving_reason=LeavingReason.RETIRED,
        **fields,
    )


def build_years():
    for place, code in enumerate(NORTH_EAST):
        if place < 5:
            ended(code, D(2020, 4, 1), D(2024, 6, 30))
            TenureFactory(authority=authority(code), started_on=D(2024, 7, 1))
        elif place == 5:
            ended(code, D(2020, 4, 1), D(2024, 9, 30))
            TenureFactory(authority=authority(code), started_on=D(2024, 10, 1), basis=Basis.INTERIM)
        else:
            TenureFactory(authority=authority(code), started_on=D(2020, 4, 1))


def build_tenure():
    for place, code in enumerate(NORTH_EAST[:7]):
        start = D(2020, 4, 1)
        ended(code, start, start + datetime.timedelta(days=(place + 1) * 100 - 1))
    for code in LONDON:
        TenureFactory(authority=authority(code), started_on=D(2020, 4, 1))
