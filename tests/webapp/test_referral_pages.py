"""The referral pages: send a step from the desk with consent, the client code on the route
sheet, the inbox with status moves and reasons, rungs, the client page with download and
erase — for case workers only."""

from __future__ import annotations

import re

import pytest
from builders import tiny_dataset
from conftest import make_app
from test_account import csrf, login
from test_write_api import dump
from web_datasets import import_dataset

from socialmap import editing
from socialmap.store import open_db

PASSWORD = "correct horse battery"
PROFILE = {
    "rung": "2",
    "goal_rung": "4",
    "target_groups": "refugees",
    "home_mode": "neighbourhood",
    "neighbourhood": "n-west",
    "age": "34",
    "languages": "nl",
}


@pytest.fixture
def world(tmp_path):
    path = import_dataset(tmp_path / "pages.db", tiny_dataset())
    db = open_db(path)
    for who, role, organisation in (
        ("sender", "caseworker", "women-centre"),
        ("receiver", "caseworker", "college"),
        ("editor", "editor", "college"),
    ):
        token = editing.add_user(db, f"{who}@example.org", role, (), (organisation,))
        editing.accept_invitation(db, token, PASSWORD)
    db.close()
    app = make_app(path, WTF_CSRF_ENABLED=True)
    return app, path


def _client(app, who):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if who:
        assert login(client, f"{who}@example.org", PASSWORD).status_code == 302
    return client


def _desk(client, **extra):
    token = csrf(client, "/referral/")
    data = {"csrf_token": token, **PROFILE, **extra}
    return token, data


def test_the_desk_offers_sending_only_to_case_workers(world):
    app, _ = world
    for who, shown in (("sender", True), ("editor", False), (None, False)):
        client = _client(app, who)
        _, data = _desk(client)
        page = client.post("/referral/", data=data).get_data(as_text=True)
        assert ("Send the referral" in page) is shown, who
        assert "Estimated chance that the client arrives at every step" in page


def test_send_needs_consent_then_prints_the_code_and_consent_on_the_sheet(world):
    app, path = world
    client = _client(app, "sender")
    _, data = _desk(client)
    before = dump(path)
    refused = client.post("/referral/send", data={**data, "path": "1", "step": "1"})
    assert refused.status_code == 400
    assert "Consent: the client has to agree" in refused.get_data(as_text=True)
    assert dump(path) == before
    sent = client.post(
        "/referral/send",
        data={
            **data,
            "path": "1",
            "step": "1",
            "consent": "y",
            "from_organisation": "women-centre",
        },
    )
    assert sent.status_code == 200, sent.get_data(as_text=True)
    code = re.search(r'id="client-code">([A-Z0-9-]+)<', sent.get_data(as_text=True)).group(1)
    db = open_db(path)
    row = db.execute("SELECT client_code, offer_id, step FROM referrals").fetchone()
    profile = db.execute("SELECT age_band, neighbourhood FROM clients").fetchone()
    db.close()
    assert row == (code, "language", 1)
    assert profile == ("27-34", "n-west")
    sheet = client.post(
        "/referral/print", data={**data, "path": "1", "client_code": code, "sheet_language": "nl"}
    ).get_data(as_text=True)
    assert code in sheet
    assert "Ik ga ermee akkoord" in sheet  # the consent text in the client's language


def test_inbox_moves_status_records_rungs_and_the_client_page_erases(world):
    app, path = world
    sender = _client(app, "sender")
    _, data = _desk(sender)
    sender.post(
        "/referral/send",
        data={
            **data,
            "path": "1",
            "step": "1",
            "consent": "y",
            "from_organisation": "women-centre",
        },
    )
    db = open_db(path)
    rid, code = db.execute("SELECT id, client_code FROM referrals").fetchone()
    db.close()
    receiver = _client(app, "receiver")
    page = receiver.get("/manage/referrals/").get_data(as_text=True)
    assert code in page and "Received (inbox)" in page
    token = csrf(receiver, "/manage/referrals/")
    bad = receiver.post(
        f"/manage/referrals/{rid}/status", data={"csrf_token": token, "status": "declined"}
    )
    assert "Reason: choose one" in receiver.get(bad.headers["Location"]).get_data(as_text=True)
    for status in ("accepted", "started"):
        receiver.post(
            f"/manage/referrals/{rid}/status", data={"csrf_token": token, "status": status}
        )
    assert "started" in sender.get("/manage/referrals/").get_data(as_text=True)
    receiver.post(
        f"/manage/referrals/clients/{code}/rungs",
        data={"csrf_token": token, "rung": "3", "date": "2026-01-02", "back": "client"},
    )
    client_page = receiver.get(f"/manage/referrals/clients/{code}").get_data(as_text=True)
    assert "Social contacts" in client_page or "3 –" in client_page
    download = receiver.get(f"/manage/referrals/clients/{code}?format=json")
    assert download.get_json()["client_code"] == code
    assert "attachment" in download.headers["Content-Disposition"]
    editor = _client(app, "editor")
    assert editor.get("/manage/referrals/").status_code == 403
    assert editor.get(f"/manage/referrals/clients/{code}").status_code == 403
    before = dump(path)
    assert (
        receiver.post(
            f"/manage/referrals/clients/{code}/erase", data={"csrf_token": token}
        ).status_code
        == 302
    )
    assert dump(path) == before  # not confirmed: nothing erased
    receiver.post(
        f"/manage/referrals/clients/{code}/erase", data={"csrf_token": token, "confirm": "y"}
    )
    assert receiver.get(f"/manage/referrals/clients/{code}").status_code == 404
