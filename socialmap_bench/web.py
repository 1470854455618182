"""``socialmap bench web``: the served app under load, against Datasette over the same file.

Starts gunicorn (2 workers) on 127.0.0.1 over a cached synthetic database —
city (10,000 offers) or state (250,000) — and measures, in one run:

* start-up: from launching gunicorn to the first answered route (the routing
  model is loaded before the workers fork, so this is the real "ready");
* ``GET /api/offers`` over *distinct* realistic queries (no URL repeats: words
  of the network's own offer names, categories, rungs, languages, target
  groups, neighbourhoods, pages), once with the per-worker result cache on and
  once with it off;
* the same filters as Datasette table queries (``datasette serve
  --immutable`` over the same file; FTS ``_search``, column filters and
  ``_where`` sub-queries for the link tables), the peer of the cache-off run;
* ``POST /api/route`` with realistic client profiles;
* the map page's size and, with Playwright and Debian's chromium, how long
  until markers are visible.

It prints every figure with its target and PASS/FAIL and stops the servers.
Loopback only; bounded request counts and time limits; it never imports Flask
(the servers are child processes).
"""

from __future__ import annotations

import http.client
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import click

from socialmap.vocab import CATEGORIES

from .data import SCALES, percentile, synthetic_database, verdict
from .options import data_dir_option, scale_option
from .server import CHROMIUM, CHROMIUM_ARGS, free_port, gunicorn_server, http_get

__all__ = ["bench_web", "BENCH_COMMANDS", "LoadResult", "run_load", "offer_queries"]

HOST = "127.0.0.1"
TARGETS = {
    "offers_rps": 300.0,
    "route_rps": 50.0,
    "page_kb": 500.0,
    "markers_s": 3.0,
    "ready_s": 20.0,
    "datasette_ratio": 1.5,
    "pss_mb": 600.0,
}
_LANGUAGES = ("ar", "tr", "en", "uk", "fa", "pl", "nl", "de")
_CATEGORIES = tuple(CATEGORIES)


@dataclass
class LoadResult:
    """Figures of one load phase."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Latency at percentile ``q`` (0–100) in ms."""
        return 1000 * percentile(self.latencies, q)


Request = tuple[str, str, bytes | None]  # method, path, body


def run_load(
    port: int, name: str, requests: Sequence[Request], concurrency: int, time_limit: float
) -> LoadResult:
    """Send ``requests`` from ``concurrency`` threads; stop early after ``time_limit`` s."""
    result = LoadResult(name)
    lock = threading.Lock()
    queue = iter(list(requests))
    deadline = time.perf_counter() + time_limit

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                item = next(queue, None)
            if item is None:
                break
            ok, seconds = _send(connection, item)
            with lock:
                if ok:
                    result.latencies.append(seconds)
                else:
                    result.errors += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def _send(connection: http.client.HTTPConnection, item: Request) -> tuple[bool, float]:
    method, path, body = item
    headers = {"Content-Type": "application/json"} if body is not None else {}
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        ok = response.status == 200
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
    except (OSError, http.client.HTTPException):
        connection.close()
        ok = False
    return ok, time.perf_counter() - started


def pss_mb(pid: int) -> float:
    """Proportional set size of ``pid`` and all its descendants, in MB (shared pages once).

    PSS splits each shared page among the processes that map it, so the sum over
    gunicorn's master and workers counts the preloaded model once.
    """
    total_kb, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total_kb / 1024


@contextmanager
def _server(db_path: Path, port: int, workers: int, cache: bool) -> Iterator[int]:
    # The coach analysis runs in its own process (minutes for a Land): not during the load test.
    settings = {"SOCIALMAP_TILES": "none", "SOCIALMAP_COACH_PREPARE": "false"}
    if not cache:
        settings["SOCIALMAP_RESULT_CACHE_SIZE"] = "0"
    with (
        tempfile.TemporaryFile() as log,
        gunicorn_server(
            db_path, port, workers, log=log, host=HOST, access_log=False, settings=settings
        ) as process,
    ):
        yield process.pid


