"""Where someone was going when asked to create an account survives the confirmation email."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

APPLY = "/intakes/intake-2026/apply/"


def _create_account(client, next_url):
    return client.post(
        "/account/create/",
        {
            "next": next_url,
            "full_name": "Alex Applicant",
            "email": "alex@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )


def _confirmation_path():
    return re.search(r"https?://[^/]+(/account/confirm/[^\s]+/)", mail.outbox[-1].body).group(1)


def test_sign_in_page_carries_next_to_create_an_account(client):
    response = client.get(f"/account/sign-in/?next={APPLY}")
    assert f'href="/account/create/?next={APPLY}"' in response.text


def test_confirming_in_the_same_browser_sends_to_sign_in_with_next(client):
    response = _create_account(client, APPLY)
    assert response.status_code == 302
    response = client.post(_confirmation_path())
    assert response.status_code == 302
    assert response.url == "/account/sign-in/?next=%2Fintakes%2Fintake-2026%2Fapply%2F"


def test_an_off_site_next_is_dropped(client):
    _create_account(client, "https://evil.example/steal")
    response = client.post(_confirmation_path())
    assert response.url == "/account/sign-in/"
