"""Logging in and out, invitations, lockout, and the session cookie.

The world is :mod:`editing_env`'s: one user per role with the password
``PASSWORD``.  A form is sent with its CSRF token, as a browser sends it.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from conftest import make_app
from editing_env import PASSWORD, build_world, dump
from helpers import copy_db

from socialmap import editing
from socialmap.store import open_db


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("account") / "world.db"
    build_world(path)
    return path


@pytest.fixture
def db_path(world, tmp_path) -> Path:
    return copy_db(world, tmp_path / "account.db")


@pytest.fixture
def client(db_path):
    app = make_app(db_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def csrf(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, page
    return match.group(1)


def login(client, email: str, password: str = PASSWORD, lang: str = "en", **extra):
    token = csrf(client, "/account/login")
    data = {"csrf_token": token, "email": email, "password": password, **extra}
    return client.post("/account/login", data=data, headers={"Accept-Language": lang})


def logged_in(client) -> bool:
    """Whether ``/manage/`` lets the client in (rather than sending it to the login page)."""
    location = client.get("/manage/").headers.get("Location", "")
    return not location.startswith("/account/login")


def test_manage_needs_a_login_and_comes_back_after_it(client):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login?next=%2Fmanage%2F"
    login_page = client.get(response.headers["Location"])
    assert login_page.mimetype == "text/html"
    page = login_page.get_data(as_text=True)
    assert "Please log in to continue." in page
    response = login(client, "editor@example.org", next="/manage/")
    assert response.status_code == 302 and response.headers["Location"] == "/manage/"
    page = client.get("/manage/", follow_redirects=True).get_data(as_text=True)
    assert "Vrouwencentrum" in page


def test_a_wrong_password_is_refused_in_the_page_language(client):
    response = login(client, "editor@example.org", "wrong password", lang="de")
    assert response.status_code == 401
    assert "E-Mail-Adresse oder das Passwort stimmt nicht" in response.get_data(as_text=True)
    assert not logged_in(client)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_next_never_leaves_the_site(client, target):
    response = login(client, "editor@example.org", next=target)
    assert response.headers["Location"] == "/manage/"


def test_lockout_per_account_with_a_clear_message(client):
    for _ in range(5):
        assert login(client, "editor@example.org", "wrong password").status_code == 401
    response = login(client, "editor@example.org", lang="nl")  # the right password, too late
    assert response.status_code == 429
    text = response.get_data(as_text=True)
    assert "Te veel mislukte aanmeldingen" in text and "15 minuten" in text
    assert not logged_in(client)  # not logged in
    # another account from the same address is not locked by this one's failures
    assert login(client, "coordinator@example.org").status_code == 302


def test_lockout_per_address(db_path):
    client = make_app(
        db_path, WTF_CSRF_ENABLED=True, LOGIN_LIMIT_ADDRESS="3 per hour"
    ).test_client()
    for n in range(3):
        assert login(client, f"nobody{n}@example.org", "guess").status_code == 401
    response = login(client, "admin@example.org")
    assert response.status_code == 429
    assert "60 minutes" in response.get_data(as_text=True)


def test_logout_is_a_post_with_csrf(client):
    login(client, "editor@example.org")
    assert client.get("/account/logout").status_code == 405
    assert client.post("/account/logout").status_code == 400  # no CSRF token
    assert logged_in(client)
    token = csrf(client, "/manage/organisations/women-centre")
    assert client.post("/account/logout", data={"csrf_token": token}).status_code == 302
    assert not logged_in(client)


def test_login_form_needs_its_csrf_token(client, db_path):
    before = dump(db_path)
    data = {"email": "editor@example.org", "password": PASSWORD}
    response = client.post("/account/login", data=data)
    assert response.status_code == 400
    assert not logged_in(client)
    assert dump(db_path) == before


def _invite(db_path: Path, email: str = "new@example.org") -> str:
    db = open_db(db_path)
    try:
        return editing.add_user(db, email, "editor", organisations=("college",))
    finally:
        db.close()


def test_an_invitation_sets_the_password_once(client, db_path):
    token = _invite(db_path)
    url = f"/account/invite/{token}"
    page = client.get(url, headers={"Accept-Language": "de"})
    assert page.status_code == 200 and "new@example.org" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    short = client.post(
        url, data={"csrf_token": csrf(client, url), "password": "short", "confirm": "short"}
    )
    assert short.status_code == 400
    assert "at least 10 characters" in short.get_data(as_text=True)
    response = client.post(
        url,
        data={
            "csrf_token": csrf(client, url),
            "password": "a long new password",
            "confirm": "a long new password",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/manage/"
    assert "ROC Testville" in client.get("/manage/", follow_redirects=True).get_data(as_text=True)
    used = client.get(url, headers={"Accept-Language": "nl"})
    assert used.status_code == 410 and used.mimetype == "text/html"
    assert "Deze link werkt niet meer" in used.get_data(as_text=True)
    client.post(
        "/account/logout", data={"csrf_token": csrf(client, "/manage/organisations/college")}
    )
    assert login(client, "new@example.org", "a long new password").status_code == 302


def test_an_expired_invitation_shows_a_clear_page(client, db_path):
    token = _invite(db_path)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE invitations SET expires_at = '2020-01-01T00:00:00+00:00'")
    conn.close()
    before = dump(db_path)
    page = client.get(f"/account/invite/{token}")
    assert page.status_code == 410
    assert "expired or has already been used" in page.get_data(as_text=True)
    token_of_form = csrf(client, "/account/login")
    response = client.post(
        f"/account/invite/{token}",
        data={"csrf_token": token_of_form, "password": "x" * 12, "confirm": "x" * 12},
    )
    assert response.status_code == 410
    assert dump(db_path) == before
    assert client.get("/account/invite/not-a-token").status_code == 410


def test_a_disabled_account_or_a_new_password_ends_the_session(client, db_path):
    login(client, "editor@example.org")
    assert logged_in(client)
    db = open_db(db_path)
    editing.disable_user(db, "editor@example.org")
    db.close()
    assert not logged_in(client)
    login(client, "coordinator@example.org")
    assert logged_in(client)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE users SET password_hash = 'scrypt:other' WHERE email LIKE 'coord%'")
    conn.close()
    assert not logged_in(client)


@pytest.mark.parametrize("secure", [False, True])
def test_the_session_cookie_is_httponly_lax_and_secure_by_setting(db_path, secure):
    app = make_app(db_path, WTF_CSRF_ENABLED=False, SECURE_COOKIES="1" if secure else "0")
    client = app.test_client()
    response = client.post(
        "/account/login", data={"email": "editor@example.org", "password": PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) == secure
