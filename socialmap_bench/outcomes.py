"""``socialmap bench outcomes``: do outcomes teach the routing?

The ground truth and the simulated histories are :mod:`socialmap.referrals.synthetic`'s
(also behind ``socialmap synth --outcomes``); clients are drawn by the route
benchmark's :func:`~socialmap_bench.route.random_profiles`.
:func:`run_outcomes_benchmark` routes 1,000 other clients three ways — static,
with the outcomes of the first 100, 1,000 and 10,000 simulated referrals, and
with the true probabilities (the oracle: the best path the cost model finds when
every handover's share is known) — and compares the true chance that a client
arrives at every step of the recommended path.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from socialmap.referrals.outcomes import Outcomes
from socialmap.referrals.synthetic import Truth, counts_of, simulate
from socialmap.routing import referral_paths
from socialmap.routing.index import RoutingIndex, load_index

from .data import verdict
from .route import random_profiles

__all__ = ["run_outcomes_benchmark", "region_profiles", "OutcomeReport", "SIZES"]

#: History sizes the benchmark compares.
SIZES = (100, 1_000, 10_000)
#: Targets: within this share of the oracle at the largest history, and never below static.
TARGET_ORACLE = 0.10

Echo = Callable[[str], Any]


@dataclass
class OutcomeReport:
    """The benchmark's figures: mean true chance per method and history size."""

    offers: int
    profiles: int
    static: float = 0.0
    oracle: float = 0.0
    learned: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        """The table with PASS/FAIL."""
        lines = [
            f"outcomes benchmark: {self.offers:,} offers, {self.profiles:,} client profiles "
            f"({self.seconds:.0f} s)",
            "mean true chance that a client arrives at every step of the recommended path:",
            f"  {'referrals':>9}  {'static':>7}  {'outcomes':>8}  {'lift':>7}  "
            f"{'oracle':>7}  {'to oracle':>9}",
        ]
        for size, value in sorted(self.learned.items()):
            lift = value / self.static - 1 if self.static else 0.0
            gap = 1 - value / self.oracle if self.oracle else 0.0
            lines.append(
                f"  {size:>9,}  {self.static:>7.3f}  {value:>8.3f}  {lift:>+7.1%}  "
                f"{self.oracle:>7.3f}  {gap:>9.1%}"
            )
        largest = self.learned[max(self.learned)]
        gap = 1 - largest / self.oracle if self.oracle else 0.0
        worst = min(self.learned.values())
        lines += [
            f"  within {TARGET_ORACLE:.0%} of the oracle at {max(self.learned):,} referrals: "
            f"{gap:.1%}  {verdict(gap <= TARGET_ORACLE)}",
            f"  never worse than static (lowest {worst:.3f} vs {self.static:.3f}):  "
            f"{verdict(worst >= self.static - 1e-9)}",
        ]
        return "\n".join(lines)


def region_profiles(index: RoutingIndex, region: str) -> Callable[[int, int], list[dict[str, Any]]]:
    """The route benchmark's realistic profiles of ``region`` ("den-haag" or "nrw")."""
    return lambda count, seed: random_profiles(index, count, seed, region)


def _mean_chance(
    index: RoutingIndex,
    truth: Truth,
    cases: list[dict[str, Any]],
    outcomes: Outcomes | None,
) -> float:
    index.outcomes = outcomes
    total = 0.0
    for case in cases:
        result = referral_paths(index, {**case, "use_outcomes": outcomes is not None}, 1)
        total += truth.chance(result.paths[0])
    return total / len(cases)


def run_outcomes_benchmark(
    db: sqlite_utils.Database,
    region: str,
    *,
    profiles: int = 1000,
    seed: int = 0,
    sizes: tuple[int, ...] = SIZES,
    echo: Echo = print,
) -> OutcomeReport:
    """Simulate histories, route ``profiles`` clients three ways, compare true chances."""
    started = time.perf_counter()
    index = load_index(db, f"synth-{region}")
    truth = Truth.draw(index, seed)
    echo(f"simulating {max(sizes):,} referrals …")
    history = simulate(index, truth, max(sizes), seed, region_profiles(index, region))
    cases = [
        case
        for case in random_profiles(index, profiles * 2, seed + 1, region)
        if referral_paths(index, {**case, "use_outcomes": False}, 1).paths
    ][:profiles]
    report = OutcomeReport(index.n, len(cases))
    echo("routing with static costs …")
    report.static = _mean_chance(index, truth, cases, None)
    for size in sizes:
        echo(f"routing with the outcomes of {size:,} referrals …")
        report.learned[size] = _mean_chance(index, truth, cases, counts_of(history[:size]))
    echo("routing with the true shares (the oracle) …")
    report.oracle = _mean_chance(index, truth, cases, truth.outcomes(index))
    report.seconds = time.perf_counter() - started
    return report
