"""``socialmap bench route``: routing latency on synthetic networks, against a one-hop search.

:func:`run_route_benchmark` builds (or reuses) a synthetic network with
:func:`socialmap.benchdata.synthetic_database` — *city*: 10,000 offers on Den
Haag's wijken; *state*: 250,000 offers on NRW's 53 Kreise — cached in
``data_dir`` (generated and imported in a child process, so the peak memory
reported is that of routing, not of the import).  It then routes
:func:`random_profiles` with :func:`~socialmap.routing.referral_paths` (plus
``to_json()``, what the CLI prints) and runs the directory-search baseline
:func:`~socialmap.routing.onehop.one_hop_search` for the same profiles, and
reports latencies, the route/search ratio and the targets.  After loading, it
calls ``gc.freeze()`` as a long-running server should: otherwise a full
garbage collection now and then walks the graph's millions of objects in the
middle of a query.

A benchmark, not a test: figures depend on the machine and on what else runs.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..benchdata import SCALES, peak_rss_mb, percentile, synthetic_database, verdict
from ..graph import build_graph
from ..store import open_db
from ..vocab import STANDARD_TARGET_GROUPS
from .engine import OPEN_RADII_KM, referral_paths
from .index import routing_index
from .onehop import one_hop_search
from .profile import parse_profile

__all__ = [
    "TARGET_P95_MS",
    "TARGET_RATIO",
    "BenchReport",
    "random_profiles",
    "run_route_benchmark",
]

#: Latency targets (p95 of a route, ms) on the project's 2-core machine.
TARGET_P95_MS = {"city": 20.0, "state": 150.0}
#: Multi-step routing may take at most this many times the one-hop search.
TARGET_RATIO = 3.0

_REGION_LANGUAGE = {"den-haag": "nl", "nrw": "de"}
_OTHER_LANGUAGES = ("en", "tr", "ar", "uk", "pl", "fa", "ti", "so")
_GROUPS = [str(g["id"]) for g in STANDARD_TARGET_GROUPS]


@dataclass
class BenchReport:
    """Figures of one run of the route benchmark."""

    scale: str
    offers: int
    graph_s: float
    index_s: float
    route_ms: list[float] = field(default_factory=list)
    engine_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    reached: int = 0
    paths: int = 0
    peak_rss_mb: float = 0.0

    def ratio(self, q: float) -> float:
        """Route latency over one-hop search latency at percentile ``q``."""
        return percentile(self.route_ms, q) / max(percentile(self.search_ms, q), 1e-9)

    def summary(self) -> str:
        """The printed report, with PASS/FAIL per target."""

        def stats(values: list[float]) -> str:
            return (
                f"p50 {percentile(values, 50):7.2f}  p95 {percentile(values, 95):7.2f}  "
                f"max {max(values):7.2f} ms"
            )

        target = TARGET_P95_MS[self.scale]
        p95 = percentile(self.route_ms, 95)
        ratio50, ratio95 = self.ratio(50), self.ratio(95)
        n = len(self.route_ms)
        return "\n".join(
            [
                f"route benchmark — scale {self.scale}: {self.offers:,} offers, {n} profiles",
                f"  graph build        {self.graph_s:8.2f} s",
                f"  index build        {self.index_s:8.2f} s",
                f"  route (+to_json)   {stats(self.route_ms)}",
                f"  route engine only  {stats(self.engine_ms)}",
                f"  one-hop search     {stats(self.search_ms)}",
                f"  ratio route/search p50 {ratio50:.2f}×  p95 {ratio95:.2f}×",
                f"  reached goal       {self.reached}/{n} profiles, "
                f"{self.paths / max(n, 1):.2f} paths per profile",
                f"  peak RSS           {self.peak_rss_mb:8.0f} MB",
                "targets:",
                f"  route p95 ≤ {target:g} ms: {p95:.2f} ms  {verdict(p95 <= target)}",
                f"  route/search ≤ {TARGET_RATIO:g}× (p50 and p95): "
                f"{ratio50:.2f}× / {ratio95:.2f}×  "
                f"{verdict(max(ratio50, ratio95) <= TARGET_RATIO)}",
            ]
        )


def random_profiles(G: Any, n: int, seed: int, region: str) -> list[dict[str, Any]]:
    """``n`` realistic client profiles living in the network's neighbourhoods.

    Homes near a random location (where people live, services are) or a whole
    neighbourhood; rungs mostly low; goals above them; a fifth with several
    target groups; the region's language for most, Arabic/Turkish/Ukrainian
    only for some; refugees with Duldung and work bans; distance limits of
    3–15 km, one profile in seven with none.
    """
    rng = random.Random(seed)
    index = routing_index(G)
    language = _REGION_LANGUAGE[region]
    neighbourhoods = sorted(index.neighbourhood_point)
    jobcenters = sorted(
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "organisation" and d.get("org_kind") == "jobcenter"
    )
    profiles = []
    for _ in range(n):
        rung = rng.choices([1, 2, 3, 4, 5], [25, 25, 25, 15, 10])[0]
        p: dict[str, Any] = {"rung": rung, "goal_rung": rng.randint(max(rung + 1, 3), 6)}
        if rng.random() < 0.3:
            p["home"] = {"neighbourhood": rng.choice(neighbourhoods)}
        else:
            loc = rng.randrange(len(index.loc_ids))
            p["home"] = {
                "lat": float(index.loc_lat[loc]) + rng.uniform(-0.01, 0.01),
                "lon": float(index.loc_lon[loc]) + rng.uniform(-0.01, 0.01),
            }
        p["age"] = rng.randint(16, 64)
        if rng.random() < 0.9:
            p["gender"] = rng.choices(["female", "male", "diverse"], [55, 43, 2])[0]
        if rng.random() < 0.8:
            p["target_groups"] = rng.sample(_GROUPS, rng.choice([0, 1, 1, 2]))
        spoken = [language] if rng.random() < 0.85 else []
        spoken += rng.sample(_OTHER_LANGUAGES, rng.choice([0, 1, 1, 2]))
        p["languages"] = spoken or ["ar"]
        status = rng.choices(
            [
                "citizen",
                "eu-citizen",
                "residence-permit",
                "asylum-seeker",
                "tolerated",
                "undocumented",
            ],
            [50, 10, 20, 10, 8, 2],
        )[0]
        p["residence_status"] = status
        p["work_ban"] = (
            rng.choices(["none", "temporary", "absolute"], [40, 50, 10])[0]
            if status in {"asylum-seeker", "tolerated"}
            else "none"
        )
        distance = rng.choice([3, 5, 5, 10, 10, 15, None])
        if distance is not None:
            p["max_distance_km"] = distance
        p["online_ok"] = rng.random() < 0.8
        cost = rng.choice([0, 0, 50, None, None])
        if cost is not None:
            p["max_cost_eur"] = cost
        needs = [
            need
            for need, share in (("childcare", 0.2), ("wheelchair", 0.05))
            if rng.random() < share
        ]
        if needs:
            p["needs"] = needs
        if jobcenters and rng.random() < 0.3:
            p["known_to"] = [rng.choice(jobcenters).partition(":")[2]]
        profiles.append(p)
    return profiles


def run_route_benchmark(
    scale: str,
    *,
    profiles: int = 200,
    seed: int = 0,
    data_dir: Path = Path("bench-data"),
    echo: Callable[[str], Any] = print,
) -> BenchReport:
    """Build or reuse the synthetic network of ``scale`` and time ``profiles`` routes."""
    region = SCALES[scale].region
    db_path = synthetic_database(data_dir, scale, seed, echo)
    db = open_db(db_path)
    start = time.perf_counter()
    G = build_graph(db, f"synth-{region}")
    graph_s = time.perf_counter() - start
    start = time.perf_counter()
    index = routing_index(G)
    report = BenchReport(scale, index.n, graph_s, time.perf_counter() - start)
    # As a server does after loading: the graph's millions of objects live as long as the
    # process, so keep the cyclic garbage collector from walking them during queries.
    gc.collect()
    gc.freeze()
    cases = random_profiles(G, profiles, seed, region)
    referral_paths(G, cases[0], 3).to_json()  # warm caches (gazetteer, numpy, sqlite pages)
    for case in cases:
        start = time.perf_counter()
        result = referral_paths(G, case, 3)
        engine = time.perf_counter()
        result.to_json()
        done = time.perf_counter()
        report.engine_ms.append((engine - start) * 1000)
        report.route_ms.append((done - start) * 1000)
        report.reached += result.reached_goal
        report.paths += len(result.paths)
        home = result.home
        assert home is not None
        profile = parse_profile(case)
        start = time.perf_counter()
        one_hop_search(db, profile, home.lat, home.lon, profile.max_distance_km or OPEN_RADII_KM[0])
        report.search_ms.append((time.perf_counter() - start) * 1000)
    report.peak_rss_mb = peak_rss_mb()
    statistics.fmean(report.route_ms)  # fail early on an empty run
    return report
