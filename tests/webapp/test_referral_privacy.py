"""No personal data of a client anywhere: a name and a birth date planted in API requests
are refused, and then found neither in the database file, nor in the logs, nor in any
export; referrals, rungs and outcomes never appear in the dataset, CSV, HSDS or GeoJSON
exports."""

from __future__ import annotations

import logging
from pathlib import Path

from builders import tiny_dataset
from click.testing import CliRunner
from conftest import make_app
from test_write_api import auth
from web_datasets import import_dataset

from socialmap import editing
from socialmap.cli import cli
from socialmap.store import open_db

NAME = "Zenobia Quartermaine"
BIRTH = "1987-03-14"
PLANTED = (NAME, "Quartermaine", BIRTH, "14.03.1987", "14-03-1987")
NEW = {"offer": "language", "from_organisation": "women-centre", "consent": True}


def _bytes_of(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_planted_personal_data_is_refused_and_found_nowhere(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    db_path = import_dataset(tmp_path / "p.db", tiny_dataset())
    db = open_db(db_path)
    tokens = {}
    for who, organisation in (("sender", "women-centre"), ("receiver", "college")):
        editing.add_user(db, f"{who}@example.org", "caseworker", (), (organisation,))
        tokens[who] = editing.issue_token(db, f"{who}@example.org")
    db.close()
    client = make_app(db_path).test_client()
    sender, receiver = auth(tokens, "sender"), auth(tokens, "receiver")
    refused = [
        {**NEW, "client": {"name": NAME}},
        {**NEW, "client": {"birth_date": BIRTH}},
        {**NEW, "profile": {"rung": 2, "name": NAME, "birth_date": BIRTH}},
        {**NEW, "profile": {"rung": 2, "date_of_birth": BIRTH}},
        {**NEW, "notes": f"{NAME}, born {BIRTH}"},
        {**NEW, "profile": {"rung": 2}, "first_name": "Zenobia", "last_name": "Quartermaine"},
    ]
    for body in refused:
        answer = client.post("/api/referrals", json=body, headers=sender)
        assert answer.status_code == 400
        assert not any(p in answer.get_data(as_text=True) for p in PLANTED)
    sent = client.post(
        "/api/referrals", json={**NEW, "profile": {"rung": 2, "age": 38}}, headers=sender
    ).get_json()
    code, rid = sent["client_code"], sent["id"]
    url = f"/api/referrals/{rid}"
    assert (
        client.patch(url, json={"status": "accepted", "note": NAME}, headers=receiver).status_code
        == 400
    )
    assert client.patch(url, json={"status": "accepted"}, headers=receiver).status_code == 200
    rung_url = f"/api/clients/{code}/rungs"
    assert (
        client.post(rung_url, json={"rung": 3, "name": NAME}, headers=receiver).status_code == 400
    )
    assert client.post(rung_url, json={"rung": 3}, headers=receiver).status_code == 201

    stored = _bytes_of(tmp_path)
    assert code.encode() in stored  # the scan sees what is stored …
    for planted in PLANTED:  # … and the planted data is not
        assert planted.encode() not in stored, planted
    assert not any(p in caplog.text for p in PLANTED)
    assert code not in caplog.text

    for fmt in ("dataset", "csv", "hsds", "geojson"):
        out = tmp_path / "exports" / fmt / ("out.json" if fmt in ("dataset", "geojson") else "out")
        out.parent.mkdir(parents=True)
        result = CliRunner().invoke(
            cli, ["--db", str(db_path), "export", "--format", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        exported = _bytes_of(out.parent)
        assert exported, fmt
        for secret in (*PLANTED, code, rid, "client_code", "age_band", "dropped_out"):
            assert secret.encode() not in exported, (fmt, secret)
