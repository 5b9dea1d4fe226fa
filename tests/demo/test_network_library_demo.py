"""The network's library in the demo (demo/network_library.py; the alumni are in
test_network_alumni_demo.py): 2,000 resources, typed and tagged, most for the network, some for
anyone, a few for the cohort, five suggestions waiting for the team and four collections; a
member finds them by searching."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from demo.common import start_of_today
from demo.network_library import COLLECTION_SIZE, COLLECTIONS, DEMO_RESOURCES, SUGGESTIONS
from tests.demo.invariants import assert_nothing_happened_after
from upon.accounts.models import User
from upon.network import library
from upon.network.models import (
    Collection,
    Resource,
    ResourceKind,
    ResourceStatus,
    Topic,
    Visibility,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_library_of_2000_resources(client):
    call_command("seed_demo", verbosity=0, seed=7)
    assert_nothing_happened_after(start_of_today())

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
