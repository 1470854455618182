"""The referral API: who sees and moves what (one access table), privacy refusals, the
status ladder, and every answer as the OpenAPI document describes it.

The access table is role × action against one referral that women-centre sent to the
college.  Every allowed call answers 2xx (writes change the database); every denied one
answers 401/403/404, leaves the database exactly as it was and shows no client code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import tiny_dataset
from conftest import make_app
from helpers import copy_db
from test_api import check
from test_write_api import auth, dump
from web_datasets import import_dataset

from socialmap import editing, referrals
from socialmap.store import open_db

#: who -> (role, organisations, regions)
PEOPLE = {
    "sender": ("caseworker", ("women-centre",), ()),
    "receiver": ("caseworker", ("college",), ()),
    "third": ("caseworker", ("municipality",), ()),
    "editor": ("editor", ("college",), ()),
    "coordinator": ("coordinator", (), ("testville",)),
    "admin": ("admin", (), ()),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """One user (with a token) per kind of person, and one referral women-centre → college."""
    path = import_dataset(tmp_path_factory.mktemp("referrals") / "template.db", tiny_dataset())
    db = open_db(path)
    tokens = {}
    for who, (role, organisations, regions) in PEOPLE.items():
        editing.add_user(db, f"{who}@example.org", role, regions, organisations)
        tokens[who] = editing.issue_token(db, f"{who}@example.org")
    editing.add_user(db, "gone@example.org", "caseworker", (), ("college",))
    tokens["disabled"] = editing.issue_token(db, "gone@example.org")
    editing.disable_user(db, "gone@example.org")
    tokens["invalid"] = "smt_not-a-token"
    sent = referrals.send_referral(
        db,
        {
            "offer": "language",
            "from_organisation": "women-centre",
            "consent": True,
            "profile": {"rung": 2, "age": 40},
        },
        user=editing.get_user(db, "sender@example.org"),
    )
    db.close()
    return path, tokens, {"id": sent["id"], "code": sent["client_code"]}


@pytest.fixture
def env(template, tmp_path):
    path, tokens, known = template
    db_path = copy_db(path, tmp_path / "api.db")
    app = make_app(db_path, WTF_CSRF_ENABLED=True)
    return app.test_client(), db_path, tokens, known


NEW = {"offer": "language", "from_organisation": "women-centre", "consent": True}

#: action -> (method, URL, body, OpenAPI path, writes)
ACTIONS = {
    "send": ("post", "/api/referrals", NEW, "/api/referrals", True),
    "list in": ("get", "/api/referrals?direction=in", None, "/api/referrals", False),
    "list out": ("get", "/api/referrals?direction=out", None, "/api/referrals", False),
    "get": ("get", "/api/referrals/{id}", None, "/api/referrals/{referral_id}", False),
    "accept": (
        "patch",
        "/api/referrals/{id}",
        {"status": "accepted"},
        "/api/referrals/{referral_id}",
        True,
    ),
    "rung": ("post", "/api/clients/{code}/rungs", {"rung": 3}, "/api/clients/{code}/rungs", True),
    "export": ("get", "/api/clients/{code}", None, "/api/clients/{code}", False),
    "erase": ("delete", "/api/clients/{code}", None, "/api/clients/{code}", True),
    "outcomes": ("get", "/api/outcomes?region=testville", None, "/api/outcomes", False),
}

#: The one access table: who -> the status of each action (in ACTIONS order).
EXPECTED = {
    "sender": (201, 200, 200, 200, 403, 201, 200, 200, 200),
    "receiver": (403, 200, 200, 200, 200, 201, 200, 200, 200),
    "third": (403, 200, 200, 404, 404, 404, 404, 404, 200),
    "editor": (403, 403, 403, 404, 404, 404, 404, 404, 403),
    "coordinator": (403, 403, 403, 404, 404, 404, 404, 404, 200),
    "admin": (403, 403, 403, 404, 404, 404, 404, 404, 200),
    None: (401,) * 9,
    "invalid": (401,) * 9,
    "disabled": (401,) * 9,
}
MATRIX = [
    (who, action, status)
    for who, statuses in EXPECTED.items()
    for action, status in zip(ACTIONS, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("who", "action", "status"),
    MATRIX,
    ids=[f"{w}-{a.replace(' ', '_')}-{s}" for w, a, s in MATRIX],
)
def test_access_matrix(env, who, action, status):
    client, db_path, tokens, known = env
    method, url, body, documented, writes = ACTIONS[action]
    before = dump(db_path)
    response = getattr(client, method)(url.format(**known), json=body, headers=auth(tokens, who))
    assert response.status_code == status, response.get_json()
    check(response, documented, method)
    text = response.get_data(as_text=True)
    if status >= 400:
        assert dump(db_path) == before
        assert known["code"] not in text
        assert status == 404 or known["id"] not in text  # a 404 names the id that was asked for
        return
    assert (dump(db_path) != before) == writes
    if action == "outcomes":
        assert known["code"] not in text
    elif action == "list in" and who == "third" or action == "list out" and who != "sender":
        assert response.get_json()["items"] == [] and known["code"] not in text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW, "client": {"name": "Fatima Yilmaz"}}, "client.name"),
        ({**NEW, "profile": {"birth_date": "1990-04-01"}}, "profile.birth_date"),
        ({**NEW, "profile": {"address": "Plein 1"}}, "profile.address"),
        ({**NEW, "profile": {"phone": "06-12345678"}}, "profile.phone"),
        ({**NEW, "profile": {"email": "f@example.org"}}, "profile.email"),
        ({**NEW, "description": "lives with her sister"}, "description"),
        ({**NEW, "consent": False}, "consent"),
        ({k: v for k, v in NEW.items() if k != "consent"}, "consent"),
    ],
)
def test_personal_data_and_missing_consent_are_refused_naming_the_field(env, body, field):
    client, db_path, tokens, _ = env
    before = dump(db_path)
    response = client.post("/api/referrals", json=body, headers=auth(tokens, "sender"))
    assert response.status_code == 400
    assert response.get_json()["field"] == field
    check(response, "/api/referrals", "post")
    for secret in ("Fatima", "1990", "Plein", "12345678", "f@example", "sister"):
        assert secret not in response.get_data(as_text=True)
    assert dump(db_path) == before


def test_a_wrong_transition_is_400_naming_status_and_writes_nothing(env):
    client, db_path, tokens, known = env
    before = dump(db_path)
    url = f"/api/referrals/{known['id']}"
    response = client.patch(url, json={"status": "completed"}, headers=auth(tokens, "receiver"))
    assert response.status_code == 400 and response.get_json()["field"] == "status"
    response = client.patch(url, json={"status": "declined"}, headers=auth(tokens, "receiver"))
    assert response.status_code == 400 and response.get_json()["field"] == "reason"
    assert dump(db_path) == before


def test_a_referral_goes_through_its_life_and_outcomes_stay_suppressed(env):
    client, _, tokens, known = env
    sent = client.post(
        "/api/referrals",
        json={**NEW, "client": {"code": known["code"]}, "appointment_date": "2026-12-20"},
        headers=auth(tokens, "sender"),
    )
    assert sent.status_code == 201
    assert sent.get_json()["client_code"] == known["code"]
    url = f"/api/referrals/{sent.get_json()['id']}"
    for status in ("accepted", "started"):
        moved = client.patch(url, json={"status": status}, headers=auth(tokens, "receiver"))
        assert moved.status_code == 200
        check(moved, "/api/referrals/{referral_id}", "patch")
    inbox = client.get("/api/referrals?direction=in", headers=auth(tokens, "receiver"))
    check(inbox, "/api/referrals")
    assert {r["status"] for r in inbox.get_json()["items"]} == {"sent", "started"}
    for by in ("offer", "link", "target_group", "neighbourhood", "step"):
        answer = client.get(
            f"/api/outcomes?region=testville&by={by}", headers=auth(tokens, "admin")
        )
        assert answer.status_code == 200
        check(answer, "/api/outcomes")
        for row in answer.get_json()["rows"]:
            assert row["referred"] == "<5"
            assert row["share_started"] is None
    bad = client.get("/api/outcomes?region=testville&by=name", headers=auth(tokens, "admin"))
    assert bad.status_code == 400 and bad.get_json()["field"] == "by"
    exported = client.get(f"/api/clients/{known['code']}", headers=auth(tokens, "receiver"))
    assert len(exported.get_json()["referrals"]) == 2
    gone = client.delete(f"/api/clients/{known['code']}", headers=auth(tokens, "sender"))
    assert gone.status_code == 200
    again = client.get(f"/api/clients/{known['code']}", headers=auth(tokens, "sender"))
    assert again.status_code == 404


def test_the_server_expires_old_client_records_by_itself(template, tmp_path):
    import datetime as dt

    from helpers import wait_until

    path, _, known = template
    db_path = copy_db(path, tmp_path / "old.db")
    db = open_db(db_path)
    db.execute("UPDATE clients SET created_at = '2020-01-01'")
    db.execute("UPDATE referrals SET created_at = '2020-01-01', updated_at = '2020-01-01'")
    db.conn.commit()
    app = make_app(db_path, RETENTION_MONTHS=24)
    assert app.test_client().get("/healthz").status_code == 200

    def gone() -> bool:
        return not db.execute("SELECT count(*) FROM clients").fetchone()[0]

    wait_until(gone, timeout=10)
    assert not db.execute("SELECT count(*) FROM referrals").fetchone()[0]
    assert dt.date.today().year > 2020
    db.close()
