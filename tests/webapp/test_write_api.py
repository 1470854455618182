"""The JSON write API: who may write what (the access matrix), and what every answer means.

The access matrix is one table: role × action × target (the user's own
organisation, another organisation of the same region, a record in another
region).  Every allowed write answers 200/201 with the stored record and
changes the database; every denied one answers 401/403 and leaves the
database exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_app
from editing_env import ALLOWED, ROLES, TARGETS, auth, build_world, dump
from helpers import copy_db, wait_until
from test_api import check

from socialmap import editing
from socialmap.store import open_db


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Both regions and one user (with a token) per role; copied for every test."""
    path = tmp_path_factory.mktemp("write") / "template.db"
    return path, build_world(path)


@pytest.fixture
def env(template, tmp_path):
    path, tokens = template
    db_path = copy_db(path, tmp_path / "write.db")
    app = make_app(db_path, WTF_CSRF_ENABLED=True)  # as in production: bearer calls need no CSRF
    return app.test_client(), db_path, tokens


# --- the access matrix ------------------------------------------------------------------------


def _new_offer(organisation: str) -> dict[str, Any]:
    return {
        "id": f"new-{organisation}",
        "organisation": organisation,
        "online": True,
        "name": "Neu",
        "category": "information",
        "ladder": {"accepts": [1], "leads_to": 2},
    }


#: action -> request(target) as (method, url, body)
ACTIONS = {
    "patch offer": lambda t: ("patch", f"/api/offers/{t[0]}", {"name": "Renamed"}),
    "verify offer": lambda t: ("post", f"/api/offers/{t[0]}/verify", None),
    "create offer": lambda t: ("post", "/api/offers", _new_offer(t[1])),
    "delete offer": lambda t: (
        "delete",
        f"/api/offers/{ {'coffee': 'coffee', 'language': 'job', 'far-offer': 'far-other'}[t[0]] }",
        None,
    ),
    "patch organisation": lambda t: ("patch", f"/api/organisations/{t[1]}", {"phone": "070 123"}),
    "verify organisation": lambda t: ("post", f"/api/organisations/{t[1]}/verify", None),
    "create location": lambda t: (
        "post",
        "/api/locations",
        {"id": f"new-loc-{t[1]}", "organisation": t[1], "address": "Straat 1"},
    ),
    "patch location": lambda t: ("patch", f"/api/locations/{t[2]}", {"name": "Zaal 2"}),
    "delete location": lambda t: ("delete", f"/api/locations/{t[2]}", None),
    "put referral link": lambda t: ("put", f"/api/referral-links/{t[4]}", {"kind": "regular"}),
    "confirm referral link": lambda t: ("post", f"/api/referral-links/{t[3]}/confirm", None),
    "delete referral link": lambda t: ("delete", f"/api/referral-links/{t[3]}", None),
    "revert": lambda t: ("post", "/api/changes/{change}/revert", None),
}

MATRIX = [
    (
        role,
        action,
        target,
        target in ALLOWED[role] and not (action == "revert" and role == "editor"),
    )
    for role in ROLES
    for action in ACTIONS
    for target in TARGETS
]


def _prepare_revert(db_path: Path, target: tuple[str, ...]) -> int:
    """A change (by an admin) to the target's offer, for the revert cases."""
    db = open_db(db_path)
    try:
        admin = editing.get_user(db, "admin@example.org")
        return editing.patch_offer(db, target[0], {"name": "Changed"}, user=admin).change
    finally:
        db.close()


@pytest.mark.parametrize(
    ("role", "action", "target", "allowed"),
    MATRIX,
    ids=[f"{r}-{a.replace(' ', '_')}-{t}-{'ok' if ok else 'denied'}" for r, a, t, ok in MATRIX],
)
def test_access_matrix(env, role, action, target, allowed):
    client, db_path, tokens = env
    method, url, body = ACTIONS[action](TARGETS[target])
    if action == "revert":
        url = url.format(change=_prepare_revert(db_path, TARGETS[target]))
    before = dump(db_path)
    response = getattr(client, method)(url, json=body, headers=auth(tokens, role))
    if allowed:
        assert response.status_code in (200, 201), response.get_json()
        assert isinstance(response.get_json()["version"], int)
        assert dump(db_path) != before
    else:
        assert response.status_code == 403, response.get_json()
        assert "may not" in response.get_json()["error"]
        assert dump(db_path) == before


