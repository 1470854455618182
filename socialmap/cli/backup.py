"""``socialmap backup`` and ``socialmap restore``: copies of the database.

Both only parse and print; the work is :mod:`socialmap.backup`'s.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import backup as backups

__all__ = ["COMMANDS"]


@click.command("backup")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The backup file.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def backup(ctx: click.Context, out: str, force: bool) -> None:
    """Write a consistent copy of the database, also while the server runs and writes.

    Example: socialmap --db city.db backup --out backups/city-2026-12-02.db
    """
    written = backups.backup_database(ctx.obj["db"], out, force=force)
    size = written.stat().st_size
    click.echo(f"backed up {ctx.obj['db']} to {written} ({size / 1e6:.1f} MB)")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def restore(ctx: click.Context, file: str) -> None:
    """Replace the database by a backup, once it is checked to be an intact socialmap database.

    A file that fails SQLite's integrity check, or is not a socialmap database,
    is refused and nothing changes.  Restart `socialmap serve` afterwards.

    Example: socialmap --db city.db restore backups/city-2026-12-02.db
    """
    restored = backups.restore_database(Path(file), ctx.obj["db"])
    click.echo(
        f"restored {restored.db} from {file}: {restored.regions} regions, {restored.offers} "
        "offers; restart 'socialmap serve' to load them"
    )


COMMANDS = (backup, restore)
