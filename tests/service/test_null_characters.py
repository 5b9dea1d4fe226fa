"""A NUL in the address is a bad request, on every engine (PostgreSQL refuses NUL in text)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/calendar/%00.ics",
        "/calendar/facilitating/%00.ics",
        "/applications/%00/",
        "/team/intakes/?q=%00",
        "/team/intakes/?%00=1",
        "/account/sign-in/?next=%00",
    ],
)
def test_a_null_character_in_the_address_is_a_bad_request(client, address):
    client.force_login(UserFactory())
    response = client.get(address)
    assert response.status_code == 400
    assert (
        "<title>Sorry, there is a problem with your request – Upon</title>"
        in response.content.decode()
    )
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_an_address_without_one_is_served(client):
    assert client.get("/account/sign-in/?next=/applications/").status_code == 200