@pytest.mark.parametrize("who", [None, "invalid", "disabled"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_without_a_valid_token_nothing_is_written(env, who, action):
    client, db_path, tokens = env
    method, url, body = ACTIONS[action](TARGETS["own"])
    url = url.format(change=1)
    before = dump(db_path)
    response = getattr(client, method)(url, json=body, headers=auth(tokens, who))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert dump(db_path) == before


def test_csrf_is_on_for_forms_but_not_for_bearer_calls(env):
    client, _, tokens = env
    form = client.post("/referral/", data={"rung": "1"}, headers={"Accept-Language": "en"})
    assert form.status_code == 400 and "expired" in form.get_data(as_text=True)  # CSRF
    response = client.post("/api/offers/coffee/verify", headers=auth(tokens, "editor"))
    assert response.status_code == 200


def test_creating_organisations_is_for_coordinators_of_the_region(env):
    client, db_path, tokens = env
    body = {"id": "library", "name": "Bibliotheek", "kind": "other", "region": "testville"}
    before = dump(db_path)
    for role in ("editor", "caseworker"):
        assert (
            client.post("/api/organisations", json=body, headers=auth(tokens, role)).status_code
            == 403
        )
    elsewhere = {**body, "region": "otherville"}
    response = client.post(
        "/api/organisations", json=elsewhere, headers=auth(tokens, "coordinator")
    )
    assert response.status_code == 403
    assert dump(db_path) == before
    created = client.post("/api/organisations", json=body, headers=auth(tokens, "coordinator"))
    assert created.status_code == 201
    check(created, "/api/organisations", "post")
    assert created.get_json() == {
        "id": "library",
        "name": "Bibliotheek",
        "kind": "other",
        "version": 1,
    }


# --- what the answers mean ------------------------------------------------------------------------


def test_patch_answers_the_stored_record_and_its_version(env):
    client, db_path, tokens = env
    headers = auth(tokens, "editor")
    response = client.patch("/api/offers/coffee", json={"name": "Koffie"}, headers=headers)
    assert response.status_code == 200
    check(response, "/api/offers/{offer_id}", "patch")
    assert response.get_json()["name"] == "Koffie" and response.get_json()["version"] == 2
    assert response.headers["ETag"] == '"2"'
    assert client.get("/api/offers/coffee").get_json()["name"] == "Koffie"  # the read API agrees


def test_stale_if_match_is_409_and_writes_nothing(env):
    client, db_path, tokens = env
    headers = auth(tokens, "editor")
    client.patch("/api/offers/coffee", json={"name": "A"}, headers={**headers, "If-Match": "1"})
    before = dump(db_path)
    response = client.patch(
        "/api/offers/coffee", json={"name": "B"}, headers={**headers, "If-Match": '"1"'}
    )
    assert response.status_code == 409
    check(response, "/api/offers/{offer_id}", "patch")
    assert "changed by editor@example.org at " in response.get_json()["error"]
    assert "since you opened it" in response.get_json()["error"]
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/offers/coffee", {"category": "magic"}, "category"),
        ("/api/offers/coffee", {"ladder": {"leads_to": 0}}, "ladder.leads_to"),
        ("/api/offers/coffee", {"locations": ["nowhere"]}, "locations"),
        ("/api/offers/coffee", ["not", "an", "object"], "body"),
        ("/api/locations/loc-east", {"lon": None}, "lat/lon"),
        ("/api/organisations/women-centre", {"kind": "pub"}, "kind"),
    ],
)
def test_invalid_data_is_400_naming_the_field_and_writes_nothing(env, url, body, field):
    client, db_path, tokens = env
    before = dump(db_path)
    response = client.patch(url, json=body, headers=auth(tokens, "editor"))
    assert response.status_code == 400
    assert response.get_json()["field"] == field
    assert "\n" not in response.get_json()["error"]
    assert dump(db_path) == before


