"""`socialmap serve`: gunicorn with 2 workers — shared CSRF key, no profile in the access log."""

from __future__ import annotations

import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import wait_until

from socialmap.cli import cli
from socialmap.server import gunicorn_command
from socialmap_bench.server import free_port, gunicorn_server

MARKER_POSTCODE = "2513 XQ"  # a client detail to look for in the logs


def test_gunicorn_command():
    command = gunicorn_command("127.0.0.1", 8123, 2)
    assert command[:3] == [sys.executable, "-m", "gunicorn"]
    assert command[-5:] == ["--bind", "127.0.0.1:8123", "--workers", "2", "web:create_app()"]
    assert "--access-logfile" in command
    assert "--access-logfile" not in gunicorn_command("::1", 80, 1, access_log=False)
    assert "[::1]:80" in gunicorn_command("::1", 80, 1)


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_serve_execs_gunicorn_with_the_database(tiny_db, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "execvpe", lambda *args: calls.append(args))
    result = CliRunner().invoke(cli, ["--db", str(tiny_db), "serve", "--port", "8124"])
    assert result.exit_code == 0, result.output
    ((program, command, env),) = calls
    assert command[-1] == "web:create_app()" and "127.0.0.1:8124" in command
    assert env["SOCIALMAP_DB"] == str(Path(tiny_db).resolve())


@pytest.fixture
def gunicorn(writable_tiny_db, tmp_path, monkeypatch):
    """The app under gunicorn with 2 workers and an access log, as `socialmap serve` runs it
    (over a copy of the tiny database: a test edits it)."""
    monkeypatch.delenv("SOCIALMAP_SECRET_KEY", raising=False)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    settings = {"SOCIALMAP_TILES": "none"}
    with (
        log.open("w+b") as sink,
        gunicorn_server(
            writable_tiny_db, port, 2, log=sink, settings=settings, ready_within=60, stop_within=15
        ),
    ):
        yield f"http://127.0.0.1:{port}", log


def _browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def test_forms_work_across_both_workers_and_the_profile_is_not_logged(gunicorn):
    base, log = gunicorn
    for _ in range(12):  # many round trips: each worker signs and checks tokens
        opener = _browser()
        page = opener.open(base + "/referral/?lang=en", timeout=10).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = {
            "csrf_token": token,
            "rung": "1",
            "goal_rung": "6",
            "age": "43",
            "gender": "female",
            "residence_status": "tolerated",
            "work_ban": "temporary",
            "languages": "tr",
            "postcode": MARKER_POSTCODE,
            "online_ok": "y",
            "sheet_language": "de",
            "k": "3",
        }
        body = urllib.parse.urlencode(form).encode()
        response = opener.open(base + "/referral/", data=body, timeout=30)
        assert response.status == 200
        assert "Koffieochtend" in response.read().decode()
    wait_until(
        lambda: log.read_text().count('"POST /referral/ HTTP/1.1" 200') >= 12,
        timeout=10,
        what="the 12 POSTs in gunicorn's access log",
    )
    text = log.read_text()
    assert text.count('"POST /referral/ HTTP/1.1" 200') == 12
    for detail in (
        MARKER_POSTCODE,
        urllib.parse.quote_plus(MARKER_POSTCODE),
        "tolerated",
        "residence_status",
        "age=43",
        "csrf_token",
    ):
        assert detail not in text, detail


def _health(base: str) -> dict:
    import json

    with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
        return json.loads(response.read())


def test_an_edit_reaches_the_model_of_every_worker_within_two_seconds(gunicorn, writable_tiny_db):
    """Both workers share the preloaded model and follow the change feed on their own."""
    from concurrent.futures import ThreadPoolExecutor

    from socialmap.store import log_change, open_db, write

    base, _ = gunicorn
    first = _health(base)
    assert first["ready"] is True and first["offers"] > 0
    db = open_db(writable_tiny_db)
    offer, region = db.execute("SELECT id, region FROM offers ORDER BY id LIMIT 1").fetchone()
    with write(db):
        db["offers"].update(offer, {"leads_to": 6})
        log_change(db, "offer", offer, region)
    version = db.execute("SELECT max(seq) FROM record_changes").fetchone()[0]
    db.close()
    edited = time.monotonic()
    seen: dict[int, float] = {}

    def both_workers_have_it(pool: ThreadPoolExecutor) -> bool:
        for status in pool.map(lambda _: _health(base), range(8)):
            if status["seq"] >= version:
                seen.setdefault(status["pid"], time.monotonic() - edited)
        return len(seen) == 2

    with ThreadPoolExecutor(4) as pool:
        wait_until(
            lambda: both_workers_have_it(pool), timeout=10, what="both workers on the new model"
        )
    assert len(seen) == 2, seen  # both workers answered with the new model
    assert max(seen.values()) < 2.0, seen
