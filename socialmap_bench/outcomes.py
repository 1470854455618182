"""Synthetic ground truth for outcomes: ``synth --outcomes`` and ``bench outcomes``.

:class:`Truth` holds hidden *true* start probabilities per handover — for a
first step into an offer (``first[offer]``, a mix of offers most clients start
and offers many never reach) and for a handover from an organisation to an offer
(``first[offer]`` times a factor between 0.5 and 1 drawn per pair from a hash of
the seed).  The truth lives in its own JSON file, apart from the data: routing
never sees it.

:func:`simulate` draws referral histories the way case workers work today: a
client is routed with the static cost model, one of its three best paths is
chosen, and each step starts with its true probability; a step not started ends
the path.  :func:`write_history` stores such a history through
:mod:`socialmap.referrals` (one write path), dated over the last eleven months.

:func:`run_outcomes_benchmark` routes 1,000 other clients three ways — static,
with the outcomes of the first 100, 1,000 and 10,000 simulated referrals, and
with the true probabilities (the oracle: the best path the cost model finds when
every handover's share is known) — and compares the true chance that a client
arrives at every step of the recommended path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from socialmap import referrals
from socialmap.editing import User
from socialmap.referrals.outcomes import Outcomes
from socialmap.routing import referral_paths
from socialmap.routing.index import RoutingIndex, load_index
from socialmap.routing.result import Path as RoutePath

from .data import verdict
from .route import random_profiles

__all__ = [
    "Truth",
    "Referred",
    "simulate",
    "counts_of",
    "write_history",
    "run_outcomes_benchmark",
    "truth_path",
    "SIZES",
]

#: History sizes the benchmark compares.
SIZES = (100, 1_000, 10_000)
#: The oracle's counts per handover: the true share, as if measured on this many referrals.
_KNOWN = 1_000_000
#: Targets: within this share of the oracle at the largest history, and never below static.
TARGET_ORACLE = 0.10

Echo = Callable[[str], Any]


def truth_path(db_path: Path) -> Path:
    """Where the truth of a database's synthetic history is kept: ``<db>.truth.json``."""
    return db_path.with_name(db_path.name + ".truth.json")


@dataclass(frozen=True)
class Truth:
    """Hidden true start probabilities (see the module)."""

    seed: int
    first: dict[str, float]

    @classmethod
    def draw(cls, index: RoutingIndex, seed: int) -> Truth:
        """30 % of offers are hard to arrive at (Beta(2, 5)), the others easy (Beta(8, 2))."""
        rng = np.random.default_rng(seed)
        hard = rng.random(index.n) < 0.3
        shares = np.where(hard, rng.beta(2, 5, index.n), rng.beta(8, 2, index.n))
        return cls(
            seed, {str(o): round(float(p), 4) for o, p in zip(index.offer_ids, shares, strict=True)}
        )

    def share(self, previous: str | None, offer: str) -> float:
        """The true probability that a client referred to ``offer`` (from an organisation,
        or as a first step) starts there."""
        first = self.first[offer]
        if previous is None:
            return first
        digest = hashlib.sha256(f"{self.seed}:{previous}:{offer}".encode()).digest()
        unit = int.from_bytes(digest[:8], "big") / 2**64
        return first * (0.5 + 0.5 * unit)

    def chance(self, path: RoutePath) -> float:
        """The true chance that a client arrives at every step of ``path``."""
        chance, previous = 1.0, None
        for step in path.steps:
            chance *= self.share(previous, step.offer)
            previous = step.organisation
        return chance

    def outcomes(self, index: RoutingIndex) -> Outcomes:
        """Every handover's true share as counts (the oracle's knowledge)."""
        counts: dict[tuple[str | None, str], tuple[int, int]] = {}
        for offer in index.offer_ids:
            counts[(None, offer)] = (round(self.share(None, offer) * _KNOWN), _KNOWN)
            for org in index.org_ids:
                counts[(org, offer)] = (round(self.share(org, offer) * _KNOWN), _KNOWN)
        return Outcomes(counts, "oracle")

    def save(self, path: Path) -> None:
        """Write the truth as JSON (apart from the data)."""
        text = json.dumps({"seed": self.seed, "first": self.first}, indent=1, sort_keys=True)
        path.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Truth:
        """Read a truth written by :meth:`save`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["seed"]), {str(k): float(v) for k, v in data["first"].items()})


@dataclass(frozen=True)
class Referred:
    """One simulated referral: the step of a client's path and whether the client started."""

    client: int
    path: tuple[str, ...]
    step: int
    previous: str | None
    offer: str
    started: bool
    profile: dict[str, Any] = field(default_factory=dict, compare=False)


