"""The production settings over plain HTTP (`make serve`) only when asked, and only locally;
the database's connections bounded by the server's size."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from upon.operations.connections import over_budget

SETTINGS = Path(__file__).resolve().parents[2] / "upon" / "settings.py"
PRODUCTION = {"HTTPS": "true", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "upon.example"}
KEYS = [
    "ALLOW_PLAIN_HTTP",
    "DEBUG",
    "HTTPS",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "EMAIL_HOST",
    "EMAIL_TO_FILES",
]


def settings_with(monkeypatch, **env) -> dict:
    """The settings module run afresh with exactly these variables (of those it reads here)."""
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(SETTINGS))


def test_production_redirects_to_https_and_secures_cookies(monkeypatch):
    found = settings_with(monkeypatch, **PRODUCTION)
    assert found["ALLOW_PLAIN_HTTP"] is False
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$", r"^readyz$"]
    assert (found["SESSION_COOKIE_SECURE"], found["CSRF_COOKIE_SECURE"]) == (True, True)
    assert found["SECURE_HSTS_SECONDS"] == 31536000


def test_plain_http_drops_only_the_https_settings(monkeypatch):
    found = settings_with(
        monkeypatch, **{**PRODUCTION, "ALLOWED_HOSTS": "127.0.0.1,localhost"}, ALLOW_PLAIN_HTTP="1"
    )
    assert not {
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    } & set(found)
    assert found["DEBUG"] is False
    assert found["WHITENOISE_USE_FINDERS"] is False  # collected, hashed static files as live
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_plain_http_is_refused_for_a_real_host(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOW_PLAIN_HTTP is for trying the service"):
        settings_with(monkeypatch, **PRODUCTION, ALLOW_PLAIN_HTTP="true")


def test_old_secret_keys_are_read_as_fallbacks(monkeypatch):
    found = settings_with(monkeypatch, **PRODUCTION, SECRET_KEY_FALLBACKS="old-1, old-2,")
    assert found["SECRET_KEY"] == "s" * 50
    assert found["SECRET_KEY_FALLBACKS"] == ["old-1", "old-2"]
    assert settings_with(monkeypatch, **PRODUCTION)["SECRET_KEY_FALLBACKS"] == []


def test_the_development_key_is_refused_as_a_fallback_in_production(monkeypatch):
    development = "django-insecure-development-only-never-use-in-production"
    with pytest.raises(ImproperlyConfigured, match="must not hold the development key"):
        settings_with(monkeypatch, **PRODUCTION, SECRET_KEY_FALLBACKS=f"old,{development}")


def test_emails_go_to_files_under_make_serve_only_when_asked(monkeypatch):
    local = {**PRODUCTION, "ALLOWED_HOSTS": "127.0.0.1", "ALLOW_PLAIN_HTTP": "true"}
    found = settings_with(monkeypatch, **local)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    found = settings_with(monkeypatch, **local, EMAIL_TO_FILES="true")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


def test_emails_to_files_are_refused_on_a_real_server(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_TO_FILES keeps every email"):
        settings_with(monkeypatch, **PRODUCTION, EMAIL_TO_FILES="true")


def test_postgresql_connections_time_out_and_are_checked_before_reuse(monkeypatch):
    found = settings_with(monkeypatch, DATABASE_URL="postgres://u@db.internal:5432/upon")
    database = found["DATABASES"]["default"]
    assert database["OPTIONS"] == {"connect_timeout": 5}
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, True)


@pytest.mark.parametrize(
    ("workers", "threads", "fits"),
    [(5, 1, True), (29, 3, True), (30, 3, False), (88, 1, False), (87, 1, True)],
)
def test_a_server_fits_under_max_connections_less_reserved_and_headroom(workers, threads, fits):
    # 100 less 3 reserved for superusers less 10 of headroom: 87 connections for the server.
    refusal = over_budget(
        workers=workers, threads=threads, max_connections=100, reserved=3, headroom=10
    )
    assert (refusal is None) == fits


def test_the_refusal_says_what_to_change():
    assert over_budget(workers=30, threads=3, max_connections=100, reserved=3, headroom=10) == (
        "30 workers x 3 threads need up to 90 database connections, but PostgreSQL allows 100 "
        "less 3 reserved for superusers and 10 of headroom (DATABASE_CONNECTION_HEADROOM): 87. "
        "Lower WEB_CONCURRENCY or WEB_THREADS, or raise max_connections."
    )
