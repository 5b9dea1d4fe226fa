"""The network's alumni and library in the demo (demo/network_alumni.py, demo/network_library.py):
400 alumni over ten years of cohorts, each in the directory and in two groups, and 2,000
resources, typed and tagged, most for the network, some for anyone, a few for the cohort, five
suggestions waiting for the team and four collections; a member finds them by searching."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from demo.common import start_of_today
from demo.network_alumni import DEMO_ALUMNI
from demo.network_library import COLLECTION_SIZE, COLLECTIONS, DEMO_RESOURCES, SUGGESTIONS
from tests.demo.invariants import assert_nothing_happened_after
from upon.accounts.models import Role, RoleAssignment, User
from upon.network import library
from upon.network.models import (
    Collection,
    GroupKind,
    Membership,
    Post,
    Profile,
    Resource,
    ResourceKind,
    ResourceStatus,
    Thread,
    Topic,
    Visibility,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_400_alumni_and_a_library_of_2000_resources(client):
    call_command("seed_demo", verbosity=0, seed=7)
    assert_nothing_happened_after(start_of_today())

    # The alumni: invented people with the alumnus role alone, forty a cohort year over ten.
    alumni = Profile.objects.filter(about__startswith="Cohort of ")
    assert alumni.count() == DEMO_ALUMNI == 400
    years = sorted({p.about[10:14] for p in alumni})
    assert len(years) == 10 and int(years[-1]) - int(years[0]) == 9
    assert all(sum(p.about[10:14] == year for p in alumni) == 40 for year in years)
    granted = RoleAssignment.objects.filter(user__network_profile__in=alumni)
    assert set(granted.values_list("role", flat=True)) == {Role.ALUMNUS}
    assert granted.count() == 400
    assert all(p.region and 1 <= len(p.topics) <= 3 and len(p.strengths) == 2 for p in alumni)
    # Each in their region's group and their first topic's group.
    theirs = Membership.objects.filter(member__network_profile__in=alumni)
    assert theirs.count() == 800
    assert sorted(theirs.values_list("group__kind", flat=True).distinct()) == [
        GroupKind.REGION,
        GroupKind.TOPIC,
    ]
    alumni_threads = Thread.objects.filter(group__kind=GroupKind.TOPIC).exclude(
        title="My first hundred days"
    )
    assert alumni_threads.count() == len(Topic.values)
    for thread in alumni_threads:
        posts = Post.objects.filter(thread=thread)
        assert 3 <= thread.post_count == posts.count() <= 6
        members = Membership.objects.filter(group=thread.group).values_list("member_id")
        assert not posts.exclude(author_id__in=members).exists()

    # The library.
    assert Resource.objects.count() == DEMO_RESOURCES == 2000
    published = Resource.objects.filter(status=ResourceStatus.PUBLISHED)
    assert dict(published.values_list("visibility").annotate(n=Count("pk"))) == {
        Visibility.NETWORK: 1300,
        Visibility.PUBLIC: 497,
        Visibility.COHORT: 198,
    }
    suggested = Resource.objects.filter(status=ResourceStatus.SUGGESTED)
    assert suggested.count() == SUGGESTIONS == 5
    assert set(suggested.values_list("suggested_by__email", flat=True)) == {
        "alumnus@upon.example",
        "director@upon.example",
    }
    assert dict(Resource.objects.values_list("kind").annotate(n=Count("pk"))) == {
        kind: 334 if n < 2 else 333 for n, kind in enumerate(ResourceKind.values)
    }
    for resource in Resource.objects.all():
        assert resource.topics and resource.capabilities
        assert set(resource.topics) <= set(Topic.values)
        assert set(resource.capabilities) <= set(range(1, 8))
        assert resource.title and resource.summary.endswith(".")
    assert sorted(Collection.objects.values_list("title", flat=True)) == sorted(
        title for title, _d, _t in COLLECTIONS
    )
    for collection in Collection.objects.all():
        assert collection.items.count() == COLLECTION_SIZE == 8

    # A member searching the library finds network and public resources, marked.
    alumnus = User.objects.get(email="alumnus@upon.example")
    found = library.search("inspection", user=alumnus)
    assert found.count() > 100
    assert set(found.values_list("visibility", flat=True)) <= {
        Visibility.NETWORK,
        Visibility.PUBLIC,
    }
    client.force_login(alumnus)
    response = client.get("/network/library/", {"q": "inspection"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == found.count()
