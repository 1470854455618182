"""``socialmap route``: referral paths for a client profile.

Thin commands: they read the profile, call :func:`socialmap.routing.referral_paths`
and print the result (the route benchmark lives in :mod:`socialmap_bench`).
"""

from __future__ import annotations

import json
from typing import Any

import click

from .. import graph
from ..errors import InvalidProfile
from ..routing import format_route, referral_paths
from .common import get_db

__all__ = ["route", "COMMANDS"]


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


COMMANDS = (route,)
