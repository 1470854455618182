"""``socialmap bench gaps``: the analysis on synthetic networks, against its speed targets.

* ``city`` — 10,000 offers on Den Haag's wijken: the full analysis
  (:func:`socialmap.analysis.analyse`) in at most 10 s.
* ``state`` — 250,000 offers on NRW's Kreise: duplicate detection in at most
  120 s and 4 GB peak memory (the process, graph included).

The synthetic network is generated and imported once, in child processes (so
their memory does not count), and cached in ``data_dir`` by
:func:`socialmap_bench.data.synthetic_database`.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialmap.graph import build_graph
from socialmap.store import open_db

from .data import SCALES, peak_rss_mb, synthetic_database, verdict

__all__ = ["TARGETS", "BenchReport", "run_gaps_benchmark"]

#: Targets: seconds of the full analysis (city) / of duplicate detection (state), and MB.
TARGETS = {"city_s": 10.0, "state_s": 120.0, "state_mb": 4096.0}


def _cpu_s() -> float:
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class BenchReport:
    """The figures of one run and their verdicts."""

    scale: str
    offers: int
    workers: int
    graph_s: float
    seconds: float
    cpu_s: float
    peak_mb: float
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def checks(self) -> list[tuple[str, bool]]:
        """``(description, passed)`` per target."""
        if self.scale == "city":
            return [
                (
                    f"full analysis ≤ {TARGETS['city_s']:g} s: {self.seconds:.1f} s",
                    self.seconds <= TARGETS["city_s"],
                )
            ]
        return [
            (
                f"duplicate detection ≤ {TARGETS['state_s']:g} s: {self.seconds:.1f} s",
                self.seconds <= TARGETS["state_s"],
            ),
            (
                f"peak memory ≤ {TARGETS['state_mb'] / 1024:g} GB: {self.peak_mb / 1024:.2f} GB",
                self.peak_mb <= TARGETS["state_mb"],
            ),
        ]

    def summary(self) -> str:
        """The figures as text, one PASS/FAIL line per target."""
        what = "full analysis" if self.scale == "city" else "duplicate detection"
        lines = [
            f"scale              {self.scale} ({self.offers:,} offers), {self.workers} worker(s)",
            f"graph build        {self.graph_s:8.2f} s (not counted)",
            f"{what:<18} {self.seconds:8.2f} s wall, {self.cpu_s:.2f} s CPU",
        ]
        lines += [f"  {part:<16} {s:8.2f} s" for part, s in self.timings.items()]
        lines.append(f"peak RSS           {self.peak_mb:8.0f} MB (whole process, graph included)")
        lines += [f"  {key:<16} {n:8,}" for key, n in self.counts.items()]
        lines.append("targets:")
        lines += [f"  {text}  {verdict(ok)}" for text, ok in self.checks()]
        return "\n".join(lines)


def run_gaps_benchmark(
    scale: str,
    *,
    seed: int = 0,
    data_dir: Path = Path("bench-data"),
    workers: int | None = None,
    echo: Callable[[str], Any] = print,
) -> BenchReport:
    """Run the analysis benchmark of ``scale`` (``"city"`` or ``"state"``)."""
    from socialmap.analysis import analyse
    from socialmap.analysis.duplicates import duplicate_offers

    if scale not in SCALES:
        raise ValueError(f"Expected scale 'city' or 'state', instead got: {scale!r}.")
    workers = workers or os.cpu_count() or 1
    db_path = synthetic_database(data_dir, scale, seed, echo)
    started = time.perf_counter()
    G = build_graph(open_db(db_path, create=False))
    graph_s = time.perf_counter() - started
    offers = sum(1 for _, kind in G.nodes(data="kind") if kind == "offer")
    today = dt.date.today()
    timings: dict[str, float] = {}
    cpu, started = _cpu_s(), time.perf_counter()
    if scale == "city":
        result = analyse(G, today=today, workers=workers, timings=timings)
        counts = {k: len(v) for k, v in result.items() if isinstance(v, list)}
    else:
        groups = duplicate_offers(G, today=today)
        counts = {
            "duplicate groups": len(groups),
            "offers in groups": sum(len(g["offers"]) for g in groups),
        }
    seconds = time.perf_counter() - started
    return BenchReport(
        scale=scale,
        offers=offers,
        workers=workers,
        graph_s=graph_s,
        seconds=seconds,
        cpu_s=_cpu_s() - cpu,
        peak_mb=peak_rss_mb(),
        timings=timings,
        counts=counts,
    )
