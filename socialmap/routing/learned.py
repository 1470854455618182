"""Outcomes that teach the routing: handovers priced by the share of clients who started.

The routing index carries the outcome counts per handover
(:class:`socialmap.referrals.outcomes.Outcomes`, refreshed by the routing model
from the change feed).  :func:`priced_by_outcomes` turns those with at least
:data:`~socialmap.routing.cost.MIN_OUTCOMES` outcomes into handover costs of the
search network (:func:`~socialmap.routing.cost.outcome_cost`): a first step into
an offer, or a handover from an organisation's offers to an offer — replacing the
warm cost along a ``refers-to`` link, or adding a priced cold pair where there is
none.  :func:`step_share` gives a step's estimated share started (the prior where
data is thin) and the counts behind it, for the reasons and a path's chance.

The counts are compiled once per routing index into arrays (kept on the
:class:`Outcomes` object), so a query prices every observed handover with a few
numpy operations, whatever their number.  No SQL, no language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .cost import MIN_OUTCOMES, Weights, prior_share, smoothed_share, to_units

if TYPE_CHECKING:
    from ..referrals.outcomes import Outcomes
    from .index import RoutingIndex

__all__ = ["Pairs", "priced_by_outcomes", "step_share", "handover_units"]


@dataclass(frozen=True)
class Pairs:
    """Handover pairs of the search network (local offer positions): cost and warmth
    (0: a cold pair priced by its outcomes)."""

    src: np.ndarray
    dst: np.ndarray
    cost: np.ndarray
    warmth: np.ndarray


def handover_units(
    static: np.ndarray, prior: np.ndarray, started: np.ndarray, total: np.ndarray, w: Weights
) -> np.ndarray:
    """:func:`~socialmap.routing.cost.outcome_cost` over arrays (every total ≥ 5).

    >>> handover_units(np.array([1_000_000]), np.array([0.55]), np.array([1]), np.array([10]),
    ...                Weights()).tolist()
    [3195174]
    """
    share = (started + prior * w.prior_referrals) / (total + w.prior_referrals)
    extra = np.rint(w.outcome * np.log(prior / share) * 1_000_000).astype(np.int64)
    return np.maximum(0, static.astype(np.int64) + extra)


def _compiled(ix: RoutingIndex, outcomes: Outcomes) -> dict[str, np.ndarray]:
    """The handovers with at least five outcomes whose offer (and organisation) the index
    knows, as arrays: ``prev`` (organisation index, -1 for a first step), ``offer``
    (global index), ``started``, ``total``.  Cached on ``outcomes`` for this index."""
    key = (id(ix.position), id(ix.org_position))
    cached: dict[str, Any] = outcomes.compiled
    if cached.get("key") == key:
        return cached["arrays"]  # type: ignore[no-any-return]
    rows = sorted(
        (
            ix.org_position[p] if p is not None else -1,
            ix.position[o],
            started,
            total,
        )
        for (p, o), (started, total) in outcomes.counts.items()
        if total >= MIN_OUTCOMES and o in ix.position and (p is None or p in ix.org_position)
    )
    table = np.array(rows, dtype=np.int64).reshape(-1, 4)
    arrays = {"prev": table[:, 0], "offer": table[:, 1], "started": table[:, 2]}
    arrays["total"] = table[:, 3]
    cached.clear()
    cached.update(key=key, arrays=arrays, index=ix.position)  # keep the key's dict alive
    return arrays


def priced_by_outcomes(
    ix: RoutingIndex,
    offers: np.ndarray,
    pairs: Pairs,
    outcomes: Outcomes,
    w: Weights,
) -> tuple[Pairs, tuple[np.ndarray, np.ndarray]]:
    """``pairs`` with the observed handovers priced, and the priced first steps.

    ``offers`` are the network's offers (global indices, sorted); deterministic.
    """
    c = _compiled(ix, outcomes)
    local = np.full(ix.n, -1, dtype=np.int64)
    local[offers] = np.arange(len(offers))
    v = local[c["offer"]] if len(c["offer"]) else np.zeros(0, dtype=np.int64)
    keep = v >= 0
    first = keep & (c["prev"] < 0)
    first_dst = v[first]
    first_cost = handover_units(
        np.full(len(first_dst), to_units(w.start)),
        np.full(len(first_dst), w.share_start),
        c["started"][first],
        c["total"][first],
        w,
    )
    order = np.argsort(first_dst, kind="stable")
    handover = keep & (c["prev"] >= 0)
    if handover.any():
        pairs = _priced_pairs(ix, offers, pairs, c["prev"][handover], v[handover], c, handover, w)
    return pairs, (first_dst[order], first_cost[order])


def _priced_pairs(
    ix: RoutingIndex,
    offers: np.ndarray,
    pairs: Pairs,
    prev: np.ndarray,
    dst: np.ndarray,
    c: dict[str, np.ndarray],
    rows: np.ndarray,
    w: Weights,
) -> Pairs:
    """Expand each observed (organisation → offer) to the organisation's offers in the
    network, then price existing pairs and add the cold ones."""
    org = ix.organisation[offers].astype(np.int64)
    by_org = np.argsort(org, kind="stable")
    start = np.searchsorted(org[by_org], prev, side="left")
    end = np.searchsorted(org[by_org], prev, side="right")
    counts = end - start
    owner = np.repeat(np.arange(len(prev)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    src = by_org[np.repeat(start, counts) + offsets]
    target = dst[owner]
    started, total = c["started"][rows][owner], c["total"][rows][owner]
    distinct = src != target
    src, target, started, total = (
        src[distinct],
        target[distinct],
        started[distinct],
        total[distinct],
    )
    m = len(offers)
    existing = pairs.src.astype(np.int64) * m + pairs.dst.astype(np.int64)
    wanted = src * m + target
    sorter = np.argsort(existing, kind="stable")
    at = (
        np.searchsorted(existing, wanted, sorter=sorter)
        if len(existing)
        else np.zeros(len(wanted), dtype=np.int64)
    )
    at = np.minimum(at, max(len(existing) - 1, 0))
    found = existing[sorter[at]] == wanted if len(existing) else np.zeros(len(wanted), dtype=bool)
    cost, warmth = pairs.cost.copy(), pairs.warmth.copy()
    hit = sorter[at[found]] if len(existing) else np.zeros(0, dtype=np.int64)
    prior = w.share_cold + (w.share_warm - w.share_cold) * warmth[hit]
    cost[hit] = handover_units(pairs.cost[hit], prior, started[found], total[found], w)
    new = ~found
    new_cost = handover_units(
        np.full(int(new.sum()), to_units(w.cold)),
        np.full(int(new.sum()), w.share_cold),
        started[new],
        total[new],
        w,
    )
    return Pairs(
        np.concatenate([pairs.src, src[new]]),
        np.concatenate([pairs.dst, target[new]]),
        np.concatenate([cost, new_cost]),
        np.concatenate([warmth, np.zeros(int(new.sum()))]),
    )


def step_share(
    outcomes: Outcomes | None,
    previous_organisation: str | None,
    offer: str,
    handover: str,
    warmth: float,
    w: Weights,
) -> tuple[float, tuple[int, int] | None]:
    """A step's estimated share started, and ``(started, total)`` when the data decided it.

    >>> from socialmap.referrals.outcomes import Outcomes
    >>> o = Outcomes({(None, "coffee"): (8, 11), ("college", "job"): (1, 2)})
    >>> share, seen = step_share(o, None, "coffee", "start", 1.0, Weights())
    >>> round(share, 3), seen
    (0.733, (8, 11))
    >>> step_share(o, "college", "job", "cold", 0.0, Weights())
    (0.55, None)
    """
    prior = prior_share(handover, warmth, w)
    if outcomes is None:
        return prior, None
    key = None if handover == "start" else previous_organisation
    started, total = outcomes.get(key, offer)
    if total < MIN_OUTCOMES:
        return prior, None
    return smoothed_share(started, total, prior, w), (started, total)
