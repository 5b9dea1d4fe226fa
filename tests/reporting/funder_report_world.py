"""The funder's report on the small programme of outcomes_world.py, and a small register worked
out by hand.

The report's period: 1 April 2022 to 31 March 2023, built on 3 December 2026.

- The grant (outcomes_world): £1,200,000; spent in the period £120,000 (1 May 2022), by its end
  £420,000. People who took a place 5; completed 4 and appointed director 4 (both "Fewer than
  5"). Cost per participant: £420,000 / 5 = £84,000.
- Intakes that opened in the period: Intake 2022 (15 September 2022), 3 applied.
- The register: 10 authorities (the first ten by GSS code), each led by a permanent director
  from 1 April 2015 to 31 May 2022, then from 1 June 2022 by a new director: interim in the
  first five, permanent in the other five; the first two twin hat.
  The one reporting year in the period, 2022/23: 10 changes in 10 authorities, 5 interim and 5
  new permanent (none made permanent, moved or experienced); on 31 March 2023, 10 authorities
  with a director, 5 of them interim, 2 twin hat ("Fewer than 5": 10 - 2 = 8 gives nothing
  away); average tenure 304 days in post = 9.99 months, 10.0, on both bases.
"""

import datetime

from tests.reporting.outcomes_world import build_funnel, build_grant
from tests.workforce.factories import TenureFactory
from upon.organisations.models import Organisation
from upon.workforce.models import Basis

D = datetime.date
PERIOD = {"starts_on": D(2022, 4, 1), "ends_on": D(2023, 3, 31)}


def build_register():
    authorities = Organisation.objects.filter(kind="local_authority").order_by("gss_code")[:10]
    for n, authority in enumerate(authorities):
        TenureFactory(
            authority=authority,
            started_on=D(2015, 4, 1),
            ended_on=D(2022, 5, 31),
        )
        TenureFactory(
            authority=authority,
            started_on=D(2022, 6, 1),
            basis=Basis.INTERIM if n < 5 else Basis.PERMANENT,
            twin_hat=n < 2,
        )


def build_world(programme, team):
    intake, later = build_funnel(programme, team)
    build_grant(programme, team)
    build_register()
    return intake, later
