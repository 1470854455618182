"""``socialmap bench web``: the served app under load, on a city-scale synthetic network.

Starts gunicorn (2 workers) on 127.0.0.1 over a cached synthetic database,
drives ``GET /api/offers`` and ``POST /api/route`` with a bounded client
(threads and ``http.client``: a fixed number of requests, a time limit per
phase), measures the map page's size and — when Playwright and Debian's
chromium are there — how long until markers are visible, prints the figures
against the targets, and stops the server.  Loopback only; it never imports
Flask (the server is a child process).
"""

from __future__ import annotations

import http.client
import json
import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..benchdata import SCALES, percentile, synthetic_database, verdict
from ..server import CHROMIUM, CHROMIUM_ARGS, free_port, gunicorn_server, http_get
from ..vocab import CATEGORIES
from .common import data_dir_option, scale_option

__all__ = ["bench_web", "BENCH_COMMANDS", "LoadResult", "run_load"]

HOST = "127.0.0.1"
TARGETS = {"offers_rps": 300.0, "route_rps": 50.0, "page_kb": 500.0, "markers_s": 3.0}
_OFFER_FILTERS = (
    "",
    "q=taal",
    "q=werk",
    "q=cursus",
    "q=advies",
    "free=1",
    "online=1",
    "language=ar",
    "language=tr",
    "language=en",
    "target_group=refugees",
    "target_group=single-parents",
)


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
    port: int, name: str, requests: list[Request], concurrency: int, time_limit: float
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


@contextmanager
def _server(db_path: Path, port: int, workers: int, cache: bool) -> Iterator[None]:
    settings = {"SOCIALMAP_TILES": "none"}
    if not cache:
        settings["SOCIALMAP_RESULT_CACHE_SIZE"] = "0"
    with (
        tempfile.TemporaryFile() as log,
        gunicorn_server(
            db_path, port, workers, log=log, host=HOST, access_log=False, settings=settings
        ),
    ):
        yield


def _route_requests(db_path: Path, n: int, seed: int) -> list[Request]:
    from ..graph import build_graph
    from ..routing.bench import random_profiles
    from ..store import open_db

    graph = build_graph(open_db(db_path, create=False))
    profiles = random_profiles(graph, n, seed, SCALES["city"].region)
    return [("POST", "/api/route", json.dumps(p).encode()) for p in profiles]


def _offer_requests(n: int, seed: int) -> list[Request]:
    """A realistic mix: some filter, a category or a rung now and then, mostly page 1."""
    rng = random.Random(seed)
    requests: list[Request] = []
    for _ in range(n):
        parts = [rng.choice(_OFFER_FILTERS)]
        if rng.random() < 0.4:
            parts.append("category=" + rng.choice(_CATEGORIES))
        if rng.random() < 0.3:
            parts.append(f"rung={rng.randint(1, 6)}")
        if rng.random() < 0.2:
            parts.append(f"page={rng.randint(2, 5)}")
        requests.append(("GET", "/api/offers?" + "&".join(p for p in parts if p), None))
    return requests


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


def _line(result: LoadResult, target: float) -> str:
    ok = result.rps >= target and result.errors == 0
    return (
        f"  {result.name:<16} {len(result.latencies):>6} ok {result.errors:>4} errors  "
        f"{result.rps:8.1f} req/s  p50 {result.percentile(50):7.1f} ms  "
        f"p99 {result.percentile(99):7.1f} ms   target ≥ {target:g} req/s, 0 errors: "
        f"{verdict(ok)}"
    )


def _verdicts(
    offers: LoadResult, route: LoadResult, page_kb: float, markers: float | None
) -> list[str]:
    lines = [
        _line(offers, TARGETS["offers_rps"]),
        _line(route, TARGETS["route_rps"]),
        f"  map page (HTML)  {page_kb:8.1f} KB   target ≤ {TARGETS['page_kb']:g} KB: "
        f"{verdict(page_kb <= TARGETS['page_kb'])}",
    ]
    if markers is None:
        lines.append("  markers visible  not measured (no Playwright or no /usr/bin/chromium)")
    else:
        lines.append(
            f"  markers visible  {markers:8.2f} s    target ≤ {TARGETS['markers_s']:g} s: "
            f"{verdict(markers <= TARGETS['markers_s'])}"
        )
    return lines


def _timed(echo: Callable[[str], None], label: str, action: Callable[[], Any]) -> Any:
    echo(f"{label} …")
    return action()


@click.command("web")
@scale_option("city: 10,000 synthetic offers over Den Haag's wijken.", scales=["city"])
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--offer-requests", default=3000, show_default=True, type=click.IntRange(1))
@click.option("--route-requests", default=500, show_default=True, type=click.IntRange(1))
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
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="The app's per-worker result cache (off: every request queries SQLite).",
)
@data_dir_option
def bench_web(
    scale: str,
    workers: int,
    offer_requests: int,
    route_requests: int,
    concurrency: int,
    time_limit: float,
    seed: int,
    cache: bool,
    data_dir: Path,
) -> None:
    """Serve a city-scale network with gunicorn and measure the web app under load.

    Prints req/s, p50/p99 and errors of GET /api/offers and POST /api/route,
    the map page's size and the time until markers are visible, each with its
    target and PASS/FAIL.

    Example: socialmap bench web --scale city
    """
    echo = lambda text: click.echo(text, err=True)  # noqa: E731
    db_path = _timed(
        echo,
        "preparing the city network",
        lambda: synthetic_database(data_dir, scale, seed, echo),
    )
    routes = _timed(
        echo, "drawing client profiles", lambda: _route_requests(db_path, route_requests, seed)
    )
    offers = _offer_requests(offer_requests, seed)
    port = free_port(HOST)
    echo(f"starting gunicorn with {workers} workers on {HOST}:{port}")
    with _server(db_path, port, workers, cache):
        run_load(port, "warm-up", routes[: 4 * workers] + offers[:20], workers, time_limit)
        status, page = http_get(HOST, port, "/")
        if status != 200:
            raise click.ClickException(f"GET / answered {status}")
        markers = _timed(echo, "timing markers in chromium", lambda: _markers_visible_seconds(port))
        offer_result = _timed(
            echo,
            "GET /api/offers",
            lambda: run_load(port, "GET /api/offers", offers, concurrency, time_limit),
        )
        route_result = _timed(
            echo,
            "POST /api/route",
            lambda: run_load(port, "POST /api/route", routes, concurrency, time_limit),
        )
    offers_n, region = SCALES[scale]
    click.echo(
        f"socialmap bench web — {scale} ({offers_n:,} offers, {region}), gunicorn "
        f"{workers} workers, {concurrency} client threads, {HOST}, "
        f"result cache {'on' if cache else 'off'}"
    )
    for line in _verdicts(offer_result, route_result, len(page) / 1024, markers):
        click.echo(line)


BENCH_COMMANDS = (bench_web,)
