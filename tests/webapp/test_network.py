"""The network's pages: suggestions queue, history with revert, confirming entries, and the
coordinator's users, registrations and overdue organisations.

The access table is one parametrised test: role × action × own / other region (for an
editor: own / other organisation).  Every denied case asserts the status (a login
redirect for the anonymous, 403 for the others) and that the database is unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_app
from editing_env import dump
from helpers import copy_db
from mailserver import MailServer
from network_env import ITEMS, build_network_world, login

from socialmap import editing
from socialmap.store import open_db

PUBLIC = "https://map.example.org"


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("network") / "world.db"
    build_network_world(path)
    return path


@pytest.fixture
def db_path(world, tmp_path) -> Path:
    return copy_db(world, tmp_path / "network.db")


def client_of(db_path: Path, role: str | None = None, **config):
    app = make_app(db_path, WTF_CSRF_ENABLED=False, **config)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if role is not None:
        login(client, role)
    return client


def _action(name: str, where: str) -> tuple[str, dict[str, str]]:
    item = ITEMS[where]
    return {
        "mark done": (f"/network/suggestions/{item['suggestion']}/done", {}),
        "revert": (f"/network/changes/{item['change']}/revert", {}),
        "approve": (f"/network/registrations/{item['registration']}/approve", {}),
        "reject": (f"/network/registrations/{item['registration']}/reject", {}),
        "invite": (
            "/network/users/invite",
            {"email": "newbie@example.org", "role": "editor", "organisation": item["organisation"]},
        ),
        "disable": ("/network/users/disable", {"email": item["victim"]}),
        "confirm": (f"/network/confirm/{item['confirm']}", {"entry": "all"}),
    }[name]


ACTIONS = ("mark done", "revert", "approve", "reject", "invite", "disable", "confirm")
#: (role, action, where) → allowed.  The editor works for women-centre (Testville).
ALLOWED = {
    ("editor", "mark done", "own"),
    ("editor", "confirm", "own"),
    *(("coordinator", action, "own") for action in ACTIONS),
}
CASES = [
    (role, action, where, (role, action, where) in ALLOWED)
    for role in (None, "caseworker", "editor", "coordinator")
    for action in ACTIONS
    for where in ("own", "other")
]


@pytest.fixture(scope="module")
def denied_world(world, tmp_path_factory):
    """One copy and one logged-in client per role for the denied cases: none may change it."""
    path = copy_db(world, tmp_path_factory.mktemp("denied") / "denied.db")
    clients: dict[str | None, object] = {}

    def client(role: str | None):
        if role not in clients:
            clients[role] = client_of(path, role)
        return clients[role]

    return path, client


@pytest.mark.parametrize("role, action, where, allowed", CASES)
def test_access_table(db_path, denied_world, role, action, where, allowed):
    url, data = _action(action, where)
    if allowed:
        client = client_of(db_path, role)
        before = dump(db_path)
        response = client.post(url, data=data)
        assert response.status_code in (200, 303), response.get_data(as_text=True)[:400]
        assert dump(db_path) != before
        return
    path, client_for = denied_world
    before = dump(path)
    response = client_for(role).post(url, data=data)
    if role is None:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/login")
    else:
        assert response.status_code == 403, response.get_data(as_text=True)[:400]
    assert dump(path) == before


PAGES = ["/network/", "/network/suggestions", "/network/history"]
COORDINATOR_PAGES = ["/network/upkeep", "/network/users", "/network/registrations"]


@pytest.mark.parametrize("url", PAGES + COORDINATOR_PAGES)
def test_pages_need_a_login_and_a_network_role(denied_world, url):
    _path, client = denied_world
    assert client(None).get(url).headers["Location"].startswith("/account/login")
    assert client("caseworker").get(url).status_code == 403
    expected = 200 if url in PAGES else 403
    assert client("editor").get(url).status_code == expected
    assert client("coordinator").get(url).status_code == 200


def test_a_coordinator_sees_only_their_region(db_path):
    client = client_of(db_path, "coordinator")
    queue = client.get("/network/suggestions").get_data(as_text=True)
    assert "070 123 4567" in queue and "Closed since the summer" not in queue
    history = client.get("/network/history").get_data(as_text=True)
    assert "offer:coffee" in history and "far-offer" not in history
    requests = client.get("/network/registrations").get_data(as_text=True)
    assert "Buurthuis De Linde" in requests and "Far newcomer" not in requests
    users = client.get("/network/users").get_data(as_text=True)
    assert "victim@college.example" in users and "victim@far.example" not in users
    admin = client_of(db_path, "admin").get("/network/suggestions").get_data(as_text=True)
    assert "070 123 4567" in admin and "Closed since the summer" in admin


def test_history_shows_field_by_field_and_revert_restores_the_map(db_path):
    client = client_of(db_path, "coordinator")
    page = client.get("/network/history?record=offer:coffee").get_data(as_text=True)
    assert "<del>Koffieochtend</del>" in page and "<ins>Koffie &amp; praten</ins>" in page
    response = client.post("/network/changes/1/revert")
    assert response.status_code == 303
    assert response.headers["Location"] == "/network/history?record=offer:coffee"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "undoes change 1" in page and "Change 1 was undone (as change 3)" in page
    assert client.get("/api/offers/coffee").get_json()["name"] == "Koffieochtend"
    db = open_db(db_path)
    last = editing.list_changes(db, user=editing.User("a@x.org", "admin"), record="offer:coffee")
    assert (last[0].action, last[0].user, last[0].reverts) == (
        "revert",
        "coordinator@example.org",
        1,
    )


def test_reverting_a_change_that_was_changed_again_is_a_409(db_path):
    db = open_db(db_path)
    editing.patch_offer(db, "coffee", {"name": "Third name"}, user=editing.User("a@x.org", "admin"))
    db.close()
    before = dump(db_path)
    response = client_of(db_path, "coordinator").post("/network/changes/1/revert")
    assert response.status_code == 409
    assert "Undo the later change first" in response.get_data(as_text=True)
    assert dump(db_path) == before


def test_an_editor_sees_the_history_of_their_organisation_but_cannot_revert(db_path):
    client = client_of(db_path, "editor")
    page = client.get("/network/history").get_data(as_text=True)
    assert "offer:coffee" in page and "far-offer" not in page
    assert "Undo this change" not in page


def test_editor_confirms_their_entries(db_path):
    client = client_of(db_path, "editor")
    page = client.get("/network/confirm/women-centre").get_data(as_text=True)
    assert "Vrouwencentrum" in page and "Koffie &amp; praten" in page
    response = client.post("/network/confirm/women-centre", data={"entry": "offer:coffee"})
    assert response.status_code == 303
    db = open_db(db_path)
    assert db.execute("SELECT last_verified FROM offers WHERE id = 'coffee'").fetchone()[0]
    changes = editing.list_changes(db, user=editing.User("a@x.org", "admin"), record="offer:coffee")
    assert changes[0].action == "verify" and changes[0].user == "editor@example.org"
    assert (
        client.post("/network/confirm/women-centre", data={"entry": "offer:job"}).status_code == 400
    )


def test_upkeep_lists_the_overdue_organisations(db_path):
    page = client_of(db_path, "coordinator").get("/network/upkeep").get_data(as_text=True)
    assert "Vrouwencentrum" in page and "ROC Testville" in page and "Far away" not in page


def test_the_forms_need_a_csrf_token(db_path):
    app = make_app(db_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = {"email": "coordinator@example.org", "password": "correct horse battery"}
    assert client.post("/account/login", data={**data, "csrf_token": token}).status_code == 302
    before = dump(db_path)
    assert client.post("/network/changes/1/revert").status_code == 400
    assert dump(db_path) == before


def test_approving_a_registration_creates_the_organisation_and_invites_by_mail(db_path):
    with MailServer() as smtp:
        config = {
            "SMTP_URL": smtp.url,
            "MAIL_FROM": "map@example.org",
            "PUBLIC_URL": "https://map.example.org",
        }
        client = client_of(db_path, "coordinator", **config)
        assert client.get("/api/offers?q=Linde").get_json()["total"] == 0
        response = client.post("/network/registrations/1/approve")
        assert response.status_code == 303
        (mail,) = smtp.wait_for(1)
    assert mail["To"] == "lin@linde.example"
    assert "https://map.example.org/account/invite/" in mail.get_content()
    db = open_db(db_path)
    (org,) = db.execute("SELECT id, name FROM organisations WHERE name LIKE 'Buurthuis%'")
    assert org[0].startswith("buurthuis-de-linde-")
    change = editing.list_changes(db, user=editing.User("a@x.org", "admin"))[0]
    assert (change.action, change.record, change.user) == (
        "create",
        f"organisation:{org[0]}",
        "coordinator@example.org",
    )
    assert editing.get_user(db, "lin@linde.example").organisations == (org[0],)
    page = client.get("/network/registrations").get_data(as_text=True)
    assert "Buurthuis De Linde" not in page.split("</nav>")[-1].split("</div>", 1)[-1]
    assert client.post("/network/registrations/1/approve").status_code == 409


def test_without_smtp_the_invitation_link_is_shown_to_the_coordinator(db_path):
    client = client_of(db_path, "coordinator")
    response = client.post(
        "/network/users/invite",
        data={"email": "Anna@Example.org", "role": "editor", "organisation": "college"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "/account/invite/" in page
    assert editing.get_user(open_db(db_path), "anna@example.org").organisations == ("college",)
    # a coordinator hands out no admin role, and no region but their own
    for data in (
        {"email": "boss@example.org", "role": "admin"},
        {"email": "c2@example.org", "role": "coordinator", "region": "otherville"},
    ):
        before = dump(db_path)
        assert client.post("/network/users/invite", data=data).status_code == 403
        assert dump(db_path) == before


def test_a_coordinator_invites_by_mail_and_disables_an_account(db_path):
    with MailServer() as smtp:
        config = {"SMTP_URL": smtp.url, "MAIL_FROM": "map@example.org", "PUBLIC_URL": PUBLIC}
        client = client_of(db_path, "coordinator", **config)
        data = {"email": "nina@college.example", "role": "editor", "organisation": "college"}
        response = client.post("/network/users/invite", data=data)
        assert response.status_code == 303
        (mail,) = smtp.wait_for(1)
    assert mail["To"] == "nina@college.example" and "wachtwoord" in mail.get_content()
    assert f"{PUBLIC}/account/invite/" in mail.get_content()
    page = client.get("/network/users").get_data(as_text=True)
    assert "The invitation was mailed to nina@college.example." in page
    disabled = client.post("/network/users/disable", data={"email": "nina@college.example"})
    assert disabled.status_code == 303
    assert editing.get_user(open_db(db_path), "nina@college.example").disabled
