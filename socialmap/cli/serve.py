"""``socialmap serve``: run the web app under gunicorn, a production WSGI server.

The command only builds gunicorn's command line and replaces itself with it:
``socialmap`` never imports Flask or the ``web`` package.  The database path
reaches the app through ``SOCIALMAP_DB``; debug mode is never on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..store import open_db

__all__ = ["serve", "gunicorn_command", "COMMANDS"]

#: The WSGI app gunicorn loads (the factory of the ``web`` package).
APP = "web:create_app()"


def gunicorn_command(host: str, port: int, workers: int, *, access_log: bool = True) -> list[str]:
    """The gunicorn command line that serves the app.

    >>> gunicorn_command("127.0.0.1", 8000, 2)[-5:]
    ['--bind', '127.0.0.1:8000', '--workers', '2', 'web:create_app()']
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [sys.executable, "-m", "gunicorn", "--error-logfile", "-"]
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


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="gunicorn worker processes.",
)
@click.option("--no-access-log", is_flag=True, help="Do not print one line per request.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, no_access_log: bool) -> None:
    """Serve the map, the referral desk and the JSON API with gunicorn.

    Settings of the app come from SOCIALMAP_* environment variables, e.g.
    SOCIALMAP_TILES ("none", or "URL template|attribution") and
    SOCIALMAP_SECRET_KEY (default: a key file next to the database).

    Example: socialmap --db city.db serve --port 8000 --workers 2
    """
    db_path = Path(ctx.obj["db"]).resolve()
    open_db(db_path, create=False).close()  # a clear error now, not a 500 later
    env = dict(os.environ, SOCIALMAP_DB=str(db_path))
    command = gunicorn_command(host, port, workers, access_log=not no_access_log)
    click.echo(f"serving {db_path} on http://{host}:{port}/ with {workers} workers", err=True)
    os.execvpe(command[0], command, env)


COMMANDS = (serve,)
