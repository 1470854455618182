"""``socialmap synth``: write a synthetic social map of any size to a JSON file.

Only parses options, shows progress and turns errors into one line; the work
is :func:`socialmap_bench.synth.write_synthetic`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from tqdm import tqdm

from socialmap.errors import SocialmapError
from socialmap_bench.synth import REGIONS, write_synthetic

__all__ = ["COMMANDS", "synth_command"]

#: Above this many offers a progress bar is shown on stderr.
_PROGRESS_ABOVE = 5000


@click.command("synth")
@click.option("--offers", "-n", type=click.IntRange(min=1), default=None, help="Number of offers.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same file.")
@click.option(
    "--region",
    type=click.Choice(REGIONS),
    default="den-haag",
    show_default=True,
    help="Polygons, language and country of the network.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Dataset JSON file to write.",
)
@click.option(
    "--outcomes",
    type=click.IntRange(min=1),
    default=None,
    help="Instead of a network: write this many referrals with outcomes into --db, drawn "
    "from hidden true start probabilities (kept in --truth, apart from the data).",
)
@click.option(
    "--truth",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where --outcomes keeps the true probabilities [default: <db>.truth.json].",
)
@click.pass_context
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Reference date for funding and verification dates (default: today).",
)
def synth_command(
    ctx: click.Context,
    offers: int | None,
    seed: int,
    region: str,
    out: Path | None,
    today: datetime | None,
    outcomes: int | None,
    truth: Path | None,
) -> None:
    """Write a synthetic socialmap-dataset/1 network for scale tests and demos, or (with
    --outcomes) a synthetic referral history into the database.

    Organisations, locations and referral links scale with the number of
    offers; locations lie inside the region's real polygons.  All ids start
    with "s-" and the region id is "synth-<region>", so the result can be
    imported next to the demo regions.  About 1.5 % of the offers are planted
    duplicates (another organisation's re-entry with small edits), listed in
    <out>.planted.json beside the dataset, e.g. city.planted.json.

    With --outcomes N, N referrals of clients routed with the static cost model
    are written into --db (through the referral write path, dated over the last
    eleven months), each step started with a hidden true probability per
    handover; the truth is written to --truth, never into the database.

    Example: socialmap synth --offers 10000 --seed 1 --region den-haag --out city.json
    """
    if outcomes is not None:
        _synth_outcomes(ctx, outcomes, seed, region, truth, today)
        return
    if offers is None or out is None:
        raise click.UsageError("--offers and --out are needed (or --outcomes)")
    with tqdm(
        total=offers, unit="offer", file=sys.stderr, disable=offers <= _PROGRESS_ABOVE
    ) as bar:
        try:
            write_synthetic(
                out,
                offers,
                seed=seed,
                region=region,
                today=today.date() if today else None,
                progress=bar.update,
            )
        except SocialmapError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            raise click.ClickException(f"Cannot write {str(out)!r}: {exc.strerror or exc}") from exc


def _synth_outcomes(
    ctx: click.Context,
    n: int,
    seed: int,
    region: str,
    truth_file: Path | None,
    today: datetime | None,
) -> None:
    from socialmap.referrals.synthetic import Truth, simulate, truth_path, write_history
    from socialmap.routing.index import load_index
    from socialmap.store import open_db

    from .outcomes import region_profiles

    db_path = Path(ctx.obj["db"])
    try:
        db = open_db(db_path, create=False)
        index = load_index(db)
        if not index.n:
            raise click.ClickException(f"{db_path}: no offers to refer to (import a network)")
        truth = Truth.draw(index, seed)
        target = truth_file or truth_path(db_path)
        truth.save(target)
        history = simulate(index, truth, n, seed, region_profiles(index, region))
        written = write_history(db, history, today=today.date() if today else None, seed=seed)
    except SocialmapError as exc:
        raise click.ClickException(str(exc)) from exc
    started = sum(r.started for r in history)
    click.echo(f"wrote {written:,} referrals ({started:,} started) into {db_path}")
    click.echo(f"true start probabilities: {target}")


#: Registered on the ``socialmap`` group by :mod:`socialmap.cli`.
COMMANDS = (synth_command,)