def _route_requests(db_path: Path, n: int, seed: int, region: str) -> list[Request]:
    from socialmap.routing.index import load_index
    from socialmap.store import open_db

    from .route import random_profiles

    db = open_db(db_path, create=False)
    jobcenters = [r[0] for r in db.execute("SELECT id FROM organisations WHERE kind = 'jobcenter'")]
    profiles = random_profiles(load_index(db), n, seed, region, jobcenters)
    db.close()
    return [("POST", "/api/route", json.dumps(p).encode()) for p in profiles]


@dataclass(frozen=True)
class OfferQuery:
    """One offer-list question, as socialmap's API and as a Datasette table query."""

    filters: tuple[tuple[str, str], ...]
    page: int

    @property
    def api_path(self) -> str:
        args = [*self.filters, *((("page", str(self.page)),) if self.page > 1 else ())]
        return "/api/offers?" + urlencode(args)

    def datasette_path(self, database: str) -> str:
        """The same filters on Datasette's JSON table view (20 rows a page, by name)."""
        args: list[tuple[str, str]] = [("_size", "20"), ("_shape", "objects")]
        wheres = []
        for key, value in self.filters:
            if key == "q":
                args.append(("_search", value))
            elif key == "category":
                args.append(("category", value))
            elif key == "online":
                args.append(("online", "1"))
            elif key == "free":
                wheres.append("(cost_eur IS NULL OR cost_eur = 0)")
            elif key in _LINK_FILTERS:
                wheres.append(_LINK_FILTERS[key].replace("?", _literal(value)))
        args += [("_where", w) for w in wheres]
        if not any(k == "q" for k, _ in self.filters):
            args.append(("_sort", "name"))
        if self.page > 1:
            args.append(("_offset", str(20 * (self.page - 1))))
        return f"/{quote(database)}/offers.json?" + urlencode(args)


#: The link-table filters as Datasette ``_where`` clauses ("?" is the value).
_LINK_FILTERS = {
    "rung": "id IN (SELECT offer FROM offer_accepts WHERE rung = ?)",
    "language": "id IN (SELECT offer FROM offer_languages WHERE language = ?)",
    "target_group": "id IN (SELECT offer FROM offer_target_groups WHERE target_group = ?)",
    "neighbourhood": "id IN (SELECT ol.offer FROM offer_locations ol JOIN locations l"
    " ON l.id = ol.location WHERE l.neighbourhood = ?)",
}


def _literal(value: str) -> str:
    """A SQL string literal for Datasette's ``_where`` (the peer takes SQL text, by design)."""
    return "'" + value.replace("'", "''") + "'"


def offer_queries(db_path: Path, n: int, seed: int) -> list[OfferQuery]:
    """``n`` distinct offer-list questions a resident or a worker would ask of this network.

    Words come from the network's own offer names; filters and pages are mixed as
    on a real map (most questions have one or two filters, most look at page 1).
    """
    from socialmap.store import open_db

    db = open_db(db_path, create=False)
    words = sorted(
        {
            w.strip("().,–-").lower()
            for (name,) in db.execute("SELECT name FROM offers ORDER BY random() LIMIT 3000")
            for w in str(name).split()
            if len(w.strip("().,–-")) >= 4
        }
    )
    groups = [r[0] for r in db.execute("SELECT id FROM target_groups ORDER BY id")]
    places = [r[0] for r in db.execute("SELECT id FROM neighbourhoods ORDER BY id")]
    db.close()
    rng = random.Random(seed)
    choices: list[Callable[[], tuple[str, str]]] = [
        lambda: ("q", rng.choice(words)),
        lambda: ("category", rng.choice(_CATEGORIES)),
        lambda: ("rung", str(rng.randint(1, 6))),
        lambda: ("language", rng.choice(_LANGUAGES)),
        lambda: ("target_group", rng.choice(groups)),
        lambda: ("neighbourhood", rng.choice(places)),
        lambda: ("free", "1"),
        lambda: ("online", "1"),
    ]
    found: dict[OfferQuery, None] = {}
    attempts = 0
    while len(found) < n and attempts < 50 * n:
        attempts += 1
        picked = dict(rng.choice(choices)() for _ in range(rng.choice([1, 1, 2, 2, 3])))
        page = rng.choices([1, 2, 3, 4, 5, 8], [70, 12, 7, 5, 4, 2])[0]
        found.setdefault(OfferQuery(tuple(sorted(picked.items())), page))
    return list(found)


