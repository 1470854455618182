"""`socialmap serve`: gunicorn with 2 workers — shared CSRF key, no profile in the access log."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.cli.serve import gunicorn_command

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def gunicorn(tiny_db, tmp_path):
    """The app under gunicorn with 2 workers and an access log, as `socialmap serve` runs it."""
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = dict(os.environ, SOCIALMAP_DB=str(tiny_db), SOCIALMAP_TILES="none")
    env.pop("SOCIALMAP_SECRET_KEY", None)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            gunicorn_command("127.0.0.1", port, 2),
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/offers?per_page=1", timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    else:
        _stop(process)
        pytest.fail(f"gunicorn did not start: {log.read_text()}")
    try:
        yield base, log
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers for sure (its own process group)."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


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
    time.sleep(0.5)
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
