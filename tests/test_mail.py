"""Mail through a real SMTP server started by the tests: invitations, password reset links,
and the reminders of `socialmap remind` (dry run, idempotent within a week)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from builders import tiny_dataset
from click.testing import CliRunner
from mailserver import MailServer

from socialmap import editing
from socialmap.cli import cli
from socialmap.dataset.reader import Document
from socialmap.editing import resets
from socialmap.errors import EditError, NotFound
from socialmap.importer import import_document
from socialmap.mail import Mail, MailError, parse_smtp_url, send
from socialmap.network.reminders import plan_reminders
from socialmap.store import open_db

NO_SMTP = {"SOCIALMAP_SMTP_URL": "", "SOCIALMAP_PUBLIC_URL": "https://map.example.org"}


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "mail.db"
    db = open_db(path)
    import_document(db, Document(tiny_dataset(), source="tiny.json"))
    db.close()
    return path


@pytest.fixture
def smtp():
    with MailServer() as server:
        yield server


def run(db_path, *args, env=None):
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args], env=env or NO_SMTP)
    return result


def rows(db_path, table):
    db = open_db(db_path)
    try:
        return list(db.table(table).rows)
    finally:
        db.close()


# --- sending ---------------------------------------------------------------------------------


def test_a_mail_arrives_with_login_sender_and_utf8_text():
    with MailServer(login=("anna", "s@cret")) as server:
        settings = parse_smtp_url(
            f"smtp://anna:s%40cret@127.0.0.1:{server.port}", "Sozialatlas <map@example.org>"
        )
        sent = send(settings, [Mail("jan@example.org", "Grüße", "Één regel\nzweite Zeile")])
        (message,) = server.wait_for(1)
    assert sent == 1
    assert message["To"] == "jan@example.org" and message["Subject"] == "Grüße"
    assert message["From"] == "Sozialatlas <map@example.org>"
    assert message.get_content().strip().splitlines() == ["Één regel", "zweite Zeile"]


def test_a_refused_login_is_one_line_naming_the_server():
    with MailServer(login=("anna", "right")) as server:
        settings = parse_smtp_url(f"smtp://anna:wrong@127.0.0.1:{server.port}", "map@example.org")
        with pytest.raises(MailError) as caught:
            send(settings, [Mail("jan@example.org", "x", "y")])
        assert server.messages == []
    assert f"127.0.0.1:{server.port}" in str(caught.value) and "\n" not in str(caught.value)


def test_an_unreachable_server_is_a_clear_error(db_path):
    with MailServer() as server:
        port = server.port
    env = {"SOCIALMAP_SMTP_URL": f"smtp://127.0.0.1:{port}", "SOCIALMAP_MAIL_FROM": "m@example.org"}
    result = run(db_path, "users", "reset", "nobody@example.org", env=env)
    assert result.exit_code == 1  # unknown address: refused before any mail
    editing_db = open_db(db_path)
    editing.add_user(editing_db, "jan@example.org", "admin")
    editing_db.close()
    result = run(db_path, "users", "reset", "jan@example.org", env=env)
    assert result.exit_code == 1 and f"mail: 127.0.0.1:{port}" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "url, sender",
    [("http://mail.example.org", "m@example.org"), ("smtp://mail.example.org", None)],
)
def test_bad_settings_name_the_variable(db_path, url, sender):
    env = {"SOCIALMAP_SMTP_URL": url, **({"SOCIALMAP_MAIL_FROM": sender} if sender else {})}
    result = run(db_path, "users", "add", "x@example.org", "--role", "admin", env=env)
    assert result.exit_code == 1
    assert "SOCIALMAP_SMTP_URL" in result.output or "SOCIALMAP_MAIL_FROM" in result.output
    assert rows(db_path, "users") == []  # nothing half-done


# --- invitations and password reset ----------------------------------------------------------


def test_users_add_mails_the_invitation_in_the_regions_language(db_path, smtp):
    env = {**smtp.env(), "SOCIALMAP_PUBLIC_URL": "https://map.example.org"}
    result = run(
        db_path, "users", "add", "Anna@Example.org", "--role", "editor",
        "--organisation", "college", env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "mailed" in result.output and "/account/invite/" not in result.output
    (message,) = smtp.wait_for(1)
    assert message["To"] == "anna@example.org"
    body = message.get_content()
    assert "wachtwoord" in body  # Testville speaks Dutch
    token = re.search(r"https://map\.example\.org/account/invite/(\S+)", body).group(1)
    db = open_db(db_path)
    user = editing.accept_invitation(db, token, "a long password")
    assert user.email == "anna@example.org"


def test_without_smtp_users_add_prints_the_link(db_path):
    result = run(db_path, "users", "add", "anna@example.org", "--role", "admin")
    assert result.exit_code == 0
    assert re.search(r"https://map\.example\.org/account/invite/\S+", result.output)


def test_reset_link_by_mail_sets_a_new_password_once(db_path, smtp):
    db = open_db(db_path)
    editing.accept_invitation(
        db, editing.add_user(db, "jan@example.org", "coordinator", ("testville",)), "old password!"
    )
    env = {**smtp.env(), "SOCIALMAP_PUBLIC_URL": "https://map.example.org"}
    result = run(db_path, "users", "reset", "JAN@example.org", env=env)
    assert result.exit_code == 0 and "mailed" in result.output
    (message,) = smtp.wait_for(1)
    token = re.search(r"/account/reset/(\S+)", message.get_content()).group(1)
    stored = rows(db_path, "password_resets")
    assert token not in str(stored)  # only its hash is kept
    with pytest.raises(EditError, match="password"):
        resets.reset_password(db, token, "short")
    resets.reset_password(db, token, "a brand new password")
    assert editing.check_password(db, "jan@example.org", "a brand new password")
    assert editing.check_password(db, "jan@example.org", "old password!") is None
    with pytest.raises(NotFound):
        resets.reset_password(db, token, "another new password")  # used up


def test_reset_without_smtp_prints_the_link_and_unknown_addresses_get_none(db_path):
    db = open_db(db_path)
    editing.add_user(db, "jan@example.org", "admin")
    result = run(db_path, "users", "reset", "jan@example.org")
    assert result.exit_code == 0 and "https://map.example.org/account/reset/" in result.output
    assert resets.request_reset(db, "nobody@example.org") is None
    editing.disable_user(db, "jan@example.org")
    assert resets.request_reset(db, "jan@example.org") is None


def test_an_expired_reset_link_is_refused(db_path):
    db = open_db(db_path)
    editing.add_user(db, "jan@example.org", "admin")
    _user, token = resets.request_reset(db, "jan@example.org")
    db.execute("UPDATE password_resets SET expires_at = '2000-01-01T00:00:00+00:00'")
    db.conn.commit()
    with pytest.raises(NotFound, match="expired"):
        resets.reset_password(db, token, "a brand new password")


# --- reminders ----------------------------------------------------------------------------------


def _editors(db_path):
    db = open_db(db_path)
    editing.add_user(db, "ed@college.example", "editor", organisations=("college",))
    editing.add_user(db, "wc@women.example", "editor", organisations=("women-centre",))
    editing.add_user(db, "gone@college.example", "editor", organisations=("college",))
    editing.disable_user(db, "gone@college.example")
    db.close()


def test_remind_dry_run_prints_and_neither_sends_nor_stores(db_path, smtp):
    _editors(db_path)
    result = run(db_path, "remind", "--dry-run", env={**smtp.env(), **NO_SMTP})
    assert result.exit_code == 0, result.output
    assert "To: ed@college.example" in result.output and "Taalcursus" in result.output
    assert "gone@college.example" not in result.output  # disabled
    assert "2 reminder(s) would be sent" in result.output
    assert "municipality: entries due, but no editor" in result.output
    assert rows(db_path, "reminders_sent") == [] and smtp.messages == []


def test_remind_sends_each_editor_their_entries_once_a_week(db_path, smtp):
    _editors(db_path)
    env = {**smtp.env(), "SOCIALMAP_PUBLIC_URL": "https://map.example.org"}
    result = run(db_path, "remind", env=env)
    assert result.exit_code == 0, result.output
    assert "2 reminder(s) sent" in result.output
    messages = {m["To"]: m for m in smtp.wait_for(2)}
    college = messages["ed@college.example"].get_content()
    assert "ROC Testville" in messages["ed@college.example"]["Subject"]
    assert "Taalcursus" in college and "Koffieochtend" not in college
    assert "Taalcursus → Vrijwilligerswerk" in college  # the link not confirmed for 12 months
    assert "https://map.example.org/network/confirm/college" in college
    women = messages["wc@women.example"].get_content()
    assert "Vrouwencentrum" in women and "2024-01-01" in women
    # women-centre → college was confirmed 2026-03-01: not due
    assert "ROC Testville" not in women
    # a second run in the same week sends nothing
    again = run(db_path, "remind", env=env)
    assert again.exit_code == 0 and "0 reminder(s) sent" in again.output
    assert len(smtp.messages) == 2 and len(rows(db_path, "reminders_sent")) == 2
    # eight days later the reminders are due again
    db = open_db(db_path)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    assert len(plan_reminders(db, now=later)[0]) == 2


def test_remind_for_one_region_and_without_mail_server(db_path, smtp):
    _editors(db_path)
    assert "unknown region 'atlantis'" in run(db_path, "remind", "--region", "atlantis").output
    result = run(db_path, "remind", "--region", "testville")
    assert result.exit_code == 1 and "SOCIALMAP_SMTP_URL" in result.output
    assert "--dry-run" in result.output
    assert rows(db_path, "reminders_sent") == []


def test_a_confirmed_organisation_gets_no_reminder(db_path, smtp):
    _editors(db_path)
    db = open_db(db_path)
    admin = editing.User("admin@example.org", "admin")
    editing.verify_organisation(db, "college", user=admin)
    editing.verify_offer(db, "language", user=admin)
    editing.confirm_referral_link(db, "language", "volunteer", user=admin)
    reminders, _ = plan_reminders(db, now=dt.datetime.now(dt.UTC))
    assert [r.to for r in reminders] == ["wc@women.example"]
