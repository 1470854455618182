"""The web app from the outside: gunicorn's command line and environment.

``socialmap serve`` replaces itself with :func:`gunicorn_command`; the
benchmarks and the tests start the same command line through
:func:`socialmap_bench.server.gunicorn_server`.  The database path reaches the
app through ``SOCIALMAP_DB``; debug mode is never on.  This module never
imports Flask or the ``web`` package: the app only ever runs in gunicorn's
processes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["APP", "GUNICORN_CONFIG", "app_environment", "gunicorn_command"]

#: The WSGI app gunicorn loads (the factory of the ``web`` package).
APP = "web:create_app()"
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


#: glibc malloc settings for the workers (unless the environment sets them): arrays
#: above 128 KB — a route's working arrays at state scale — always get their own
#: mapping and go back to the system when freed, instead of glibc raising its
#: threshold and keeping ~100 MB per worker after the first busy minute.
MALLOC_SETTINGS = {"MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_TRIM_THRESHOLD_": "131072"}


def app_environment(
    db_path: str | Path, settings: Mapping[str, str] | None = None
) -> dict[str, str]:
    """This process's environment plus the app's database and ``SOCIALMAP_*`` settings.

    >>> env = app_environment("city.db", {"SOCIALMAP_TILES": "none"})
    >>> env["SOCIALMAP_DB"], env["SOCIALMAP_TILES"], env["MALLOC_MMAP_THRESHOLD_"]
    ('city.db', 'none', '131072')
    """
    return {**MALLOC_SETTINGS, **os.environ, "SOCIALMAP_DB": str(db_path), **(settings or {})}
