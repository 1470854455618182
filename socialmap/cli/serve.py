"""``socialmap serve``: run the web app under gunicorn, a production WSGI server.

The command only builds gunicorn's command line (:mod:`socialmap.server`) and
replaces itself with it: ``socialmap`` never imports Flask or the ``web``
package.  The database path reaches the app through ``SOCIALMAP_DB``; debug
mode is never on.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..server import app_environment, gunicorn_command
from ..store import open_db

__all__ = ["serve", "COMMANDS"]


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
    command = gunicorn_command(host, port, workers, access_log=not no_access_log)
    click.echo(f"serving {db_path} on http://{host}:{port}/ with {workers} workers", err=True)
    os.execvpe(command[0], command, app_environment(db_path))


COMMANDS = (serve,)
