"""The network coach's commands: ``socialmap gaps``, ``report`` and ``bench gaps``.

Thin commands over :mod:`socialmap.analysis`: parse options, build the graph,
call one library function, print or write its result.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..analysis import analyse, region_graph
from ..analysis.common import region_language
from ..analysis.outcomes import outcome_result
from ..analysis.report import render_report
from ..analysis.summary import format_summary
from .common import get_db

__all__ = ["gaps", "report", "COMMANDS"]

_LANGS = click.Choice(["en", "de", "nl"])


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


_region_option = click.option("--region", help="Only this region (default: every region).")
_date_option = click.option(
    "--date",
    "date_text",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Analyse as of this day: funding, 12-month staleness, 6-month cliffs [default: today].",
)
_client_option = click.option(
    "--client",
    "client_text",
    metavar="JSON",
    help="The client type for every group: profile fields such as "
    '\'{"languages": ["ar"], "max_distance_km": 3}\' [default: the typical client].',
)
_lang_option = click.option(
    "--lang",
    type=_LANGS,
    default=None,
    help="Language of the texts [default: the region's language; en for several regions].",
)


def _client(text: str | None) -> dict[str, object] | None:
    """The --client JSON object, or a one-line error naming the option."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON ({exc.msg})", param_hint="--client") from None
    if not isinstance(value, dict):
        raise click.BadParameter("expected a JSON object of profile fields", param_hint="--client")
    return value


def _language(G: object, lang: str | None) -> str:
    """The asked language, else the language of the only region analysed (else English)."""
    if lang:
        return lang
    languages = set(region_language(G).values())  # type: ignore[arg-type]
    found = languages.pop() if len(languages) == 1 else "en"
    return found if found in ("de", "nl", "en") else "en"


_workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes for the routing runs (chains, single points of failure).",
)


@click.command("gaps")
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON object.")
@_region_option
@_date_option
@_lang_option
@_client_option
@_workers_option
@click.pass_context
def gaps(
    ctx: click.Context,
    as_json: bool,
    region: str | None,
    date_text: dt.datetime | None,
    lang: str | None,
    client_text: str | None,
    workers: int,
) -> None:
    """Find gaps, broken chains, duplicates, weak links, funding cliffs and accessibility.

    Without --json prints a readable summary; with --json the object of
    DESIGN.md (gaps, broken_chains, duplicates, isolated_organisations,
    single_points_of_failure, stale, funding_cliffs, accessibility, and more).

    Example: socialmap --db city.db gaps --region gladbeck --client '{"languages": ["ar"]}'
    """
    G = region_graph(get_db(ctx), region)
    lang = _language(G, lang)
    client = _client(client_text)
    result = analyse(G, today=_date(date_text), lang=lang, workers=workers, client=client)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        click.echo(format_summary(G, result, lang=lang))


@click.command("report")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@_lang_option
@_region_option
@_date_option
@_client_option
@_workers_option
@click.pass_context
def report(
    ctx: click.Context,
    out: Path,
    lang: str | None,
    region: str | None,
    date_text: dt.datetime | None,
    client_text: str | None,
    workers: int,
) -> None:
    """Write the network analysis as one self-contained HTML report (opens offline).

    Coverage heat map, broken chains, duplicate groups, weak links, funding
    cliffs and the accessibility choropleth — to mail to the steering group.

    Example: socialmap --db city.db report --out report.html --lang de
    """
    db = get_db(ctx)
    G = region_graph(db, region)
    lang = _language(G, lang)
    client = _client(client_text)
    result = analyse(G, today=_date(date_text), lang=lang, workers=workers, client=client)
    result["outcomes"] = outcome_result(db, region, _date(date_text))
    try:
        out.write_text(render_report(G, result, lang=lang), encoding="utf-8")
    except OSError as exc:
        raise click.FileError(str(out), hint=exc.strerror) from None
    click.echo(f"wrote {out}")


COMMANDS = (gaps, report)
