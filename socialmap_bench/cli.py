"""``socialmap bench …`` and ``socialmap synth``: registered with the core command line
through the ``socialmap.commands`` entry points (the core never imports this package).

Speed targets live in these benchmarks, not in tests; each prints its figures and
PASS/FAIL.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import edit, search, store, web
from .options import data_dir_option, scale_option
from .synth_cli import synth_command as synth

__all__ = ["bench", "synth"]


@click.group("bench")
def bench() -> None:
    """Benchmarks on synthetic networks; each prints its figures and the targets.

    Example: socialmap bench route --scale city
    """


@click.command("route")
@scale_option("city: ~10,000 offers on Den Haag's wijken; state: ~250,000 on NRW's Kreise.")
@click.option(
    "--profiles",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Random realistic client profiles to route.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed of the network and the profiles."
)
@data_dir_option
def bench_route(scale: str, profiles: int, seed: int, data_dir: Path) -> None:
    """Time routing against a flat SQLite one-hop search and a compiled Dijkstra.

    Prints the time to ready (read + derive), route latency (p50/p95/max, goal
    reached or not), both peers' latency in the same run, the ratios, peak
    memory, and PASS/FAIL per target.

    Example: socialmap bench route --scale city --profiles 200
    """
    from .route import run_route_benchmark

    report = run_route_benchmark(
        scale, profiles=profiles, seed=seed, data_dir=data_dir, echo=click.echo
    )
    click.echo(report.summary())


@click.command("gaps")
@scale_option(
    "city: full analysis of 10,000 offers (≤ 10 s); state: duplicate detection "
    "on 250,000 offers (≤ 120 s, ≤ 4 GB)."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the network.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the routing runs [default: every CPU].",
)
@click.option(
    "--offers",
    type=click.IntRange(min=1),
    default=None,
    help="Network size instead of the scale's (e.g. 50000 on a busy machine).",
)
@data_dir_option
def bench_gaps(
    scale: str, seed: int, workers: int | None, offers: int | None, data_dir: Path
) -> None:
    """Time the network analysis on a synthetic network and check its duplicates.

    Prints the figures, the duplicate groups' precision and recall against the
    duplicates the generator planted, and PASS/FAIL per target.

    Example: socialmap bench gaps --scale state --offers 50000
    """
    from .gaps import run_gaps_benchmark

    result = run_gaps_benchmark(
        scale, seed=seed, data_dir=data_dir, workers=workers, offers=offers, echo=click.echo
    )
    click.echo(result.summary())


@click.command("outcomes")
@click.option(
    "--offers",
    type=click.IntRange(min=50),
    default=800,
    show_default=True,
    help="Size of the synthetic network (Den Haag's wijken).",
)
@click.option(
    "--profiles",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Client profiles routed three ways.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of everything.")
@data_dir_option
def bench_outcomes(offers: int, profiles: int, seed: int, data_dir: Path) -> None:
    """Do outcomes teach the routing? Compare the true chance of completing the path
    recommended with outcomes (from 100, 1,000 and 10,000 simulated referrals) vs the
    static costs vs the oracle (the true shares known), and print PASS/FAIL.

    Example: socialmap bench outcomes --offers 800 --profiles 1000
    """
    from socialmap.store import open_db

    from .data import synthetic_database
    from .outcomes import run_outcomes_benchmark

    db_path = synthetic_database(data_dir, "city", seed + 1, click.echo, offers=offers)
    db = open_db(db_path)
    try:
        report = run_outcomes_benchmark(
            db, "den-haag", profiles=profiles, seed=seed, echo=click.echo
        )
    finally:
        db.close()
    click.echo(report.summary())


for _command in (
    *store.BENCH_COMMANDS,
    bench_route,
    bench_gaps,
    bench_outcomes,
    *web.BENCH_COMMANDS,
    *edit.BENCH_COMMANDS,
    *search.BENCH_COMMANDS,
):
    bench.add_command(_command)
