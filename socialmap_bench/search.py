"""``socialmap bench search``: the residents' search against the plain FTS5 query, same run.

The richer search (:mod:`socialmap.search.words`: vocabulary, synonyms, stems,
compounds, typing mistakes, ranking) answers the offer list's question — the
count and the first page of a region's offers for a query.  The peer is the
plain query socialmap had before: every word a quoted prefix term of
``offers_fts``, ranked by bm25.  Both run the same queries on the same
database, interleaved, so the machine's load falls on both alike.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import click
import sqlite_utils

from socialmap import search
from socialmap.store import open_db

from .data import SCALES, percentile, synthetic_database, verdict
from .options import data_dir_option, scale_option

__all__ = ["BENCH_COMMANDS", "QUERIES", "plain_search", "run_search_benchmark"]

T = TypeVar("T")
TARGET_P95_MS = 50.0
PAGE = 20

#: What residents type: own words in seven languages, single words, typing mistakes, nonsense.
QUERIES = (
    "Sprache",
    "Sprachkurs",
    "Deutschkurs",
    "taalles",
    "language course",
    "dil kursu",
    "курси мови",
    "کلاس زبان",
    "Beratung",
    "Bewerbung",
    "Integratonskurs",
    "Kinderbetreuung",
    "werk",
    "Frauen",
    "Arbeit finden",
    "Frauenberatung",
    "computer",
    "Praktikum Jugendliche",
    "xyzzy",
)

_TERM = re.compile(r"\w+", re.UNICODE)


def plain_search(db: sqlite_utils.Database, region: str, text: str) -> tuple[int, list[str]]:
    """The count and first page of the plain FTS5 query (every word a quoted prefix term)."""
    terms = _TERM.findall(text)[:12]
    match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms) or '""'
    total = db.execute(
        "SELECT COUNT(*) FROM offers_fts JOIN offers o ON o.rowid = offers_fts.rowid"
        " WHERE offers_fts MATCH ? AND o.region = ?",
        [match, region],
    ).fetchone()[0]
    rows = db.execute(
        "SELECT o.id FROM offers_fts JOIN offers o ON o.rowid = offers_fts.rowid"
        " WHERE offers_fts MATCH ? AND o.region = ? ORDER BY offers_fts.rank, o.name LIMIT ?",
        [match, region, PAGE],
    ).fetchall()
    return int(total), [row[0] for row in rows]


def _timed(run: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = run()
    return (time.perf_counter() - started) * 1000, result


def run_search_benchmark(
    scale: str, *, seed: int, rounds: int, data_dir: Path, echo: Callable[[str], None]
) -> bool:
    """Time both searches; print p50/p95/max of each and the verdict; True when it passes."""
    db_path = synthetic_database(data_dir, scale, seed, echo=lambda line: echo(line))
    db = open_db(db_path, create=False)
    region = f"synth-{SCALES[scale].region}"
    try:
        search.text_query(db, "warm up")  # the vocabulary is built once per data version
        rich: list[float] = []
        plain: list[float] = []
        found: dict[str, tuple[int, int]] = {}
        for _ in range(rounds):
            for text in QUERIES:
                offer_filter = search.OfferFilter(region=region, q=text)
                rich_ms, page = _timed(partial(search.search_offers, db, offer_filter))
                plain_ms, (plain_total, _) = _timed(partial(plain_search, db, region, text))
                rich.append(rich_ms)
                plain.append(plain_ms)
                found[text] = (page.total, plain_total)
    finally:
        db.close()
    echo(f"database       {db_path} (region {region})")
    echo(f"queries        {len(QUERIES)} × {rounds} rounds, count + first page of {PAGE}")
    echo("offers found   query: own-words search / plain FTS5")
    for text, (rich_total, plain_total) in found.items():
        echo(f"  {text!r:26} {rich_total:7,} / {plain_total:7,}")
    for name, times in (("own words", rich), ("plain FTS5", plain)):
        echo(
            f"{name:14} p50 {percentile(times, 50):7.1f} ms   p95 {percentile(times, 95):7.1f} ms"
            f"   max {max(times):7.1f} ms"
        )
    p95 = percentile(rich, 95)
    ratio = p95 / max(percentile(plain, 95), 1e-6)
    ok = p95 <= TARGET_P95_MS
    echo(
        f"own-words p95  {p95:.1f} ms ({ratio:.1f}× the plain query)   "
        f"target ≤ {TARGET_P95_MS:.0f} ms   {verdict(ok)}"
    )
    return ok


@click.command("search")
@scale_option("city: ~10,000 offers on Den Haag's wijken; state: ~250,000 on NRW's Kreise.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the network.")
@click.option(
    "--rounds",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Times each query runs (interleaved with the plain query).",
)
@data_dir_option
def bench_search(scale: str, seed: int, rounds: int, data_dir: Path) -> None:
    """Time the residents' search in their own words against the plain FTS5 query.

    Prints the offers each query finds with both, p50/p95/max of both in the
    same run, and PASS/FAIL for the target p95 ≤ 50 ms of the own-words search.

    Example: socialmap bench search --scale city
    """
    run_search_benchmark(scale, seed=seed, rounds=rounds, data_dir=data_dir, echo=click.echo)


BENCH_COMMANDS = (bench_search,)