def _markers_visible_seconds(port: int) -> float | None:
    """Seconds from navigation until offer markers are visible in headless chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(f"http://{HOST}:{port}/")
            page.locator(".marker-cluster, path.sm-offer-marker").first.wait_for(
                state="visible", timeout=30_000
            )
            return time.perf_counter() - started
        finally:
            browser.close()


def _line(result: LoadResult, note: str = "") -> str:
    return (
        f"  {result.name:<34} {len(result.latencies):>6} ok {result.errors:>4} errors  "
        f"{result.rps:8.1f} req/s  p50 {result.percentile(50):7.1f} ms  "
        f"p99 {result.percentile(99):7.1f} ms{note}"
    )


@contextmanager
def _datasette(db_path: Path, port: int) -> Iterator[str]:
    """Datasette over the same file (immutable: it may cache counts), for the peer phase."""
    exe = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    if not Path(exe).exists():
        raise click.ClickException("datasette is not installed: pip install '.[bench]'")
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                exe,
                "serve",
                "--immutable",
                str(db_path),
                "-h",
                HOST,
                "-p",
                str(port),
                "--setting",
                "sql_time_limit_ms",
                "5000",
                "--setting",
                "default_page_size",
                "20",
                "--setting",  # no extra work the socialmap API does not do either
                "suggest_facets",
                "off",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if http_get(HOST, port, "/-/versions.json", timeout=5)[0] == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise click.ClickException("datasette did not start within 60 s")
            yield db_path.stem
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _first_route_seconds(port: int, body: bytes, started: float, limit: float) -> tuple[float, int]:
    """Seconds from ``started`` until ``POST /api/route`` answers 200; and the 5xx seen."""
    errors = 0
    deadline = started + limit
    while time.perf_counter() < deadline:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            connection.request(
                "POST", "/api/route", body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                return time.perf_counter() - started, errors
            errors += response.status >= 500
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    raise click.ClickException(f"no route answered within {limit:g} s")


def _timed(echo: Callable[[str], None], label: str, action: Callable[[], Any]) -> Any:
    echo(f"{label} …")
    return action()


@click.command("web")
@scale_option(
    "city: 10,000 synthetic offers over Den Haag's wijken; state: 250,000 over NRW's Kreise."
)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--offer-requests", default=2000, show_default=True, type=click.IntRange(1))
@click.option("--route-requests", default=400, show_default=True, type=click.IntRange(1))
@click.option(
    "--concurrency",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Client threads.",
)
@click.option(
    "--time-limit", default=60.0, show_default=True, help="Seconds at most per load phase."
)
@click.option("--seed", default=0, show_default=True)
@click.option("--no-datasette", is_flag=True, help="Skip the Datasette peer.")
@data_dir_option
def bench_web(
    scale: str,
    workers: int,
    offer_requests: int,
    route_requests: int,
    concurrency: int,
    time_limit: float,
    seed: int,
    no_datasette: bool,
    data_dir: Path,
) -> None:
    """Serve a synthetic network with gunicorn and measure the web app under load.

    Prints start-up to first route, req/s, p50/p99 and errors of GET /api/offers
    (distinct queries, result cache on and off, and Datasette over the same file
    with the same filters) and of POST /api/route, the memory of gunicorn (PSS of master
    and workers), the map page's size and the
    time until markers are visible, each with its target and PASS/FAIL.

    Example: socialmap bench web --scale state
    """
    echo = lambda text: click.echo(text, err=True)  # noqa: E731
    offers_n, region = SCALES[scale]
    db_path = _timed(
        echo,
        f"preparing the {scale} network",
        lambda: synthetic_database(data_dir, scale, seed, echo),
    )
    routes = _timed(
        echo,
        "drawing client profiles",
        lambda: _route_requests(db_path, route_requests, seed, region),
    )
    queries = offer_queries(db_path, offer_requests, seed)
    offers = [("GET", q.api_path, None) for q in queries]
    results: dict[str, LoadResult] = {}
    ready: dict[str, tuple[float, int]] = {}
    page = b""
    markers = None
    memory: list[float] = []
    for cache in (True, False):
        label = "cache on" if cache else "cache off"
        port = free_port(HOST)
        echo(f"starting gunicorn with {workers} workers on {HOST}:{port} ({label})")
        started = time.perf_counter()
        with _server(db_path, port, workers, cache) as master:
            ready[label] = _first_route_seconds(port, routes[0][2] or b"{}", started, 120)
            run_load(port, "warm-up", routes[1 : 1 + 2 * workers], workers, time_limit)
            memory.append(pss_mb(master))
            if cache:
                status, page = http_get(HOST, port, "/")
                if status != 200:
                    raise click.ClickException(f"GET / answered {status}")
                echo("timing markers in chromium …")
                markers = _markers_visible_seconds(port)
            echo(f"GET /api/offers ({label}) …")
            name = f"GET /api/offers, {label}"
            results[f"offers {label}"] = run_load(port, name, offers, concurrency, time_limit)
            if cache:
                echo("POST /api/route …")
                results["route"] = run_load(
                    port, "POST /api/route", routes, concurrency, time_limit
                )
                memory.append(pss_mb(master))
    if not no_datasette:
        port = free_port(HOST)
        with _datasette(db_path, port) as database:
            peer = [("GET", q.datasette_path(database), None) for q in queries]
            run_load(port, "warm-up", peer[:20], workers, time_limit)
            echo("Datasette, same filters …")
            results["datasette"] = run_load(
                port, "Datasette, same filters", peer, concurrency, time_limit
            )
    click.echo(
        f"socialmap bench web — {scale} ({offers_n:,} offers, {region}), gunicorn "
        f"{workers} workers, {concurrency} client threads, {HOST}; "
        f"{len(offers)} distinct offer queries, {len(routes)} route profiles"
    )
    for line in _report(results, ready, len(page) / 1024, markers, max(memory), workers):
        click.echo(line)


def _report(
    results: dict[str, LoadResult],
    ready: dict[str, tuple[float, int]],
    page_kb: float,
    markers: float | None,
    memory_mb: float,
    workers: int,
) -> list[str]:
    on, off, route = results["offers cache on"], results["offers cache off"], results["route"]
    lines = [_line(on), _line(off), _line(route)]
    peer = results.get("datasette")
    if peer is not None:
        lines.append(_line(peer))
    lines.append("targets:")
    for label, (seconds, errors) in ready.items():
        ok = seconds <= TARGETS["ready_s"] and errors == 0
        lines.append(
            f"  start to first route ({label}) ≤ {TARGETS['ready_s']:g} s, no 5xx: "
            f"{seconds:.2f} s, {errors} 5xx  {verdict(ok)}"
        )
    for result, target in ((on, TARGETS["offers_rps"]), (route, TARGETS["route_rps"])):
        ok = result.rps >= target and result.errors == 0
        lines.append(
            f"  {result.name} ≥ {target:g} req/s, 0 errors: {result.rps:.1f} req/s, "
            f"{result.errors} errors  {verdict(ok)}"
        )
    if peer is not None:
        ratio = off.rps / max(peer.rps, 1e-9)
        ok = ratio >= TARGETS["datasette_ratio"] and off.errors == 0
        lines.append(
            f"  /api/offers cache off ≥ {TARGETS['datasette_ratio']:g}× Datasette: "
            f"{ratio:.2f}× ({off.rps:.1f} vs {peer.rps:.1f} req/s, Datasette errors "
            f"{peer.errors})  {verdict(ok)}"
        )
    lines.append(
        f"  memory, master + {workers} workers (PSS, after load) ≤ {TARGETS['pss_mb']:g} MB: "
        f"{memory_mb:.0f} MB  {verdict(memory_mb <= TARGETS['pss_mb'])}"
    )
    lines.append(
        f"  map page (HTML) ≤ {TARGETS['page_kb']:g} KB: {page_kb:.1f} KB  "
        f"{verdict(page_kb <= TARGETS['page_kb'])}"
    )
    if markers is None:
        lines.append("  markers visible: not measured (no Playwright or no /usr/bin/chromium)")
    else:
        lines.append(
            f"  markers visible ≤ {TARGETS['markers_s']:g} s: {markers:.2f} s  "
            f"{verdict(markers <= TARGETS['markers_s'])}"
        )
    return lines


BENCH_COMMANDS = (bench_web,)
