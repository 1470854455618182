"""``socialmap route`` and ``socialmap bench route``: referral paths for a client profile.

Thin commands: they read the profile, call :func:`socialmap.routing.referral_paths`
(or :func:`socialmap.routing.bench.run_route_benchmark`) and print the result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .. import graph
from ..errors import InvalidProfile
from ..routing import format_route, referral_paths
from .common import data_dir_option, get_db, scale_option

__all__ = ["route", "bench_route", "COMMANDS", "BENCH_COMMANDS"]


def _read_profile(source: str) -> Any:
    try:
        with click.open_file(source, encoding="utf-8") as handle:  # "-" is stdin
            text = handle.read()
    except OSError as exc:
        raise InvalidProfile("", f"cannot read {source!r} ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidProfile(
            "", f"{source!r} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


@click.command("route")
@click.option(
    "--profile",
    "profile_path",
    required=True,
    metavar="FILE",
    help="Client profile JSON (DESIGN.md, 'Routing contract'); '-' reads stdin.",
)
@click.option(
    "-k", type=click.IntRange(min=1), default=3, show_default=True, help="How many paths."
)
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON shape.")
@click.option(
    "--lang",
    type=click.Choice(["de", "nl", "en"]),
    default=None,
    help="Language of the reasons [default: the profile's 'lang', else en].",
)
@click.pass_context
def route(ctx: click.Context, profile_path: str, k: int, as_json: bool, lang: str | None) -> None:
    """Rank referral paths up the participation ladder for a client profile.

    Each step names the offer, organisation, address, distance, warm or cold
    handover and the reasons it fits; excluded offers carry the rules they fail.

    Example: socialmap --db city.db route --profile client.json -k 3 --lang nl
    """
    profile = _read_profile(profile_path)
    db = get_db(ctx)
    result = referral_paths(graph.build_graph(db), profile, k, lang=lang)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_route(result))


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
    """Time routing against a one-hop directory search on a synthetic network.

    Prints graph and index build times, route and search latency (p50/p95/max),
    their ratio, peak memory, and PASS/FAIL per target.

    Example: socialmap bench route --scale city --profiles 200
    """
    from ..routing.bench import run_route_benchmark

    report = run_route_benchmark(
        scale, profiles=profiles, seed=seed, data_dir=data_dir, echo=click.echo
    )
    click.echo(report.summary())


COMMANDS = (route,)
BENCH_COMMANDS = (bench_route,)
