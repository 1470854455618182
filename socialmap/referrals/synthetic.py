"""Synthetic referral histories drawn from hidden true start probabilities.

:class:`Truth` holds *true* start probabilities per handover — for a first step
into an offer (``first[offer]``: 30 % of offers are hard to arrive at, the others
easy) and for a handover from an organisation to an offer (``first[offer]`` times
a factor between 0.5 and 1 drawn per pair from a hash of the seed).  The truth
lives in its own JSON file (:func:`truth_path`), apart from the data: routing
never sees it.

:func:`simulate` draws referral histories the way case workers work today: a
client is routed with the static cost model, one of its three best paths is
chosen, and each step starts with its true probability; a step not started ends
the path.  :func:`write_history` stores a history through the referral write
path (:mod:`socialmap.referrals`), dated over the last eleven months.  Used by
``socialmap synth --outcomes``, ``socialmap demo`` and ``socialmap bench outcomes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from ..editing.accounts import User
from ..routing import referral_paths
from ..routing.index import RoutingIndex
from ..routing.result import Path as RoutePath
from .actions import move_referral, record_rung, send_referral
from .outcomes import Outcomes
from .records import REASONS

__all__ = [
    "Truth",
    "Referred",
    "simulate",
    "counts_of",
    "write_history",
    "truth_path",
    "simple_profiles",
]

#: The oracle's counts per handover: the true share, as if measured on this many referrals.
_KNOWN = 1_000_000

#: ``profiles(count, seed)``: client profiles to route.
Profiles = Callable[[int, int], list[dict[str, Any]]]


def simple_profiles(index: RoutingIndex, language: str) -> Profiles:
    """Plain client profiles living in the index's neighbourhoods (rung 1–3, a goal two
    rungs up, the region's language).

    >>> from socialmap.routing.index import load_index
    >>> from socialmap.store import open_db
    >>> simple_profiles(load_index(open_db(":memory:")), "nl")(2, 0)
    []
    """
    neighbourhoods = sorted(index.neighbourhood_point)

    def profiles(count: int, seed: int) -> list[dict[str, Any]]:
        rng = random.Random(seed)
        out = []
        for _ in range(count if neighbourhoods else 0):
            rung = rng.choice([1, 1, 2, 2, 3])
            out.append(
                {
                    "rung": rung,
                    "goal_rung": min(6, rung + 2),
                    "age": rng.randint(18, 60),
                    "gender": rng.choice(["female", "male"]),
                    "languages": [language],
                    "home": {"neighbourhood": rng.choice(neighbourhoods)},
                }
            )
        return out

    return profiles


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
    index: RoutingIndex, truth: Truth, n: int, seed: int, profiles: Profiles
) -> list[Referred]:
    """``n`` referrals of clients routed with the static model (see the module)."""
    rng = random.Random(seed)
    history: list[Referred] = []
    client = 0
    while len(history) < n:
        batch = profiles(200, rng.randrange(2**31))
        if not batch or not any(
            referral_paths(index, {**p, "use_outcomes": False}, 1).paths for p in batch[:50]
        ):
            return history  # nobody can be referred anywhere: no history to draw
        for profile in batch:
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
    with ``rungs`` each client's rung is recorded again after six months.
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
        sent = send_referral(db, body, user=worker, at=at)
        codes[r.client] = sent["client_code"]
        if r.started:
            moves = ["accepted", "started", "completed" if rng.random() < 0.875 else "dropped_out"]
        else:
            moves = ["declined"] if rng.random() < 0.5 else ["accepted", "no_show"]
        later = at
        for status in moves:
            change: dict[str, Any] = {"status": status}
            if status in ("declined", "dropped_out"):
                change["reason"] = rng.choice(REASONS)
            later += dt.timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8))
            move_referral(db, sent["id"], change, user=worker, at=later)
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
    rung = int(r.profile["rung"])  # the intake rung came with the referral
    later = at.date() + dt.timedelta(days=182)
    if later <= day:
        moved = min(6, rung + (1 if r.started and rng.random() < 0.6 else 0))
        record_rung(db, code, {"rung": moved, "date": later.isoformat()}, user=worker)
