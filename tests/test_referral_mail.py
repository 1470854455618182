"""Referral notifications through a real SMTP server: the receiving case workers hear of a
new referral, the sending ones of a new status — a link, nothing about the client."""

from __future__ import annotations

import pytest
from builders import tiny_dataset
from mailserver import MailServer

from socialmap import editing, referrals
from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.mail import parse_smtp_url
from socialmap.referrals.notify import notify, referral_mails
from socialmap.store import open_db

ENV = {"SOCIALMAP_PUBLIC_URL": "https://map.example.org"}


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "n.db")
    import_document(db, Document(tiny_dataset(), "testville.json"))
    editing.add_user(db, "sender@example.org", "caseworker", (), ("women-centre",))
    editing.add_user(db, "receiver@example.org", "caseworker", (), ("college",))
    editing.add_user(db, "editor@example.org", "editor", (), ("college",))
    yield db
    db.close()


def test_mails_carry_a_link_and_nothing_about_the_client(db, monkeypatch):
    monkeypatch.setenv("SOCIALMAP_PUBLIC_URL", "https://map.example.org")
    sender = editing.get_user(db, "sender@example.org")
    sent = referrals.send_referral(
        db,
        {
            "offer": "language",
            "from_organisation": "women-centre",
            "consent": True,
            "profile": {"rung": 2, "age": 44, "languages": ["tr"]},
            "appointment_date": "2026-12-20",
        },
        user=sender,
    )
    with MailServer() as smtp:
        settings = parse_smtp_url(smtp.url, "map@example.org")
        assert notify(db, sent, "sent", settings) == 1
        receiver = editing.get_user(db, "receiver@example.org")
        moved = referrals.move_referral(db, sent["id"], {"status": "accepted"}, user=receiver)
        assert notify(db, moved, "status", settings) == 1
        smtp.wait_for(2)
        (first_to,), (second_to,) = (rcpt for _, rcpt in smtp.envelopes)
        assert (first_to, second_to) == ("receiver@example.org", "sender@example.org")
        for message in smtp.messages:
            text = message.get_content() + str(message["Subject"])
            assert "https://map.example.org/manage/referrals/" in text
            for secret in (
                sent["client_code"],
                sent["id"],
                "2026-12-20",
                "35-49",
                "Taalcursus",
            ):
                assert secret not in text, secret
        assert "ROC Testville" in str(smtp.messages[0]["Subject"])
        assert "Vrouwencentrum" in str(smtp.messages[1]["Subject"])


def test_in_the_regions_language_and_nothing_without_smtp(db):
    mails = referral_mails(
        db,
        {"to_organisation": "college", "from_organisation": "women-centre", "region": "testville"},
        "sent",
        ENV,
    )
    assert [m.to for m in mails] == ["receiver@example.org"]
    assert "verwijzing" in mails[0].subject  # Testville speaks Dutch
    assert notify(db, {"to_organisation": "college", "region": "testville"}, "sent") == 0


def test_the_api_notifies_the_receiving_case_workers(db, tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "webapp"))
    from conftest import make_app

    token = editing.issue_token(db, "sender@example.org")
    path = db.execute("PRAGMA database_list").fetchone()[2]
    with MailServer() as smtp:
        monkeypatch.setenv("SOCIALMAP_SMTP_URL", smtp.url)
        monkeypatch.setenv("SOCIALMAP_MAIL_FROM", "map@example.org")
        client = make_app(Path(path)).test_client()
        answer = client.post(
            "/api/referrals",
            json={"offer": "language", "from_organisation": "women-centre", "consent": True},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.status_code == 201
        smtp.wait_for(1)
        assert smtp.envelopes[0][1] == ["receiver@example.org"]
        assert answer.get_json()["client_code"] not in smtp.messages[0].get_content()
