import pytest

pytestmark = pytest.mark.django_db


def test_the_153_local_authorities_are_loaded_by_migration(authorities):
    assert authorities.count() == 153
    assert set(authorities.values_list("region", flat=True).distinct()) == {
        f"E1200000{i}" for i in range(1, 10)
    }


def test_unknown_page_is_the_service_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
