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
@click.option("--offers", "-n", type=click.IntRange(min=1), required=True, help="Number of offers.")
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
    required=True,
    help="Dataset JSON file to write.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Reference date for funding and verification dates (default: today).",
)
def synth_command(offers: int, seed: int, region: str, out: Path, today: datetime | None) -> None:
    """Write a synthetic socialmap-dataset/1 network for scale tests and demos.

    Organisations, locations and referral links scale with the number of
    offers; locations lie inside the region's real polygons.  All ids start
    with "s-" and the region id is "synth-<region>", so the result can be
    imported next to the demo regions.  About 1.5 % of the offers are planted
    duplicates (another organisation's re-entry with small edits), listed in
    <out>.planted.json beside the dataset, e.g. city.planted.json.

    Example: socialmap synth --offers 10000 --seed 1 --region den-haag --out city.json
    """
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


#: Registered on the ``socialmap`` group by :mod:`socialmap.cli`.
COMMANDS = (synth_command,)
