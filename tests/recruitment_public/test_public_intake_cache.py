"""The public intake page is served from the cache, and anything that changes it clears it."""

from upon.programmes.models import Intake


def test_a_repeat_visit_reads_nothing_from_the_database(
    client, open_intake, django_assert_num_queries
):
    client.get("/intakes/intake-2026/")
    with django_assert_num_queries(0):
        response = client.get("/intakes/intake-2026/")
    assert "2026 to 2027 intake" in response.content.decode()


def test_a_changed_capability_shows_at_once(client, open_intake):
    client.get("/intakes/intake-2026/")
    capability = open_intake.capabilities.order_by("position").first()
    capability.name = "Leading with courage"
    capability.save()
    assert "Leading with courage" in client.get("/intakes/intake-2026/").content.decode()


def test_a_renamed_programme_shows_at_once(client, open_intake):
    client.get("/intakes/intake-2026/")
    programme = open_intake.programme
    programme.name = "Future Directors"
    programme.save()
    assert "Future Directors" in client.get("/intakes/intake-2026/").content.decode()


def test_a_new_address_works_and_the_old_one_is_gone_at_once(client, open_intake):
    client.get("/intakes/intake-2026/")
    intake = Intake.objects.get(pk=open_intake.pk)
    intake.slug = "autumn-2026"
    intake.save()
    assert client.get("/intakes/intake-2026/").status_code == 404
    assert client.get("/intakes/autumn-2026/").status_code == 200


def test_a_deleted_intake_is_gone_at_once(client, open_intake):
    client.get("/intakes/intake-2026/")
    Intake.objects.get(pk=open_intake.pk).delete()
    assert client.get("/intakes/intake-2026/").status_code == 404
