"""Referrals in the core library: consent, privacy refusals, the status ladder, rungs,
follow-ups, export, erasure with secure_delete, retention and suppressed outcomes."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from builders import tiny_dataset

from socialmap import editing, referrals
from socialmap.dataset.reader import Document
from socialmap.errors import EditError, NotFound, PermissionDenied
from socialmap.importer import import_document
from socialmap.store import open_db

UTC = dt.UTC


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "r.db")
    import_document(db, Document(tiny_dataset(), "testville.json"))
    editing.add_user(db, "sender@example.org", "caseworker", (), ("women-centre",))
    editing.add_user(db, "receiver@example.org", "caseworker", (), ("college",))
    editing.add_user(db, "third@example.org", "caseworker", (), ("municipality",))
    editing.add_user(db, "editor@example.org", "editor", (), ("college",))
    editing.add_user(db, "coord@example.org", "coordinator", ("testville",), ())
    yield db
    db.close()


def user(db, who):
    return editing.get_user(db, f"{who}@example.org")


def body(**extra):
    out = {
        "offer": "language",
        "from_organisation": "women-centre",
        "consent": True,
        "profile": {"age": 31, "rung": 2, "goal_rung": 4, "languages": ["nl", "ar"]},
        "path": ["coffee", "language", "volunteer"],
        "step": 2,
    }
    out.update(extra)
    return out


def rows(db):
    return {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
        for t in ("clients", "referrals", "referral_events", "client_rungs", "changes")
    }


def test_send_makes_a_code_stores_only_the_band_and_records_history(db):
    sent = referrals.send_referral(db, body(appointment_date="2026-12-10"), user=user(db, "sender"))
    assert sent["status"] == "sent"
    assert referrals.normal_code(sent["client_code"]) == sent["client_code"]
    assert sent["to_organisation"] == "college"
    assert sent["previous_organisation"] == "women-centre"
    assert sent["handover"] == "warm"  # women-centre refers to college
    assert sent["profile"] == {
        "age_band": "27-34",
        "rung": 2,
        "goal": 4,
        "languages": ["ar", "nl"],
    }
    stored = db.execute("SELECT * FROM clients").fetchall()
    assert "31" not in repr(stored)
    history = db.execute("SELECT action, record FROM changes").fetchall()
    assert history == [("send referral", f"referral:{sent['id']}")]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "consent"),
        ({"consent": None}, "consent"),
        ({"client": {"name": "Fatima Yilmaz"}}, "client.name"),
        ({"client": {"birth_date": "1990-04-01"}}, "client.birth_date"),
        ({"profile": {"rung": 2, "birth_date": "1990-04-01"}}, "profile.birth_date"),
        ({"profile": {"rung": 2, "address": "Plein 1"}}, "profile.address"),
        ({"profile": {"rung": 2, "phone": "0612345678"}}, "profile.phone"),
        ({"profile": {"email": "f@example.org"}}, "profile.email"),
        ({"profile": {"home": {"postcode": "2513"}}}, "profile.home"),
        ({"notes": "lives with her sister"}, "notes"),
        ({"profile": {"rung": 9}}, "profile.rung"),
        ({"profile": {"neighbourhood": "nowhere"}}, "profile.neighbourhood"),
        ({"offer": "no-such-offer"}, "offer"),
        ({"step": 3}, "step"),
        ({"appointment_date": "next week"}, "appointment_date"),
        ({"contact_person": "a\nb"}, "contact_person"),
    ],
)
def test_bad_or_personal_requests_are_refused_naming_the_field_and_write_nothing(db, change, field):
    before = rows(db)
    with pytest.raises(EditError) as caught:
        referrals.send_referral(db, body(**change), user=user(db, "sender"))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert "\n" not in str(caught.value)
    for secret in ("Fatima", "1990", "Plein", "0612", "sister"):
        assert secret not in str(caught.value)
    assert rows(db) == before


@pytest.mark.parametrize("who", ["editor", "coord", "receiver"])
def test_only_a_case_worker_of_the_sending_organisation_sends(db, who):
    before = rows(db)
    with pytest.raises(PermissionDenied):
        referrals.send_referral(db, body(), user=user(db, who))
    assert rows(db) == before


def test_the_status_ladder_is_enforced_and_only_the_receiver_moves_it(db):
    sent = referrals.send_referral(db, body(), user=user(db, "sender"))
    rid = sent["id"]
    with pytest.raises(PermissionDenied):
        referrals.move_referral(db, rid, {"status": "accepted"}, user=user(db, "sender"))
    with pytest.raises(NotFound):
        referrals.move_referral(db, rid, {"status": "accepted"}, user=user(db, "third"))
    before = rows(db)
    for wrong, field in [
        ({"status": "started"}, "status"),
        ({"status": "completed"}, "status"),
        ({"status": "declined"}, "reason"),
        ({"status": "declined", "reason": "too busy"}, "reason"),
        ({"status": "accepted", "reason": "other"}, "reason"),
        ({"status": "accepted", "note": "x"}, "note"),
    ]:
        with pytest.raises(EditError) as caught:
            referrals.move_referral(db, rid, wrong, user=user(db, "receiver"))
        assert caught.value.field == field
    assert rows(db) == before
    receiver = user(db, "receiver")
    for status in ("accepted", "started", "completed"):
        moved = referrals.move_referral(db, rid, {"status": status}, user=receiver)
    assert moved["status"] == "completed"
    assert [e["status"] for e in moved["events"]] == ["sent", "accepted", "started", "completed"]
    with pytest.raises(EditError, match="it is final"):
        referrals.move_referral(db, rid, {"status": "dropped_out"}, user=receiver)
    actions = [r[0] for r in db.execute("SELECT action FROM changes ORDER BY id")]
    assert actions == [
        "send referral",
        "referral accepted",
        "referral started",
        "referral completed",
    ]


def test_no_show_after_accepted_and_declined_with_a_reason(db):
    receiver = user(db, "receiver")
    one = referrals.send_referral(db, body(), user=user(db, "sender"))
    referrals.move_referral(db, one["id"], {"status": "accepted"}, user=receiver)
    assert (
        referrals.move_referral(db, one["id"], {"status": "no_show"}, user=receiver)["status"]
        == "no_show"
    )
    two = referrals.send_referral(db, body(), user=user(db, "sender"))
    declined = referrals.move_referral(
        db, two["id"], {"status": "declined", "reason": "no_capacity"}, user=receiver
    )
    assert (declined["status"], declined["reason"]) == ("declined", "no_capacity")


def test_lists_are_per_direction_and_for_case_workers_only(db):
    sent = referrals.send_referral(db, body(), user=user(db, "sender"))
    out = referrals.list_referrals(db, user=user(db, "sender"), direction="out")
    inbox = referrals.list_referrals(db, user=user(db, "receiver"), direction="in")
    assert [r["id"] for r in out] == [r["id"] for r in inbox] == [sent["id"]]
    assert referrals.list_referrals(db, user=user(db, "sender"), direction="in") == []
    assert referrals.list_referrals(db, user=user(db, "third"), direction="in") == []
    for who in ("editor", "coord"):
        with pytest.raises(PermissionDenied):
            referrals.list_referrals(db, user=user(db, who), direction="in")


def test_rungs_export_and_erase_with_secure_delete(db, tmp_path):
    sent = referrals.send_referral(db, body(), user=user(db, "sender"))
    code = sent["client_code"]
    referrals.move_referral(db, sent["id"], {"status": "accepted"}, user=user(db, "receiver"))
    rung = referrals.record_rung(
        db, code, {"rung": 3, "date": "2026-01-05"}, user=user(db, "receiver")
    )
    assert rung["organisation"] == "college"
    with pytest.raises(NotFound):
        referrals.record_rung(db, code, {"rung": 3}, user=user(db, "third"))
    with pytest.raises(EditError) as caught:
        referrals.record_rung(db, code, {"rung": 3, "date": "2999-01-01"}, user=user(db, "sender"))
    assert caught.value.field == "date"
    exported = referrals.export_client(db, code, user=user(db, "sender"))
    assert exported["client_code"] == code
    assert [r["id"] for r in exported["referrals"]] == [sent["id"]]
    assert exported["rungs"][0]["rung"] == 3
    assert [h["action"] for h in exported["history"]] == ["send referral", "referral accepted"]
    for who in ("third", "editor", "coord"):
        with pytest.raises(NotFound):
            referrals.export_client(db, code, user=user(db, who))
        with pytest.raises(NotFound):
            referrals.erase_client(db, code, user=user(db, who))
    assert referrals.erase_client(db, code, user=user(db, "receiver"))["erased"]
    assert rows(db)["clients"] == rows(db)["referrals"] == rows(db)["client_rungs"] == 0
    assert rows(db)["referral_events"] == rows(db)["changes"] == 0
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("r.db*"))
    assert code.encode() not in raw
    assert sent["id"].encode() not in raw


def test_retention_erases_clients_without_recent_activity(db):
    sender = user(db, "sender")
    old = referrals.send_referral(db, body(), user=sender, at=dt.datetime(2023, 1, 5, tzinfo=UTC))
    new = referrals.send_referral(db, body(), user=sender, at=dt.datetime(2026, 6, 5, tzinfo=UTC))
    assert referrals.expire(db, 24, today=dt.date(2026, 12, 1)) == 1
    codes = [r[0] for r in db.execute("SELECT code FROM clients")]
    assert codes == [new["client_code"]] != [old["client_code"]]
    assert referrals.retention_months({}) == 24
    assert referrals.retention_months({"SOCIALMAP_RETENTION_MONTHS": "6"}) == 6
    with pytest.raises(EditError):
        referrals.retention_months({"SOCIALMAP_RETENTION_MONTHS": "two"})


def test_overdue_counts_working_days_and_follow_ups_fall_due(db):
    sender, receiver = user(db, "sender"), user(db, "receiver")
    friday = dt.datetime(2026, 12, 4, 9, tzinfo=UTC)
    sent = referrals.send_referral(db, body(), user=sender, at=friday)
    assert referrals.overdue(db, ("college",), days=5, today=dt.date(2026, 12, 11)) == []
    assert referrals.overdue(db, ("women-centre",), days=5, today=dt.date(2026, 12, 14)) == [
        sent["id"]
    ]
    referrals.move_referral(db, sent["id"], {"status": "accepted"}, user=receiver, at=friday)
    referrals.move_referral(db, sent["id"], {"status": "started"}, user=receiver, at=friday)
    assert referrals.overdue(db, ("college",), days=5, today=dt.date(2027, 1, 14)) == []
    assert referrals.follow_ups(db, ("college",), today=dt.date(2027, 2, 1)) == []
    due = referrals.follow_ups(db, ("college",), today=dt.date(2027, 6, 10))
    assert [(d["months"], d["due"]) for d in due] == [(6, "2027-06-04")]
    referrals.record_rung(db, sent["client_code"], {"rung": 3, "date": "2026-12-04"}, user=receiver)
    referrals.record_rung(
        db,
        sent["client_code"],
        {"rung": 3, "date": "2027-06-08"},
        user=receiver,
        at=dt.datetime(2027, 6, 8, tzinfo=UTC),
    )
    assert referrals.follow_ups(db, ("college",), today=dt.date(2027, 6, 10)) == []


def _history(db, n_started, n_declined, *, offer="language", step=2):
    sender, receiver = user(db, "sender"), user(db, "receiver")
    for i in range(n_started + n_declined):
        r = referrals.send_referral(db, body(step=step, offer=offer), user=sender)
        if i < n_started:
            referrals.move_referral(db, r["id"], {"status": "accepted"}, user=receiver)
            referrals.move_referral(db, r["id"], {"status": "started"}, user=receiver)
        else:
            referrals.move_referral(
                db, r["id"], {"status": "declined", "reason": "no_capacity"}, user=receiver
            )


def test_outcomes_are_counted_per_handover_and_suppressed_below_five(db):
    _history(db, 8, 3)
    counts = referrals.handover_counts(db)
    assert counts.get("women-centre", "language") == (8, 11)
    table = referrals.outcome_table(db, "testville", "offer")
    (row,) = table
    assert row["offer"] == "language"
    assert (row["referred"], row["started"], row["share_started"]) == (11, 8, 0.727)
    assert row["completed"] == 0
    link = referrals.outcome_table(db, "testville", "link")[0]
    assert (link["from_organisation"], link["handover"]) == ("women-centre", "warm")
    assert "client" not in repr(table) and "client_code" not in repr(link)


def test_small_counts_show_as_less_than_five_and_their_shares_are_withheld(db):
    _history(db, 3, 1)
    (row,) = referrals.outcome_table(db, "testville", "offer")
    assert (row["referred"], row["started"], row["accepted"]) == ("<5", "<5", "<5")
    assert row["share_started"] is None and row["median_days_to_start"] is None
    for by in referrals.GROUPINGS:
        for line in referrals.outcome_table(db, "testville", by):
            for key, value in line.items():
                if isinstance(value, int) and key != "step":
                    assert value == 0 or value >= 5, (by, key, value)


def test_history_of_referrals_is_not_listed_with_the_map_edits(db):
    referrals.send_referral(db, body(), user=user(db, "sender"))
    assert editing.list_changes(db, user=user(db, "coord")) == []
    assert editing.web_changes_since_import(db, "testville") == 0


def test_erased_bytes_are_gone_even_after_status_updates(tmp_path):
    db = open_db(tmp_path / "s.db")
    import_document(db, Document(tiny_dataset(), "testville.json"))
    editing.add_user(db, "s@example.org", "caseworker", (), ("women-centre",))
    editing.add_user(db, "r@example.org", "caseworker", (), ("college",))
    s, r = editing.get_user(db, "s@example.org"), editing.get_user(db, "r@example.org")
    codes = []
    for _ in range(20):
        sent = referrals.send_referral(db, body(contact_person="Mr Contactperson"), user=s)
        referrals.move_referral(db, sent["id"], {"status": "accepted"}, user=r)
        codes.append(sent["client_code"])
    for code in codes:
        referrals.erase_client(db, code, user=r)
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))
    assert b"Contactperson" not in raw
    assert not any(code.encode() in raw for code in codes)
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_the_retention_command_erases_old_clients(db, tmp_path):
    from click.testing import CliRunner

    from socialmap.cli import cli

    sender = user(db, "sender")
    referrals.send_referral(db, body(), user=sender, at=dt.datetime(2020, 1, 5, tzinfo=UTC))
    recent = referrals.send_referral(db, body(), user=sender)
    path = db.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(cli, ["--db", path, "retention", "--months", "24"])
    assert result.exit_code == 0, result.output
    assert "erased 1 client(s)" in result.output
    assert [r[0] for r in db.execute("SELECT code FROM clients")] == [recent["client_code"]]
    csv_out = CliRunner().invoke(cli, ["--db", path, "outcomes", "--region", "testville"])
    assert csv_out.exit_code == 0 and recent["client_code"] not in csv_out.output
