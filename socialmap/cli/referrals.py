"""``socialmap retention`` and ``socialmap outcomes``: the client records' lifetime and the
outcome aggregates (thin over :mod:`socialmap.referrals`)."""

from __future__ import annotations

import csv
import json
import sys

import click

from .. import referrals
from .common import get_db

__all__ = ["COMMANDS"]


@click.command("retention")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    default=None,
    help="Keep records this long after a client's last activity "
    "[default: $SOCIALMAP_RETENTION_MONTHS, else 24].",
)
@click.pass_context
def retention(ctx: click.Context, months: int | None) -> None:
    """Erase every client (code, referrals, rungs, history) with no activity for the
    retention period; the server runs this daily.

    Example: socialmap --db city.db retention --months 24
    """
    db = get_db(ctx)
    months = months or referrals.retention_months()
    erased = referrals.expire(db, months)
    click.echo(f"erased {erased} client(s) without activity for {months} months")


@click.command("outcomes")
@click.option("--region", required=True, help="The region's id.")
@click.option(
    "--by",
    type=click.Choice(referrals.GROUPINGS),
    default="offer",
    show_default=True,
    help="What to group the referrals by.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="JSON rows or CSV.",
)
@click.pass_context
def outcomes(ctx: click.Context, region: str, by: str, fmt: str) -> None:
    """What became of the region's referrals: every count below 5 as "<5", shares from
    fewer than 5 withheld, no client codes.

    Example: socialmap --db city.db outcomes --region den-haag --by link --format csv
    """
    rows = referrals.outcome_table(get_db(ctx), region, by)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


COMMANDS = (retention, outcomes)
