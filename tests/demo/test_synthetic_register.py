"""The national dataset's synthetic register (demo/register.py, `seed_synthetic_register`):
exactly the tenures asked for, keeping the register's rules, on synthetic authorities that no
list of the 153, no employer search, no reviewer form, no import and no export offers."""

from collections import defaultdict

import pytest
from django.utils import timezone

from demo.common import new_context
from demo.register import seed_register, seed_synthetic_register
from upon.organisations.models import Organisation, OrganisationKind
from upon.organisations.services import find_or_create_employer
from upon.recruitment.forms_applications import _local_authorities
from upon.workforce import imports, register
from upon.workforce.models import Director, Tenure

pytestmark = pytest.mark.django_db
TENURES = 2000


@pytest.fixture
def seeded(authorities):
    ctx = new_context(seed=5)
    seed_register(ctx)
    made = seed_synthetic_register(ctx, tenures=TENURES)
    return ctx, made


def synthetic_tenures():
    return Tenure.objects.filter(authority__gss_code__startswith="SYN")


def test_exactly_the_tenures_asked_for_on_marked_authorities(seeded):
    _, made = seeded
    # 2,000 tenures need two copies of England (about 1,600 tenures each over 30 years).
    assert made == {"synthetic tenures": TENURES, "synthetic authorities": 306}
    assert synthetic_tenures().count() == TENURES
    fakes = Organisation.objects.filter(gss_code__startswith="SYN")
    assert set(fakes.values_list("kind", flat=True)) == {OrganisationKind.OTHER}
    first = fakes.get(gss_code="SYN001000")
    mirrored = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    hartlepool = mirrored.order_by("gss_code").first()
    assert (first.name, first.normalised_name, first.region, first.la_type) == (
        "Synthetic authority SYN001000",
        "SYN001000",
        hartlepool.region,
        hartlepool.la_type,
    )
    names = list(
        Director.objects.filter(tenures__in=synthetic_tenures())
        .distinct()
        .values_list("name", flat=True)
    )
    assert all(name.startswith("Synthetic director ") for name in names)
    assert len(names) == len(set(names))


def test_the_register_rules_hold(seeded):
    ctx, _ = seeded
    spans = defaultdict(list)
    for authority, start, end in synthetic_tenures().values_list(
        "authority_id", "started_on", "ended_on"
    ):
        spans[authority].append((start, end))
        assert start <= ctx.today and (end is None or start <= end <= ctx.today)
    for found in spans.values():
        found.sort()
        for (_, end), (after, _) in zip(found, found[1:], strict=False):
            assert end is not None and end < after  # the next starts the day after


def test_the_synthetic_authorities_are_offered_nowhere(seeded):
    from upon.selection.forms_team import ReviewerForm

    assert register.local_authorities().count() == 153
    assert register.register().count() == 153
    assert _local_authorities().count() == 153
    assert (
        not ReviewerForm(intake=None)
        .fields["conflict_organisations"]
        .queryset.filter(gss_code__startswith="SYN")
    )
    typed = find_or_create_employer(name="Synthetic authority SYN001000", kind="other")
    assert not typed.gss_code
    # Neither imported nor exported.
    row = ["SYN001000", "", "A Person", "2020-04-01", "", "Permanent", "No", "No", ""]
    checked = imports.check(imports.HEADER, [row], today=timezone.localdate())
    assert [e.message for e in checked.errors] == [
        "SYN001000 is not the code of a local authority with children's services"
    ]
    exported = list(imports.export_rows())
    assert len(exported) == Tenure.objects.count() - TENURES
    assert not [row for row in exported if row[0].startswith("SYN")]
