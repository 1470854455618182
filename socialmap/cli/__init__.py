"""The ``socialmap`` command line: one click group, thin commands over the library.

Each command parses its options, calls one library function and prints the
result.  A :class:`~socialmap.errors.SocialmapError` becomes a one-line error on
stderr and exit code 1 — never a traceback.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

import click

from ..errors import SocialmapError
from ..paths import default_db_path
from . import analysis, backup, data, network, referrals, route, serve, users

__all__ = ["cli"]


class _Group(click.Group):
    """A group that reports socialmap's own errors as one clean line.

    Commands of other packages of the distribution (the benchmarks and synthetic
    networks of ``socialmap_bench``) join through the ``socialmap.commands`` entry
    points and are imported only when asked for: the core never imports them.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(e.name for e in _plugins())})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None:
            entry = next((e for e in _plugins() if e.name == name), None)
            command = entry.load() if entry is not None else None
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SocialmapError as exc:
            # One line whatever the message quotes (a value is shown by repr, a path is not).
            raise click.ClickException(" ".join(str(exc).splitlines())) from None


def _plugins() -> list[Any]:
    return list(entry_points(group="socialmap.commands"))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite database file [default: $SOCIALMAP_DB, else ./socialmap.db].",
)
@click.version_option(package_name="socialmap")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """socialmap — a social map with referral routing up the participation ladder.

    Example: socialmap --db city.db import data/demo/den-haag.json
    """
    ctx.obj = {"db": db or str(default_db_path())}


for _module in (data, backup, route, analysis, serve, users, network, referrals):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
