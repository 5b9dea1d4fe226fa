"""The development outbox: with DEBUG on and no EMAIL_HOST, emails are files in EMAIL_FILE_PATH
and /dev/outbox/ lists and shows them to anyone signed in. With DEBUG off it is not routed."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.test import Client
from django.urls import NoReverseMatch, clear_url_caches, reverse

from tests.factories import UserFactory
from tests.permissions import matrix, world
from tests.permissions.urlconf import url_names
from upon.service import outbox

ROOT = Path(__file__).resolve().parents[2]


def reload_urls():
    import upon.service.urls
    import upon.urls

    importlib.reload(upon.service.urls)
    importlib.reload(upon.urls)
    clear_url_caches()


@pytest.fixture
def dev(settings, tmp_path):
    """DEBUG on, the URLconf loaded again under it, the outbox in a temporary folder."""
    settings.DEBUG = True
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    reload_urls()
    yield tmp_path / "outbox"
    settings.DEBUG = False
    reload_urls()


def send(folder, subject, body, to="ada@example.org"):
    connection = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(folder)
    )
    EmailMessage(subject, body, "Upon <no-reply@upon.example>", [to], connection=connection).send()


def settings_under(**env) -> list[str]:
    """EMAIL_BACKEND and EMAIL_FILE_PATH as a fresh process reads them from these variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEBUG"))}
    code = "import upon.settings as s; print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_development_writes_emails_to_the_outbox_folder():
    assert settings_under(DEBUG="true") == [
        "django.core.mail.backends.filebased.EmailBackend",
        str(ROOT / "tmp" / "outbox"),
    ]
    assert settings_under(DEBUG="true", EMAIL_FILE_PATH="/tmp/mails")[1] == "/tmp/mails"
    # An SMTP server wins, and without DEBUG emails are printed, as before.
    assert settings_under(DEBUG="true", EMAIL_HOST="smtp.example")[0].endswith("smtp.EmailBackend")
    assert settings_under(DEBUG="false")[0].endswith("console.EmailBackend")


def test_the_outbox_folder_is_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "tmp/outbox/20260101-090000-1.log"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0


def test_tests_keep_the_in_memory_backend(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    mail.send_mail("Hello", "Body", None, ["a@example.org"])
    assert [m.subject for m in mail.outbox] == ["Hello"]


@pytest.mark.django_db
def test_without_debug_the_outbox_is_not_routed():
    with pytest.raises(NoReverseMatch):
        reverse("service:outbox")
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/dev/outbox/").status_code == 404
    assert client.get(f"/dev/outbox/{matrix.OUTBOX_FILE}/1/").status_code == 404
    assert not set(matrix.DEBUG_ONLY) & set(url_names())


@pytest.mark.django_db
def test_signed_out_the_outbox_sends_people_to_sign_in(dev):
    response = Client().get("/dev/outbox/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
def test_the_outbox_lists_emails_newest_first(dev, time_machine):
    time_machine.move_to("2026-03-01 09:00:00+00:00", tick=False)
    send(dev, "Confirm your email address", "First")
    time_machine.move_to("2026-03-01 10:30:00+00:00", tick=False)
    send(dev, "Your application was submitted", "Second", to="grace@example.org")
    client = Client()
    client.force_login(UserFactory())
    page = client.get(reverse("service:outbox"))
    assert page.status_code == 200
    assert [(m.subject, m.to) for m in page.context["page"].object_list] == [
        ("Your application was submitted", "grace@example.org"),
        ("Confirm your email address", "ada@example.org"),
    ]
    html = page.content.decode()
    assert html.index("Your application was submitted") < html.index("Confirm your email")
    assert "10:30am on 1 March 2026" in html


@pytest.mark.django_db
def test_a_message_shows_its_body_escaped_with_its_links_clickable(dev):
    body = (
        "Hello <b>Ada</b> & co,\n\nConfirm: https://upon.example/account/confirm/abc-123/.\n"
        "Not a link: javascript:alert(1) <script>alert(1)</script>\n"
        'Tricky: https://upon.example/a"onmouseover="x'
    )
    send(dev, "Confirm <your> email", body)
    client = Client()
    client.force_login(UserFactory())
    [listed] = outbox.messages()
    page = client.get(reverse("service:outbox_message", args=[listed.file, 1]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Confirm &lt;your&gt; email" in html
    assert "Hello &lt;b&gt;Ada&lt;/b&gt; &amp; co," in html
    assert (
        '<a class="govuk-link" href="https://upon.example/account/confirm/abc-123/">'
        "https://upon.example/account/confirm/abc-123/</a>." in html
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert 'href="javascript' not in html
    assert 'href="https://upon.example/a"' in html and 'onmouseover="x' not in html


@pytest.mark.django_db
def test_a_missing_or_odd_message_is_not_found(dev):
    send(dev, "One", "Body")
    [listed] = outbox.messages()
    client = Client()
    client.force_login(UserFactory())
    for file, number in [(listed.file, 2), (listed.file, 0), ("nope.log", 1), ("..log", 1)]:
        assert client.get(f"/dev/outbox/{file}/{number}/").status_code == 404, (file, number)
    assert client.get("/dev/outbox/..%2F..%2Fsettings.py/1/").status_code == 404


def test_a_file_of_several_messages_reads_as_several(tmp_path, settings):
    settings.EMAIL_FILE_PATH = tmp_path
    connection = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path)
    )
    connection.send_messages(
        [EmailMessage("A", "a", None, ["a@example.org"]), EmailMessage("B", "b", None, ["b@x.org"])]
    )
    [file] = list(tmp_path.iterdir())
    assert outbox.message(file.name, 2).subject == "B"
    assert outbox.message(file.name, 2).body.strip() == "b"
    assert outbox.message(file.name, 3) is None


def test_debug_only_urls_are_exactly_the_outbox(dev):
    names = set(url_names())
    assert names - set(matrix.MATRIX) == set(matrix.DEBUG_ONLY)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(matrix.DEBUG_ONLY))
def test_debug_only_matrix(name, dev, authorities, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dev.mkdir()
    message = EmailMessage("Matrix", "Body", None, ["a@example.org"]).message()
    (dev / matrix.OUTBOX_FILE).write_bytes(message.as_bytes() + outbox.SEPARATOR)
    row = matrix.DEBUG_ONLY[name]
    built = world.build()
    path = reverse(name, kwargs=row.kwargs(built))
    wrong = []
    for identity in world.IDENTITIES:
        client = Client()
        if built.users[identity] is not None:
            client.force_login(built.users[identity])
        response = client.get(path)
        got = response.status_code
        if got == 302 and response["Location"].startswith(reverse("accounts:sign_in")):
            got = matrix.SIGN_IN
        if got != row.get[identity]:
            wrong.append((identity, row.get[identity], got))
    assert wrong == []
