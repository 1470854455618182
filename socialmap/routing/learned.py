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
Pure arrays and counts: no SQL, no language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .cost import (
    MIN_OUTCOMES,
    Weights,
    outcome_cost,
    prior_share,
    smoothed_share,
    to_units,
)

if TYPE_CHECKING:
    from ..referrals.outcomes import Outcomes
    from .index import RoutingIndex

__all__ = ["Pairs", "priced_by_outcomes", "step_share"]


@dataclass(frozen=True)
class Pairs:
    """Handover pairs of the search network (local offer positions): cost and warmth
    (0: a cold pair priced by its outcomes)."""

    src: np.ndarray
    dst: np.ndarray
    cost: np.ndarray
    warmth: np.ndarray


def _local(offers: np.ndarray, g: int) -> int:
    """The position of global offer ``g`` in the sorted ``offers``, or -1."""
    i = int(np.searchsorted(offers, g))
    return i if i < len(offers) and int(offers[i]) == g else -1


def priced_by_outcomes(
    ix: RoutingIndex,
    offers: np.ndarray,
    pairs: Pairs,
    outcomes: Outcomes,
    w: Weights,
) -> tuple[Pairs, tuple[np.ndarray, np.ndarray]]:
    """``pairs`` with the observed handovers priced, and the priced first steps.

    ``offers`` are the network's offers (global indices, sorted).  Deterministic: the
    counts are read in sorted order.
    """
    first: dict[int, int] = {}
    observed: list[tuple[int, int, int, int]] = []  # (org index, local offer, started, total)
    for (previous, offer_id), (started, total) in sorted(
        outcomes.counts.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])
    ):
        if total < MIN_OUTCOMES or offer_id not in ix.position:
            continue
        v = _local(offers, ix.position[offer_id])
        if v < 0:
            continue
        if previous is None:
            first[v] = outcome_cost(to_units(w.start), w.share_start, started, total, w)
        elif previous in ix.org_position:
            observed.append((ix.org_position[previous], v, started, total))
    if observed:
        pairs = _priced_pairs(ix, offers, pairs, observed, w)
    order = sorted(first)
    return pairs, (
        np.array(order, dtype=np.int64),
        np.array([first[v] for v in order], dtype=np.int64),
    )


def _priced_pairs(
    ix: RoutingIndex,
    offers: np.ndarray,
    pairs: Pairs,
    observed: list[tuple[int, int, int, int]],
    w: Weights,
) -> Pairs:
    cost, warmth = pairs.cost.copy(), pairs.warmth.copy()
    index = {
        (int(u), int(v)): i
        for i, (u, v) in enumerate(zip(pairs.src.tolist(), pairs.dst.tolist(), strict=True))
    }
    org = ix.organisation[offers]
    new_src: list[int] = []
    new_dst: list[int] = []
    new_cost: list[int] = []
    for organisation, v, started, total in observed:
        for u in np.flatnonzero(org == organisation).tolist():
            if u == v:
                continue
            i = index.get((u, v))
            if i is not None:
                prior = prior_share("warm", float(warmth[i]), w)
                cost[i] = outcome_cost(int(pairs.cost[i]), prior, started, total, w)
            else:
                new_src.append(u)
                new_dst.append(v)
                new_cost.append(outcome_cost(to_units(w.cold), w.share_cold, started, total, w))
    return Pairs(
        np.concatenate([pairs.src, np.array(new_src, dtype=np.int64)]),
        np.concatenate([pairs.dst, np.array(new_dst, dtype=np.int64)]),
        np.concatenate([cost, np.array(new_cost, dtype=np.int64)]),
        np.concatenate([warmth, np.zeros(len(new_src))]),
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