def test_bad_if_match_is_400(env):
    client, _, tokens = env
    headers = {**auth(tokens, "editor"), "If-Match": "yesterday"}
    response = client.patch("/api/offers/coffee", json={"name": "x"}, headers=headers)
    assert response.status_code == 400 and response.get_json()["field"] == "If-Match"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("patch", "/api/offers/nope"),
        ("delete", "/api/locations/nope"),
        ("post", "/api/organisations/nope/verify"),
        ("delete", "/api/referral-links/college/coffee"),
        ("post", "/api/changes/999/revert"),
    ],
)
def test_unknown_ids_are_404(env, method, url):
    client, db_path, tokens = env
    before = dump(db_path)
    response = getattr(client, method)(url, json={"name": "x"}, headers=auth(tokens, "admin"))
    assert response.status_code == 404
    assert dump(db_path) == before


def test_referral_link_put_creates_then_replaces(env):
    client, _, tokens = env
    headers = auth(tokens, "editor")
    url = "/api/referral-links/women-centre/volunteer"
    created = client.put(url, json={"kind": "informal", "since": "2025-01-01"}, headers=headers)
    assert created.status_code == 201
    check(created, "/api/referral-links/{source}/{target}", "put")
    replaced = client.put(url, json={"kind": "agreement"}, headers=headers)
    assert replaced.status_code == 200
    assert replaced.get_json() == {
        "from": "women-centre",
        "to": "volunteer",
        "kind": "agreement",
        "version": 2,
    }


def test_changes_list_and_revert(env):
    client, _, tokens = env
    client.patch("/api/offers/coffee", json={"name": "Koffie"}, headers=auth(tokens, "editor"))
    listed = client.get("/api/changes?record=offer:coffee", headers=auth(tokens, "editor"))
    assert listed.status_code == 200
    check(listed, "/api/changes")
    (change,) = listed.get_json()
    assert (change["user"], change["action"], change["record"]) == (
        "editor@example.org",
        "patch",
        "offer:coffee",
    )
    assert change["before"]["name"] == "Koffieochtend" and change["after"]["name"] == "Koffie"
    assert client.get("/api/changes").status_code == 401
    # an editor sees its own organisations' changes only
    client.patch("/api/offers/language", json={"name": "Taal"}, headers=auth(tokens, "admin"))
    records = [
        c["record"] for c in client.get("/api/changes", headers=auth(tokens, "editor")).get_json()
    ]
    assert records == ["offer:coffee"]
    reverted = client.post(
        f"/api/changes/{change['id']}/revert", headers=auth(tokens, "coordinator")
    )
    assert reverted.status_code == 200
    assert reverted.get_json()["name"] == "Koffieochtend" and reverted.get_json()["version"] == 3
    actions = [
        c["action"]
        for c in client.get(
            "/api/changes?record=offer:coffee", headers=auth(tokens, "admin")
        ).get_json()
    ]
    assert actions == ["revert", "patch"]


def test_a_write_reaches_the_routing_model_of_the_app_within_two_seconds(env):
    client, _, tokens = env
    model = client.application.extensions["socialmap.model"]
    assert model.index.tables is not None  # taking the index starts this process's follower

    def leads_to() -> int:
        tables = model.index.tables
        return int(tables.offers["leads_to"][list(tables.offers["id"]).index("coffee")])

    assert leads_to() == 2
    response = client.patch(
        "/api/offers/coffee",
        json={"ladder": {"accepts": [1], "leads_to": 3}},
        headers=auth(tokens, "editor"),
    )
    assert response.status_code == 200
    wait_until(lambda: leads_to() == 3, timeout=2.0, what="the follower's refresh")
    assert leads_to() == 3


def test_write_paths_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path, methods in {
        "/api/organisations": {"post"},
        "/api/organisations/{organisation_id}": {"patch"},
        "/api/organisations/{organisation_id}/verify": {"post"},
        "/api/locations": {"post"},
        "/api/locations/{location_id}": {"patch", "delete"},
        "/api/offers": {"post"},
        "/api/offers/{offer_id}": {"patch", "delete"},
        "/api/offers/{offer_id}/verify": {"post"},
        "/api/referral-links/{source}/{target}": {"put", "delete"},
        "/api/referral-links/{source}/{target}/confirm": {"post"},
        "/api/changes": {"get"},
        "/api/changes/{n}/revert": {"post"},
    }.items():
        assert methods <= set(paths[path]), path
