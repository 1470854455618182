"""The cost model of referral paths: the one place with the tunable weights.

A path's cost is the sum of its steps' costs; a step costs

    step + handover + per_km × distance_km + online (if taken online)
         + per_wait_week × wait_weeks + no_childcare (if the client needs childcare
           and the offer has none) + funding_risk (if its funding ends before the
           client is likely through: within wait_weeks + 8 weeks)
         + unstated × (restrictions the profile does not decide)

with ``handover`` = ``start`` for the first step, ``warm`` when a ``refers-to``
link joins the previous step (or its organisation) to this one (or its
organisation), else ``cold``.  The unit is "one referral": ``step = 1``.

A link goes quiet when nobody confirms it (staff change; the seeds' "versandet"):
its warmth decays with the age of ``last_confirmed`` (a link that states none
keeps its warmth: nothing says it went quiet) — full within ``warm_full_days`` (365),
falling linearly to none at ``warm_none_days`` (730), so a handover along it
costs ``warm + (cold − warm) × (1 − warmth)``; a link with no warmth left is a
cold handover (:func:`warmth`).

Why these weights (defaults of :class:`Weights`):

* ``step = 1.0`` — every referral is a threshold the client may not cross, so
  a shorter path is better even when each step is near.
* ``cold = 1.0`` vs ``warm = 0.2`` — a cold referral ("go and ring them")
  loses clients; a warm one (an agreed handover) mostly does not.  A cold
  handover counts as much as a whole extra step.
* ``start = 0.0`` — the first step is where the social worker sends the client
  anyway; it has no previous step to hand over from.
* ``per_km = 0.1`` — 10 km weigh as much as one more step; 1 km is a walk.
* ``online = 0.3`` — no travel, but a device and digital skills are needed;
  about as much as 3 km.
* ``per_wait_week = 0.05`` — a month's wait weighs like 2 km.
* ``no_childcare = 0.6`` — a parent who needs childcare often cannot attend
  without it; it is a preference, not a rule (DESIGN.md).
* ``funding_risk = 0.5`` — an offer whose funding ends within the wait plus
  :data:`FUNDING_RUNWAY_DAYS` (8 weeks) may close before the client is through:
  half a step, so a lasting offer nearby wins, yet a unique one is still found.
* ``unstated = 0.3`` — per restriction (age, gender, target group, residence
  status, work ban) the profile leaves open: the offer may turn out not to fit
  ("check"), so an open offer ranks above it unless it is 3 km nearer.
* ``shared_step = 1.0`` — not a cost of any path but the rule that makes the k
  paths differ: after the cheapest path, each next path is the cheapest one when
  every offer already on a chosen path costs one more referral per such path
  (:func:`~socialmap.routing.search.diverse_paths`).  The paths shown keep their
  true cost.  ``0`` gives the plain k cheapest paths of DESIGN.md.

Outcomes that teach the routing.  Where at least :data:`MIN_OUTCOMES` (5) referrals
along a handover — (organisation of the previous step → offer), or the first step
into an offer — have an outcome in the last twelve months, the handover's cost
uses the share of clients who started there:

    handover + outcome × ln(prior / share)        (never below 0)

with ``share`` the Beta-smoothed share ``(started + prior × prior_referrals) /
(referrals + prior_referrals)`` and ``prior`` the share the static model stands
for: ``share_start`` for a first step, ``share_warm`` for a warm handover (falling
with its warmth towards ``share_cold``), ``share_cold`` for a cold one.  A share
equal to the prior leaves the static cost; a worse one costs more, a better one
less.  ``outcome = 2.5`` makes the two static handovers agree with their priors:
a cold handover whose clients start as often as along a warm one (0.75 instead of
0.55) costs 1.0 − 2.5 × ln(0.75 / 0.55) ≈ 0.22 ≈ ``warm``.  The shares (0.75 for
an agreed or first handover, 0.55 for "go and ring them") follow the studies of
referral chains: about 70 % arrive per handover, fewer when nobody is accountable.
Below five outcomes the static cost applies.  Each path's estimated chance of
completing it is the product of its steps' shares (the prior where data is thin).

Invariant (checked): ``step ≥ cold − warm``.  Dropping a step then never makes
a path dearer (the next handover may turn cold, but the step's own cost goes),
so the cheapest path never contains a step it could drop.

Costs are computed in integer micro-units (:data:`SCALE`): sums are exact, so
equal paths tie exactly and ties are broken by offer ids, not by rounding.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

__all__ = [
    "Weights",
    "DEFAULT_WEIGHTS",
    "SCALE",
    "step_costs",
    "to_units",
    "from_units",
    "warmth",
    "handover_costs",
    "funding_at_risk",
    "FUNDING_RUNWAY_DAYS",
    "MIN_OUTCOMES",
    "prior_share",
    "smoothed_share",
    "outcome_cost",
]

#: Referrals with an outcome a handover needs before its observed share counts.
MIN_OUTCOMES = 5

#: Micro-units per cost unit.
SCALE = 1_000_000

#: Days a client is likely to need on an offer after the wait (8 weeks).
FUNDING_RUNWAY_DAYS = 56


@dataclass(frozen=True)
class Weights:
    """Named, tunable weights of the cost model (see the module docstring).

    >>> Weights(warm=0.5).cold
    1.0
    >>> Weights(step=0.1, cold=1.0, warm=0.2)
    Traceback (most recent call last):
    ...
    ValueError: Weights: step (0.1) must be at least cold - warm (0.8), or the cheapest ...
    """

    step: float = 1.0
    start: float = 0.0
    warm: float = 0.2
    cold: float = 1.0
    per_km: float = 0.1
    online: float = 0.3
    per_wait_week: float = 0.05
    no_childcare: float = 0.6
    funding_risk: float = 0.5
    unstated: float = 0.3
    shared_step: float = 1.0
    warm_full_days: float = 365.0
    warm_none_days: float = 730.0
    outcome: float = 2.5
    share_start: float = 0.75
    share_warm: float = 0.75
    share_cold: float = 0.55
    prior_referrals: float = 4.0

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if value < 0:
                raise ValueError(f"Weights.{name}: {value!r} must not be negative")
        for name in ("share_start", "share_warm", "share_cold"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"Weights.{name}: {getattr(self, name)!r} must lie in (0, 1]")
        if self.cold < self.warm:
            raise ValueError(f"Weights: cold ({self.cold}) must be at least warm ({self.warm})")
        if self.step < self.cold - self.warm:
            raise ValueError(
                f"Weights: step ({self.step}) must be at least cold - warm "
                f"({self.cold - self.warm:g}), or the cheapest path may hold a step it could drop"
            )
        if self.start > self.warm:
            raise ValueError(f"Weights: start ({self.start}) must not exceed warm ({self.warm})")
        if self.warm_none_days <= self.warm_full_days:
            raise ValueError(
                f"Weights: warm_none_days ({self.warm_none_days:g}) must exceed "
                f"warm_full_days ({self.warm_full_days:g})"
            )


DEFAULT_WEIGHTS = Weights()


def to_units(value: float) -> int:
    """Cost units -> integer micro-units.

    >>> to_units(1.25)
    1250000
    """
    return round(value * SCALE)


def from_units(units: int) -> float:
    """Integer micro-units -> cost units, rounded to 3 decimals for people.

    >>> from_units(1_234_567)
    1.235
    """
    return round(units / SCALE, 3)


def step_costs(
    distance_km: np.ndarray,
    online: np.ndarray,
    wait_weeks: np.ndarray,
    childcare: np.ndarray,
    *,
    needs_childcare: bool,
    funding_days: np.ndarray | None = None,
    unstated: np.ndarray | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> np.ndarray:
    """The handover-free cost of taking each offer, in micro-units.

    Parameters
    ----------
    distance_km : array of float
        Distance to the location the client would go to; NaN when taken
        online or when the client has no home (no distance cost).
    online : array of bool
        Taken online (rather than at a location).
    wait_weeks : array of float
        Waiting time; NaN when unknown (no cost).
    childcare : array of bool
        The offer provides childcare.
    needs_childcare : bool
        The client needs childcare.
    funding_days : array of int, optional
        Days from the routing date until each offer's funding ends.
    unstated : array of int, optional
        Restrictions of each offer the profile does not decide.

    >>> step_costs(np.array([2.0, np.nan]), np.array([False, True]), np.array([4.0, np.nan]),
    ...            np.array([True, False]), needs_childcare=True).tolist()
    [1400000, 1900000]
    """
    cost = np.full(len(distance_km), weights.step)
    cost += weights.per_km * np.nan_to_num(distance_km, nan=0.0)
    cost += np.where(online, weights.online, 0.0)
    cost += weights.per_wait_week * np.nan_to_num(wait_weeks, nan=0.0)
    if needs_childcare:
        cost += np.where(childcare, 0.0, weights.no_childcare)
    if funding_days is not None:
        cost += np.where(funding_at_risk(funding_days, wait_weeks), weights.funding_risk, 0.0)
    if unstated is not None:
        cost += weights.unstated * np.asarray(unstated, dtype=float)
    return np.rint(cost * SCALE).astype(np.int64)


def funding_at_risk(funding_days: np.ndarray, wait_weeks: np.ndarray) -> np.ndarray:
    """Whether funding ends before a client starting now is likely through.

    >>> funding_at_risk(np.array([30, 30, 400]), np.array([np.nan, 0.0, 2.0])).tolist()
    [True, True, False]
    """
    runway = 7 * np.nan_to_num(np.asarray(wait_weeks, dtype=float), nan=0.0) + FUNDING_RUNWAY_DAYS
    return np.asarray(funding_days, dtype=float) < runway


def warmth(age_days: np.ndarray, weights: Weights = DEFAULT_WEIGHTS) -> np.ndarray:
    """How warm links are, from 1 (confirmed within a year) to 0 (not for two years).

    >>> warmth(np.array([0, 365, 547.5, 730, 2000, -10])).tolist()
    [1.0, 1.0, 0.5, 0.0, 0.0, 1.0]
    """
    span = weights.warm_none_days - weights.warm_full_days
    return np.clip((weights.warm_none_days - np.asarray(age_days, dtype=float)) / span, 0.0, 1.0)


def handover_costs(warm: np.ndarray, weights: Weights = DEFAULT_WEIGHTS) -> np.ndarray:
    """The handover cost (micro-units) along links of warmth ``warm``.

    >>> handover_costs(np.array([1.0, 0.5])).tolist()
    [200000, 600000]
    """
    cost = weights.cold - (weights.cold - weights.warm) * np.asarray(warm, dtype=float)
    return np.rint(cost * SCALE).astype(np.int64)


def prior_share(handover: str, warm: float = 1.0, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The share of clients the static model expects to start after a handover.

    >>> prior_share("start"), prior_share("cold"), prior_share("warm", 0.5)
    (0.75, 0.55, 0.65)
    """
    if handover == "start":
        return weights.share_start
    if handover == "cold":
        return weights.share_cold
    return round(weights.share_cold + (weights.share_warm - weights.share_cold) * warm, 12)


def smoothed_share(
    started: int, total: int, prior: float, weights: Weights = DEFAULT_WEIGHTS
) -> float:
    """The Beta-smoothed share started: the prior where data is thin, the data where not.

    >>> round(smoothed_share(8, 11, 0.55), 3), smoothed_share(0, 0, 0.55)
    (0.68, 0.55)
    """
    m = weights.prior_referrals
    return (started + prior * m) / (total + m)


def outcome_cost(
    static: int, prior: float, started: int, total: int, weights: Weights = DEFAULT_WEIGHTS
) -> int:
    """A handover's cost (micro-units) with its outcomes: ``static`` below
    :data:`MIN_OUTCOMES`, else ``static + outcome × ln(prior / share)``, at least 0.

    >>> outcome_cost(1_000_000, 0.55, 2, 3)  # too few: the static cost
    1000000
    >>> outcome_cost(1_000_000, 0.55, 1, 10), outcome_cost(1_000_000, 0.55, 10, 10)
    (3195174, 0)
    """
    if total < MIN_OUTCOMES:
        return static
    share = smoothed_share(started, total, prior, weights)
    return max(0, static + to_units(weights.outcome * math.log(prior / share)))
