""" "Register your organisation" (nothing visible before approval) and the password reset pages
(the same answer for every address; the link arrives by real mail, built on the public URL)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_app
from editing_env import PASSWORD, build_world, dump
from helpers import copy_db
from mailserver import MailServer

from socialmap import editing
from socialmap.store import open_db

PUBLIC = "https://map.example.org"


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("join") / "world.db"
    build_world(path)
    return path


@pytest.fixture
def db_path(world, tmp_path) -> Path:
    return copy_db(world, tmp_path / "join.db")


def client_of(db_path, **config):
    client = make_app(db_path, WTF_CSRF_ENABLED=True, **config).test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def token_of(client, url: str, headers=None) -> str:
    page = client.get(url, headers=headers or {}).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def join(client, **fields):
    data = {"region": "testville", "kind": "welfare", "contact_email": "me@new.example"}
    data.update(fields)
    return client.post("/join/", data={**data, "csrf_token": token_of(client, "/join/")})


# --- register your organisation -----------------------------------------------------------------


def test_a_registration_waits_invisibly_for_the_coordinator(db_path):
    client = client_of(db_path)
    response = join(client, name="Stichting <b>Nieuw</b>", description="Taal & werk")
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    db = open_db(db_path)
    (row,) = db.table("registrations").rows
    assert row["status"] == "pending" and row["contact_email"] == "me@new.example"
    created = db.execute("SELECT count(*) FROM organisations WHERE name LIKE 'Stichting%'")
    assert created.fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == 0
    assert client.get("/api/offers?q=Nieuw").get_json()["total"] == 0


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": ""}, "name"),
        ({"name": "X", "kind": "pirates"}, "kind"),
        ({"name": "X", "contact_email": "not-an-address"}, "contact_email"),
        ({"name": "X", "region": "atlantis"}, "region"),
    ],
)
def test_a_bad_registration_names_the_field_and_stores_nothing(db_path, fields, field):
    client = client_of(db_path)
    before = dump(db_path)
    response = join(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and f'href="#join-{field}"' in page
    assert dump(db_path) == before


def test_registration_needs_a_csrf_token_and_is_rate_limited(db_path):
    client = client_of(db_path, REGISTRATION_LIMIT="2 per hour")
    assert client.post("/join/", data={"name": "X", "region": "testville"}).status_code == 400
    assert [join(client, name=f"Org {i}").status_code for i in range(2)] == [200, 200]
    assert join(client, name="One too many").status_code == 429
    assert open_db(db_path).table("registrations").count == 2


# --- password reset -----------------------------------------------------------------------------


def _reset(client, email: str, headers=None):
    token = token_of(client, "/account/reset", headers)
    return client.post(
        "/account/reset", data={"email": email, "csrf_token": token}, headers=headers or {}
    )


def test_reset_answers_alike_and_mails_a_link_on_the_public_url(db_path):
    with MailServer() as smtp:
        config = {"SMTP_URL": smtp.url, "MAIL_FROM": "map@example.org", "PUBLIC_URL": PUBLIC}
        client = client_of(db_path, **config)
        unknown = _reset(client, "nobody@example.org").get_data(as_text=True)
        known = _reset(client, "Editor@Example.org", {"Host": "evil.example"})
        assert known.status_code == 200
        sentence = "If this address has an account, a link to set a new password is on its way."
        assert sentence in unknown and sentence in known.get_data(as_text=True)
        (mail,) = smtp.wait_for(1)
    assert mail["To"] == "editor@example.org" and len(smtp.messages) == 1
    link = re.search(r"(https://\S+/account/reset/\S+)", mail.get_content()).group(1)
    assert link.startswith(PUBLIC + "/account/reset/") and "evil" not in mail.get_content()
    path = link[len(PUBLIC) :]
    page = client.get(path)
    assert page.status_code == 200 and "editor@example.org" in page.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    short = {"password": "short", "password_again": "short", "csrf_token": token}
    assert client.post(path, data=short).status_code == 400
    new = {"password": "a new long password", "password_again": "a new long password"}
    response = client.post(path, data={**new, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/network/"
    db = open_db(db_path)
    assert editing.check_password(db, "editor@example.org", "a new long password")
    assert editing.check_password(db, "editor@example.org", PASSWORD) is None
    assert client.get(path).status_code == 404  # used up


def test_without_smtp_the_page_says_the_same_and_sends_nothing(db_path):
    client = client_of(db_path)
    response = _reset(client, "editor@example.org")
    assert response.status_code == 200
    assert "If this address has an account" in response.get_data(as_text=True)
    assert open_db(db_path).table("password_resets").count == 0


def test_an_unknown_reset_link_is_a_404_page(db_path):
    response = client_of(db_path).get("/account/reset/not-a-token")
    assert response.status_code == 404
    assert "This link no longer works" in response.get_data(as_text=True)
