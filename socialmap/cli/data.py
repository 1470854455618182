"""Commands that create, fill, describe and export the database."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
import tqdm

from .. import editing, graph, importer, store
from ..paths import data_dir
from ..referrals.demo import demo_caseworker, demo_history
from .common import get_db

PROGRESS_THRESHOLD = 5000  # records; smaller imports finish before a bar is worth drawing


@click.command("init-db")
@click.pass_context
def init_db(ctx: click.Context) -> None:
    """Create the database (or bring its schema up to date).

    Example: socialmap --db city.db init-db
    """
    db = get_db(ctx, create=True)
    applied = [m.name for m in store.migrations.applied(db)]
    click.echo(f"{ctx.obj['db']}: schema up to date ({', '.join(applied)})")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--region",
    help="Merge the files (HSDS of one publisher: its files, or the pages of its API) into "
    "this one region; a record given twice is kept once.",
)
@click.option(
    "--currency",
    help="The region's default currency (ISO 4217, e.g. EUR, GBP) for cost options that "
    "name none; never assumed without it.",
)
@click.option(
    "--geocode-online",
    is_flag=True,
    help="Geocode addresses without coordinates with OpenStreetMap Nominatim "
    "(needs the internet; 1 request/second). Default: offline postcode centroids.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not print warnings.")
@click.option(
    "--replace-web-changes",
    is_flag=True,
    help="Import even over a region edited on the web since its last import, replacing "
    "those edits (without it, such an import is refused).",
)
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    region: str | None,
    currency: str | None,
    geocode_online: bool,
    quiet: bool,
    replace_web_changes: bool,
) -> None:
    """Import datasets: socialmap-dataset/1 JSON, a CSV folder, or Open Referral HSDS.

    Each file is one region, imported all-or-nothing: an edited file replaces
    that region's records; the same file again changes nothing.  A region edited
    on the web since its last import is refused (naming the number of web
    changes) unless --replace-web-changes.

    Several files: every file's outcome is printed (imported, unchanged, or
    failed with the line).  Without --region the files are independent: a
    failed file does not stop the others, and the exit status is 1.  With
    --region R they are one region: if any file fails, nothing is written.

    Example: socialmap --db city.db import data/demo/den-haag.json
    """
    db = get_db(ctx, create=True)
    bars: list[Any] = []

    def progress_for(name: str) -> importer.Progress:
        def progress(done: int, total: int) -> None:
            if total < PROGRESS_THRESHOLD:
                return
            if not bars or bars[-1].desc != f"importing {name}":
                bars.append(
                    tqdm.tqdm(total=total, unit=" rows", desc=f"importing {name}", file=sys.stderr)
                )
            bars[-1].update(done - bars[-1].n)

        return progress

    try:
        outcomes = importer.import_paths(
            db,
            list(paths),
            region=region,
            currency=currency,
            online_geocoding=geocode_online,
            progress_for=progress_for,
            replace_web_changes=replace_web_changes,
        )
    finally:
        for bar in bars:
            bar.close()
    for outcome in outcomes:
        report = outcome.report
        if report is not None:
            if not quiet:
                for line in report.warnings:
                    click.echo(f"warning: {line}", err=True)
            for line in report.notes:
                click.echo(line)
            click.echo(report.summary())
        elif len(outcomes) > 1:
            click.echo(outcome.summary(), err=outcome.state == "failed")
    failed = [o for o in outcomes if o.state == "failed"]
    if failed:
        if len(outcomes) == 1:
            raise click.ClickException(failed[0].message)
        raise click.ClickException(
            f"{len(failed)} of {len(outcomes)} files failed (the others were imported)"
        )


@click.command("stats")
@click.option("--region", help="Only this region.")
@click.pass_context
def stats(ctx: click.Context, region: str | None) -> None:
    """Print record counts per table and the graph's nodes by kind and edges by type.

    Example: socialmap --db city.db stats
    """
    db = get_db(ctx)
    counts = store.table_counts(db)
    click.echo("tables:")
    for table, count in counts.items():
        click.echo(f"  {table:<28} {count:>9,}")
    summary = graph.graph_stats(graph.build_graph(db, region))
    for section in ("nodes", "edges"):
        click.echo(f"graph {section}:")
        for name, count in summary[section].items():
            click.echo(f"  {name:<28} {count:>9,}")


@click.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["dataset", "csv", "hsds", "geojson"]),
    default="dataset",
    show_default=True,
    help="dataset: socialmap-dataset/1 JSON; csv: one CSV per table; hsds: Open Referral "
    "HSDS 3.0; geojson: offers at their locations.",
)
@click.option("--out", required=True, type=click.Path(), help="Output file or folder.")
@click.option("--region", help="Only this region (default: every region).")
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing file, or write into a folder that is not empty: only the "
    "files the export writes are replaced, every other file is kept.",
)
@click.pass_context
def export(ctx: click.Context, format_: str, out: str, region: str | None, force: bool) -> None:
    """Export the database as a dataset, CSV folder, HSDS or GeoJSON.

    With several regions, --out is a folder holding one file (or folder) per region.
    An existing file, or a folder that is not empty, is written to only with --force.

    Example: socialmap --db city.db export --format dataset --out den-haag.json --region den-haag
    """
    from ..interop import export as export_to  # HSDS and its schemas load only when asked for

    written = export_to(get_db(ctx), format_, Path(out), region=region, force=force)
    click.echo(f"wrote {written}")


@click.command("demo")
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Load the shipped demo regions (Den Haag, Gladbeck) into the database, and print the
    one-time login links of a demo coordinator (both regions), a demo editor and a demo
    case worker (one organisation in each region); add a synthetic referral history so
    the coach page shows outcomes.

    Example: SOCIALMAP_DB=demo.db socialmap demo
    """
    db = get_db(ctx, create=True)
    for path in sorted((data_dir() / "demo").glob("*.json")):
        click.echo(importer.import_path(db, path).summary())
    base = (os.environ.get("SOCIALMAP_PUBLIC_URL") or "http://127.0.0.1:8000").rstrip("/")
    click.echo("Demo accounts (each link sets a password once, valid 7 days):")
    for email, role, token in editing.demo_accounts(db):
        click.echo(f"  {role:<12} {email}  {base}/account/invite/{token}")
    email, organisations, token = demo_caseworker(db)
    click.echo(f"  {'caseworker':<12} {email}  {base}/account/invite/{token}")
    click.echo(f"               (at {', '.join(organisations)})")
    written = demo_history(db)
    if written:
        click.echo(f"Synthetic referral history for the coach's outcomes: {written} referrals")


COMMANDS = (init_db, import_, stats, export, demo)
