"""A gunicorn server for the benchmarks and the tests, and Debian's chromium to look at it.

:func:`gunicorn_server` runs ``socialmap serve``'s own command line
(:func:`socialmap.server.gunicorn_command`) in a child process on a
:func:`free_port` and returns once ``/healthz`` answers (the routing model is
loaded).  Pages are looked at with Debian's chromium (:data:`CHROMIUM`,
:data:`CHROMIUM_ARGS`).  Loopback only.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from socialmap.errors import SocialmapError
from socialmap.server import app_environment, gunicorn_command

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "free_port", "gunicorn_server", "http_get"]

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
