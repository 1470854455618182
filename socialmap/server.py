"""The web app from the outside: gunicorn's command line, a gunicorn server, chromium.

``socialmap serve`` replaces itself with :func:`gunicorn_command`;
``socialmap bench web`` and the tests run :func:`gunicorn_server` in a child
process on a :func:`free_port` and look at pages with Debian's chromium
(:data:`CHROMIUM`, :data:`CHROMIUM_ARGS`).  The database path reaches the app
through ``SOCIALMAP_DB``; debug mode is never on.  This module never imports
Flask or the ``web`` package: the app only ever runs in gunicorn's processes.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import SocialmapError

__all__ = [
    "APP",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "app_environment",
    "free_port",
    "gunicorn_command",
    "gunicorn_server",
    "http_get",
]

#: The WSGI app gunicorn loads (the factory of the ``web`` package).
APP = "web:create_app()"
#: Debian's chromium, which Playwright drives (it downloads no browser).
CHROMIUM = "/usr/bin/chromium"
#: Headless, and nothing that talks to the internet on its own.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: What :func:`gunicorn_server` asks to know that the app answers (and its model is loaded).
_READY_PATH = "/healthz"
#: gunicorn's settings: preload the app (and its routing model) before the workers fork.
GUNICORN_CONFIG = "python:web.gunicorn_config"


def gunicorn_command(host: str, port: int, workers: int, *, access_log: bool = True) -> list[str]:
    """The gunicorn command line that serves the app.

    >>> gunicorn_command("127.0.0.1", 8000, 2)[-5:]
    ['--bind', '127.0.0.1:8000', '--workers', '2', 'web:create_app()']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        GUNICORN_CONFIG,
        "--error-logfile",
        "-",
    ]
    if _has_control_socket():
        # One fixed socket per user would clash between two servers (e.g. serve and bench).
        command.append("--no-control-socket")
    if access_log:
        # The access log holds method, path and status — never a request body (profiles
        # are only ever POSTed).
        command += ["--access-logfile", "-"]
    return [*command, "--bind", bind, "--workers", str(workers), APP]


def _has_control_socket() -> bool:
    """True for gunicorn versions with a control socket (on by default)."""
    try:
        from gunicorn.config import KNOWN_SETTINGS
    except ImportError:
        return False
    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


def app_environment(
    db_path: str | Path, settings: Mapping[str, str] | None = None
) -> dict[str, str]:
    """This process's environment plus the app's database and ``SOCIALMAP_*`` settings.

    >>> env = app_environment("city.db", {"SOCIALMAP_TILES": "none"})
    >>> env["SOCIALMAP_DB"], env["SOCIALMAP_TILES"]
    ('city.db', 'none')
    """
    return {**os.environ, "SOCIALMAP_DB": str(db_path), **(settings or {})}


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def http_get(host: str, port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    """``GET path`` from the server at ``host:port``; return its status and body."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def gunicorn_server(
    db_path: str | Path,
    port: int,
    workers: int,
    *,
    log: IO[bytes],
    host: str = "127.0.0.1",
    access_log: bool = True,
    settings: Mapping[str, str] | None = None,
    ready_within: float = 120.0,
    stop_within: float = 30.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Serve the app over ``db_path`` with gunicorn for the ``with`` block.

    Returns once the app answers; gunicorn's output (error and access log) goes
    to ``log`` — a file, not a pipe: a pipe nobody reads could fill up and block
    the server.  At the end gunicorn and its workers are stopped for sure.

    Raises
    ------
    SocialmapError
        If gunicorn exits or the app does not answer within ``ready_within`` s.
    """
    process = subprocess.Popen(
        gunicorn_command(host, port, workers, access_log=access_log),
        env=app_environment(db_path, settings),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: gunicorn and its workers
    )
    try:
        _wait_ready(process, host, port, log, ready_within)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=stop_within)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_ready(
    process: subprocess.Popen[bytes], host: str, port: int, log: IO[bytes], limit: float
) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            log.seek(0)
            errors = log.read().decode(errors="replace")
            raise SocialmapError(f"gunicorn exited ({process.returncode}): {errors[-800:]}")
        try:
            if http_get(host, port, _READY_PATH, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SocialmapError(f"the server did not answer within {limit:g} s")
