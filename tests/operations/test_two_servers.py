"""Two gunicorn servers on two ports, sharing one database and one Redis, behave as one service:
a person signed in through one is signed in on the other, and the sign-in throttle counted by one
(in the cache) holds on the other.

The servers run gunicorn.conf.py as production does (one worker each), on the test's own
database: on PostgreSQL the test database itself; on SQLite, whose test database lives in this
process's memory, a copy of it in a file, made with SQLite's online backup API. Redis is the
one on 127.0.0.1 (REDIS_URL to choose another); the test is skipped, saying so, without it.
"""

import html
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote_plus

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.factories import UserFactory
from upon.accounts import throttle

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
PASSWORD = "a long password for two servers"
START_SECONDS = 180  # each server imports every view first; the machine may be busy

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs a Redis at {REDIS_URL} for the servers to share ({error})")
    return client


def database_url(tmp_path) -> str:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings_dict["USER"] or "postgres"
        password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
        host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"
    copy = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}"


class Server:
    def __init__(self, *, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, our own arguments
            [str(GUNICORN)],
            cwd=ROOT,
            env={**env, "WEB_BIND": f"127.0.0.1:{self.port}"},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                if self.request("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"not ready in {START_SECONDS} s:\n{self.log.read_text()}")

    def request(self, method, path, *, cookies=None, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(headers or {})
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if form is not None:
            body = "&".join(f"{k}={quote_plus(v)}" for k, v in form.items())
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read().decode()
        set_cookies = {
            cookie.split("=", 1)[0]: cookie.split("=", 1)[1].split(";", 1)[0]
            for cookie in response.headers.get_all("Set-Cookie") or []
        }
        conn.close()
        return response.status, content, set_cookies, response.headers

    def logged(self, **fields) -> list[dict]:
        """The JSON log lines with these fields (gunicorn writes the access line just after the
        response, so it is waited for, briefly)."""
        deadline = time.monotonic() + 10
        while True:
            # Only the JSON records: Python's warnings (whitenoise's "No directory at" on a
            # clean checkout, before collectstatic) reach the same stderr as plain text.
            text = self.log.read_text().splitlines()
            lines = [json.loads(line) for line in text if line.startswith("{")]
            found = [line for line in lines if fields.items() <= line.items()]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def person(db):
    """Someone who can sign in on the servers, whose hashers do not include the tests' fast one.
    Made before the servers start (on SQLite they read a copy of the database)."""
    user = UserFactory(full_name="Ada Shared", email="ada.shared@example.org")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def two_servers(tmp_path, shared_redis, person):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DATABASE_URL": database_url(tmp_path),
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DEBUG": "false",
        "HTTPS": "false",
        "WEB_CONCURRENCY": "1",
        "LOG_FORMAT": "json",
        "PYTHONUNBUFFERED": "1",
        # The test's requests come "through a proxy" from an address of their own, so that no
        # other sign-in on this machine shares the throttle's count.
        "TRUSTED_PROXIES": "127.0.0.1",
        "SIGN_IN_ADDRESS_ATTEMPTS": "2",
    }
    servers = [Server(env=env, log=tmp_path / f"server-{n}.log") for n in (1, 2)]
    try:
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def signed_in_form(server, *, forwarded_for=None):
    """The cookies and fields of the sign-in form, as a browser would post it back."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    status, page, cookies, _ = server.request("GET", "/account/sign-in/", headers=headers)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return cookies, {"csrfmiddlewaretoken": token}


def sign_in(server, *, email, password, forwarded_for):
    cookies, form = signed_in_form(server, forwarded_for=forwarded_for)
    return server.request(
        "POST",
        "/account/sign-in/",
        cookies=cookies,
        form={**form, "email": email, "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_two_servers_behave_as_one_service(two_servers, person, shared_redis):
    # Starting two servers is slow: one test, in two parts. A session signed in on one server is
    # valid on the other.
    first, second = two_servers
    signed_out = second.request("GET", "/account/")
    assert (signed_out[0], signed_out[3]["Location"]) == (302, "/account/sign-in/?next=/account/")

    status, page, cookies, _ = sign_in(
        first, email=person.email, password=PASSWORD, forwarded_for="198.51.100.7"
    )
    assert status == 302, page

    status, page, _, headers = second.request(
        "GET", "/account/", cookies={"sessionid": cookies["sessionid"]}
    )
    assert status == 200
    assert "Ada Shared" in html.unescape(page)
    # The second server's access log says so, as JSON, with the id the response carried.
    [access] = second.logged(path="/account/", status_code=200)
    assert access["logger"] == "gunicorn.access"
    assert access["request_id"] == headers["X-Request-ID"]

    # The sign-in throttle counted by one (in the cache) holds on the other.
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}"  # documentation addresses (RFC 5737)
    keys = [*throttle._account_keys(person.email), throttle._address_key(address)]
    try:
        for _ in range(2):  # SIGN_IN_ADDRESS_ATTEMPTS: the address's allowance, used up on one
            status, page, _, _ = sign_in(
                first, email=person.email, password="wrong", forwarded_for=address
            )
            assert status == 200
            assert "Enter the email address and password for your account" in html.unescape(page)
        # The other server refuses even the right password from that address.
        status, page, cookies, _ = sign_in(
            second, email=person.email, password=PASSWORD, forwarded_for=address
        )
        assert status == 200
        assert "Too many attempts to sign in from your network" in html.unescape(page)
        assert "sessionid" not in cookies
    finally:
        shared_redis.delete(*(f":1:{key}" for key in keys))
