"""The k cheapest distinct minimal referral paths over a set of eligible offers, made diverse.

Pure arrays in, paths out: this module knows no graph, profile or language.

A path is a sequence of distinct offers.  The client starts on ``rung``;
after a step the rung reached is ``max(reached, leads_to)``; each step must
accept the rung reached before it; a gated offer (``requires_referral_by``)
needs an earlier step at one of its referrer organisations, or a referrer in
``known_to``; the path ends as soon as it reaches ``goal``.  A step costs its
own cost plus the handover from the previous step: ``start`` for the first,
``warm`` along a warm pair, else ``cold``.

How (exact, and fast on 10⁵ offers):

1. **Backward DP by rung level** (:func:`cost_to_goal`).  ``D[r][v]`` is the
   cheapest cost to reach the goal after taking offer ``v`` with rung ``r``
   reached.  A cold handover goes to *any* offer accepting ``r``, so it is one
   "hub" minimum per level (``cold + min_w key[r][w]``); warm handovers are the
   sparse pairs.  Everything is numpy over all offers at once, level by level
   from the goal down; offers that keep the rung (lateral) are iterated to a
   fixpoint.  Referral rules and "no offer twice" are left out, so ``D`` is a
   lower bound (an admissible heuristic), never an overestimate.
2. **Best-first enumeration** (:func:`k_cheapest_paths`).  A heap of partial
   paths keyed by ``cost so far + D`` pops complete paths in cost order.  The
   cold successors of a partial path are not pushed all at once (thousands):
   a *cursor* walks the level's offers sorted by ``key`` and pushes the next
   one only when the previous one is popped; warm successors (few) are
   pushed directly.  Each sequence is generated once, so there are no
   duplicates.
3. **Minimal paths only**: a complete path is kept only if no step can be
   dropped with the rest still valid (such a path is always dearer than the
   one without the step, see :mod:`~socialmap.routing.cost`).

4. **Diverse paths** (:func:`diverse_paths`, what the engine calls).  The
   second-cheapest path is often the cheapest one with its last step swapped,
   which gives a social worker no real choice.  So the answer is chosen in
   rounds: round 1 takes the cheapest path; every later round takes the
   cheapest path not yet chosen when each offer costs ``shared`` more per
   earlier chosen path it is on (``Weights.shared_step``: a path that repeats a
   step of a better one must be worth one more referral to be shown).  The
   paths keep their true cost, in the order they were chosen.  With
   ``shared = 0`` this is exactly the k cheapest paths.

Ties are broken by the sequence of offer indices (the callers number offers in
id order), so the result is deterministic.  Bounds, documented because they
trade exactness for a bounded answer time: each (offer, rung, referrals held)
state is extended at most ``2k + 2`` times, and at most ``max_pops`` partial
paths are popped (``truncated`` then says so).  With gated offers the
heuristic is a relaxation, so a search may pop more, never return a wrong or
invalid path.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "Network",
    "FoundPath",
    "cost_to_goal",
    "k_cheapest_paths",
    "diverse_paths",
    "highest_rung",
    "is_valid",
    "is_minimal",
    "INF",
]

#: Infinite cost (micro-units); sums of two stay below 2**63.
INF = np.int64(2**60)

MAX_POPS = 60_000


@dataclass
class Network:
    """Eligible offers as parallel arrays (index ``0..m-1``, in offer-id order).

    ``accepts`` is a bit set (bit ``r`` = accepts rung ``r``); ``cost`` the
    step cost without handover (int micro-units); ``warm_ptr``/``warm_dst``
    the successors of each offer with a handover cost of their own (CSR):
    ``warm_cost`` the cost along each (default: ``warm`` for all) and
    ``warm_kind`` whether a ``refers-to`` link makes it warm (a pair priced by
    observed outcomes may be cold, and may cost more than ``cold``);
    ``first_dst``/``first_cost`` first steps whose handover is priced by their
    outcomes (else ``start``); ``referrers`` the organisations of
    ``requires_referral_by`` (empty tuple: not gated).
    """

    accepts: np.ndarray
    leads_to: np.ndarray
    cost: np.ndarray
    org: np.ndarray
    referrers: Sequence[tuple[int, ...]]
    warm_ptr: np.ndarray
    warm_dst: np.ndarray
    start: int = 0
    warm: int = 0
    cold: int = 0
    warm_cost: np.ndarray | None = None
    #: Per pair: a ``refers-to`` link (True) or a cold handover priced by its outcomes.
    warm_kind: np.ndarray | None = None
    #: First steps priced by their outcomes (sorted offers) and their handover costs.
    first_dst: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    first_cost: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        if self.warm_cost is None:
            self.warm_cost = np.full(len(self.warm_dst), self.warm, dtype=np.int64)
        if self.warm_kind is None:
            self.warm_kind = np.ones(len(self.warm_dst), dtype=bool)

    @property
    def handover(self) -> np.ndarray:
        """The handover cost along each warm pair (aligned with ``warm_dst``)."""
        assert self.warm_cost is not None
        return self.warm_cost

    @property
    def m(self) -> int:
        """Number of offers."""
        return len(self.cost)

    def accepting(self, rung: int) -> np.ndarray:
        """Boolean: which offers accept ``rung``."""
        return ((self.accepts >> np.uint8(rung)) & np.uint8(1)).astype(bool)

    def warm_of(self, v: int) -> np.ndarray:
        """The warm successors of offer ``v``."""
        return self.warm_dst[self.warm_ptr[v] : self.warm_ptr[v + 1]]

    def is_warm(self, u: int, v: int) -> bool:
        """Is the handover from ``u`` to ``v`` warm?"""
        succ = self.warm_of(u)
        i = int(np.searchsorted(succ, v))
        return i < len(succ) and int(succ[i]) == v


@dataclass(frozen=True)
class FoundPath:
    """A path: offers (local indices), handovers, cost (micro-units), rung reached.

    ``score`` is the cost it was chosen by (with :func:`diverse_paths`' penalty for
    steps shared with better paths); ``None``: the cost itself.
    """

    steps: tuple[int, ...]
    handovers: tuple[str, ...]
    cost: int
    reaches: int
    score: int | None = None

    @property
    def rank_cost(self) -> int:
        """The cost this path was ranked by (its score, else its cost)."""
        return self.cost if self.score is None else self.score


@dataclass
class SearchResult:
    """Paths found, and whether a bound stopped the search early."""

    paths: list[FoundPath] = field(default_factory=list)
    truncated: bool = False


def cost_to_goal(net: Network, rung: int, goal: int) -> dict[int, np.ndarray]:
    """Per level ``r`` in ``rung..goal-1`` (at least ``rung``): ``key[r][w]``.

    ``key[r][w]`` = cost of stepping to ``w`` with ``r`` reached (without the
    handover) plus the (relaxed) cheapest cost from there to the goal; INF when
    ``w`` does not accept ``r`` or the goal cannot be reached after it.

    >>> net = Network(accepts=np.array([2, 4], dtype=np.uint8), leads_to=np.array([2, 3]),
    ...               cost=np.array([10, 10]), org=np.array([0, 1]), referrers=[(), ()],
    ...               warm_ptr=np.array([0, 1, 1]), warm_dst=np.array([1]), warm=1, cold=5)
    >>> {r: k.tolist() for r, k in sorted(cost_to_goal(net, 1, 3).items())}
    {1: [21, 1152921504606846976], 2: [1152921504606846976, 10]}
    """
    top = max(goal - 1, rung)
    D: dict[int, np.ndarray] = {}
    keys: dict[int, np.ndarray] = {}
    src = np.repeat(np.arange(net.m), np.diff(net.warm_ptr))
    dst = net.warm_dst.astype(np.int64)
    for r in range(top, rung - 1, -1):
        acc = net.accepting(r)
        nxt = np.maximum(r, net.leads_to.astype(np.int64))
        tail = np.where(nxt >= goal, np.int64(0), INF)
        for s in range(r + 1, goal):
            if s in D:
                higher = nxt == s
                tail[higher] = D[s][higher]
        lateral = acc & (nxt == r) & (nxt < goal)
        pairs = acc[dst]
        p_src, p_dst = src[pairs], dst[pairs]
        d_r = np.full(net.m, INF)
        while True:
            t = tail.copy()
            t[lateral] = d_r[lateral]
            key = np.where(acc, np.minimum(net.cost + t, INF), INF)
            hub = np.minimum(net.cold + key.min(initial=INF), INF)
            best = np.full(net.m, INF)
            np.minimum.at(best, p_src, np.minimum(net.handover[pairs] + key[p_dst], INF))
            new = np.minimum(best, hub)
            if np.array_equal(new, d_r):
                break
            d_r = new
        D[r], keys[r] = d_r, key
    return keys


def highest_rung(net: Network, rung: int) -> int:
    """The highest rung any sequence of offers can reach (referral rules relaxed).

    ``0`` when no offer accepts ``rung``.

    >>> net = Network(accepts=np.array([2, 8], dtype=np.uint8), leads_to=np.array([2, 4]),
    ...               cost=np.zeros(2), org=np.zeros(2), referrers=[(), ()],
    ...               warm_ptr=np.zeros(3, dtype=int), warm_dst=np.array([], dtype=int))
    >>> highest_rung(net, 1), highest_rung(net, 2), highest_rung(net, 5)
    (2, 0, 0)
    """
    reached: set[int] = {rung}
    best = 0
    for r in range(rung, 7):
        if r not in reached:
            continue
        leads = net.leads_to[net.accepting(r)]
        if len(leads):
            top = max(r, int(leads.max()))
            best = max(best, top)
            reached.update(max(r, int(x)) for x in np.unique(leads))
    return best


class _Sorted:
    """The offers accepting one level, sorted by (key, index) lazily, in growing chunks."""

    def __init__(self, key: np.ndarray) -> None:
        self.key = key
        self.rest = np.flatnonzero(key < INF)
        self.order: list[int] = []
        self.chunk = 32

    def get(self, pos: int) -> int | None:
        while pos >= len(self.order) and len(self.rest):
            values = self.key[self.rest]
            t = min(self.chunk, len(self.rest))
            cut = np.partition(values, t - 1)[t - 1]
            take = values <= cut
            chosen = self.rest[take]
            # stable: ``rest`` is in index order, so equal keys stay in index order
            self.order.extend(chosen[np.argsort(values[take], kind="stable")].tolist())
            self.rest = self.rest[~take]
            self.chunk *= 4
        return self.order[pos] if pos < len(self.order) else None


def is_valid(
    net: Network, steps: Sequence[int], rung: int, goal: int, known_to: frozenset[int]
) -> bool:
    """Is ``steps`` a valid path (acceptance, referrals, reaches ``goal``, no repeats)?"""
    if not steps or len(set(steps)) != len(steps):
        return False
    reached, orgs = rung, set(known_to)
    for v in steps:
        if not (int(net.accepts[v]) >> reached) & 1:
            return False
        refs = net.referrers[v]
        if refs and orgs.isdisjoint(refs):
            return False
        reached = max(reached, int(net.leads_to[v]))
        orgs.add(int(net.org[v]))
    return reached >= goal


def is_minimal(
    net: Network, steps: Sequence[int], rung: int, goal: int, known_to: frozenset[int]
) -> bool:
    """A valid path none of whose steps can be dropped with the rest still valid."""
    seq = list(steps)
    return all(
        not is_valid(net, seq[:i] + seq[i + 1 :], rung, goal, known_to) for i in range(len(seq))
    )


class _Label(NamedTuple):
    """A partial path: its steps, cost so far, handovers, organisations held, rung reached."""

    steps: tuple[int, ...]
    g: int
    handovers: tuple[str, ...]
    orgs: frozenset[int]
    reached: int


def k_cheapest_paths(
    net: Network,
    rung: int,
    goal: int,
    k: int,
    known_to: frozenset[int] = frozenset(),
    *,
    max_pops: int = MAX_POPS,
) -> SearchResult:
    """The ``k`` cheapest distinct minimal paths from ``rung`` to ``goal`` (or higher).

    >>> net = Network(accepts=np.array([2, 2, 4], dtype=np.uint8), leads_to=np.array([2, 2, 3]),
    ...               cost=np.array([10, 12, 10]), org=np.array([0, 1, 2]),
    ...               referrers=[(), (), ()], warm_ptr=np.array([0, 0, 1, 1]),
    ...               warm_dst=np.array([2]), warm=1, cold=5)
    >>> [(p.steps, p.handovers, p.cost) for p in k_cheapest_paths(net, 1, 3, k=3).paths]
    [((1, 2), ('start', 'warm'), 23), ((0, 2), ('start', 'cold'), 25)]
    """
    result = SearchResult()
    if net.m == 0 or k < 1:
        return result
    keys = cost_to_goal(net, rung, goal)
    lists = {r: _Sorted(key) for r, key in keys.items()}
    relevant = frozenset(o for refs in net.referrers for o in refs)
    known = frozenset(known_to)
    limit = 2 * k + 2
    expanded: dict[tuple[int, int, frozenset[int]], int] = {}
    # Heap items: (f, steps, kind, payload).  kind 1: the offer at ``pos`` of a cold
    # cursor, payload (parent, skip, pos); kind 0: a warm step, payload parent.
    heap: list[tuple[int, tuple[int, ...], int, Any]] = []

    def allowed(w: int, parent: _Label) -> bool:
        refs = net.referrers[w]
        return not refs or not parent.orgs.isdisjoint(refs)

    def push_cursor(parent: _Label, skip: frozenset[int], pos: int) -> None:
        level = lists[parent.reached]
        while (w := level.get(pos)) is not None:
            if w not in skip and allowed(w, parent):
                penalty = net.cold if parent.steps else net.start
                f = int(parent.g + penalty + level.key[w])
                heapq.heappush(heap, (f, parent.steps + (w,), 1, (parent, skip, pos)))
                return
            pos += 1

    assert net.warm_kind is not None
    kinds = np.where(net.warm_kind, "warm", "cold")

    def push_warm(parent: _Label) -> None:
        key, u = keys[parent.reached], parent.steps[-1]
        lo, hi = int(net.warm_ptr[u]), int(net.warm_ptr[u + 1])
        for w, handover, kind in zip(
            net.warm_dst[lo:hi].tolist(),
            net.handover[lo:hi].tolist(),
            kinds[lo:hi].tolist(),
            strict=True,
        ):
            if key[w] < INF and w not in parent.steps and allowed(w, parent):
                f = int(parent.g + handover + key[w])
                heapq.heappush(heap, (f, parent.steps + (w,), 0, (parent, handover, kind)))

    root = _Label((), 0, (), known, rung)
    key = keys[rung]
    for w, handover in zip(net.first_dst.tolist(), net.first_cost.tolist(), strict=True):
        if key[w] < INF and allowed(w, root):
            f = int(handover + key[w])
            heapq.heappush(heap, (f, (w,), 0, (root, handover, "start")))
    push_cursor(root, frozenset(net.first_dst.tolist()), 0)
    pops = 0
    while heap and len(result.paths) < k:
        pops += 1
        if pops > max_pops:
            result.truncated = True
            break
        _, steps, kind, payload = heapq.heappop(heap)
        if kind == 1:
            parent, skip, pos = payload
            push_cursor(parent, skip, pos + 1)  # queue the cursor's next offer
            handover = "cold" if parent.steps else "start"
            penalty = net.cold if parent.steps else net.start
        else:
            parent, penalty, handover = payload
        w = steps[-1]
        label = _Label(
            steps,
            int(parent.g + penalty + net.cost[w]),
            parent.handovers + (handover,),
            parent.orgs | ({int(net.org[w])} & relevant),
            max(parent.reached, int(net.leads_to[w])),
        )
        if label.reached >= goal:
            if is_minimal(net, steps, rung, goal, known):
                result.paths.append(FoundPath(steps, label.handovers, label.g, label.reached))
            continue
        state = (w, label.reached, label.orgs)
        if expanded.get(state, 0) >= limit:
            continue
        expanded[state] = expanded.get(state, 0) + 1
        push_warm(label)
        push_cursor(label, frozenset(steps) | frozenset(net.warm_of(w).tolist()), 0)
    return result


def diverse_paths(
    net: Network,
    rung: int,
    goal: int,
    k: int,
    known_to: frozenset[int] = frozenset(),
    *,
    shared: int = 0,
    max_pops: int = MAX_POPS,
) -> SearchResult:
    """``k`` paths chosen in rounds, each the cheapest when shared steps cost ``shared`` more.

    Round ``i`` searches with every offer dearer by ``shared`` × (number of paths
    already chosen that use it) and takes the cheapest path not yet chosen.
    Costs stay the true ones; ``score`` is the penalised cost it was chosen by.

    >>> net = Network(accepts=np.array([2, 2, 4, 4], dtype=np.uint8),
    ...               leads_to=np.array([2, 2, 3, 3]), cost=np.array([10, 12, 10, 14]),
    ...               org=np.array([0, 1, 2, 3]), referrers=[(), (), (), ()],
    ...               warm_ptr=np.zeros(5, dtype=int), warm_dst=np.array([], dtype=int), cold=5)
    >>> [p.steps for p in k_cheapest_paths(net, 1, 3, k=2).paths]
    [(0, 2), (1, 2)]
    >>> [(p.steps, p.cost, p.score) for p in diverse_paths(net, 1, 3, k=2, shared=20).paths]
    [((0, 2), 25, 25), ((1, 3), 31, 31)]
    """
    if shared <= 0:
        return k_cheapest_paths(net, rung, goal, k, known_to, max_pops=max_pops)
    result = SearchResult()
    used = np.zeros(net.m, dtype=np.int64)
    chosen: set[tuple[int, ...]] = set()
    for taken in range(k):
        penalised = replace(net, cost=net.cost + shared * used) if taken else net
        found = k_cheapest_paths(penalised, rung, goal, taken + 1, known_to, max_pops=max_pops)
        result.truncated |= found.truncated
        new = next((p for p in found.paths if p.steps not in chosen), None)
        if new is None:
            break
        steps = list(new.steps)
        cost = new.cost - shared * int(used[steps].sum())
        result.paths.append(FoundPath(new.steps, new.handovers, cost, new.reaches, new.cost))
        chosen.add(new.steps)
        used[steps] += 1
    return result