def simulate(
    index: RoutingIndex, truth: Truth, n: int, seed: int, region: str = "den-haag"
) -> list[Referred]:
    """``n`` referrals of clients routed with the static model (see the module)."""
    rng = random.Random(seed)
    history: list[Referred] = []
    client = 0
    while len(history) < n:
        for profile in random_profiles(index, 200, rng.randrange(2**31), region):
            result = referral_paths(index, {**profile, "use_outcomes": False}, 3)
            if not result.paths:
                continue
            client += 1
            path = rng.choice(result.paths)
            offers = tuple(path.offers)
            previous = None
            for number, step in enumerate(path.steps, start=1):
                started = rng.random() < truth.share(previous, step.offer)
                history.append(
                    Referred(client, offers, number, previous, step.offer, started, profile)
                )
                if not started or len(history) >= n:
                    break
                previous = step.organisation
            if len(history) >= n:
                return history
    return history


def counts_of(history: list[Referred]) -> Outcomes:
    """The outcome counts per handover of a history."""
    counts: dict[tuple[str | None, str], list[int]] = {}
    for r in history:
        entry = counts.setdefault((r.previous, r.offer), [0, 0])
        entry[0] += r.started
        entry[1] += 1
    return Outcomes({k: (s, t) for k, (s, t) in counts.items()}, "simulated")


def _stored_profile(profile: dict[str, Any], groups: set[str]) -> dict[str, Any]:
    keep = ("age", "gender", "languages", "residence_status", "work_ban")
    out = {k: profile[k] for k in keep if k in profile}
    if profile.get("target_groups"):
        out["target_groups"] = [g for g in profile["target_groups"] if g in groups]
    out["rung"], out["goal_rung"] = profile["rung"], profile["goal_rung"]
    if isinstance(profile.get("home"), dict) and "neighbourhood" in profile["home"]:
        out["neighbourhood"] = profile["home"]["neighbourhood"]
    return out


def write_history(
    db: sqlite_utils.Database,
    history: list[Referred],
    *,
    today: dt.date | None = None,
    seed: int = 0,
    rungs: bool = True,
) -> int:
    """Store ``history`` through :mod:`socialmap.referrals`, spread over the last eleven
    months, as a case worker of every organisation; return the referrals written.

    A client's first step is sent by the organisation of its path's first offer's
    referrer (a random organisation of the region); each later step by the previous
    step's organisation.  Started steps are completed (or, one in eight, dropped out);
    with ``rungs`` each client's rung is recorded at intake and after six months.
    """
    rng = random.Random(seed)
    day = today or dt.date.today()
    organisations = tuple(r[0] for r in db.execute("SELECT id FROM organisations ORDER BY id"))
    worker = User("outcomes@synthetic.invalid", "caseworker", organisations=organisations)
    groups = {r[0] for r in db.execute("SELECT id FROM target_groups")}
    codes: dict[int, str] = {}
    starts: dict[int, dt.datetime] = {}
    written = 0
    for r in history:
        when = starts.get(r.client) or dt.datetime.combine(
            day - dt.timedelta(days=rng.randrange(30, 330)), dt.time(9), dt.UTC
        )
        starts.setdefault(r.client, when)
        at = when + dt.timedelta(days=14 * (r.step - 1))
        sender = r.previous or rng.choice(organisations)
        body: dict[str, Any] = {
            "offer": r.offer,
            "from_organisation": sender,
            "consent": True,
            "path": list(r.path),
            "step": r.step,
        }
        if r.client in codes:
            body["client"] = {"code": codes[r.client]}
        else:
            body["profile"] = _stored_profile(r.profile, groups)
        sent = referrals.send_referral(db, body, user=worker, at=at)
        codes[r.client] = sent["client_code"]
        if r.started:
            moves = ["accepted", "started", "completed" if rng.random() < 0.875 else "dropped_out"]
        else:
            moves = ["declined"] if rng.random() < 0.5 else ["accepted", "no_show"]
        for n, status in enumerate(moves, start=1):
            change: dict[str, Any] = {"status": status}
            if status in ("declined", "dropped_out"):
                change["reason"] = rng.choice(referrals.REASONS)
            later = at + dt.timedelta(days=3 * n)
            referrals.move_referral(db, sent["id"], change, user=worker, at=later)
        if rungs and r.step == 1:
            _rungs(db, worker, sent["client_code"], r, at, day, rng)
        written += 1
    return written


def _rungs(
    db: sqlite_utils.Database,
    worker: User,
    code: str,
    r: Referred,
    at: dt.datetime,
    day: dt.date,
    rng: random.Random,
) -> None:
    rung = int(r.profile["rung"])
    referrals.record_rung(db, code, {"rung": rung, "date": at.date().isoformat()}, user=worker)
    later = at.date() + dt.timedelta(days=182)
    if later <= day:
        moved = min(6, rung + (1 if r.started and rng.random() < 0.6 else 0))
        referrals.record_rung(db, code, {"rung": moved, "date": later.isoformat()}, user=worker)


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
    history = simulate(index, truth, max(sizes), seed, region)
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
