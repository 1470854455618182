"""The routing engine: from a client profile to ranked, explained referral paths.

:func:`referral_paths` is the one entry point the CLI, the web app and the
analysis share.  Per query it (1) validates the profile and places the home,
(2) picks the candidate offers from the cached routing index, (3) evaluates
every hard rule on them at once, (4) prices the eligible ones
(:mod:`~socialmap.routing.cost`), (5) searches k cheap minimal paths that
differ — the cheapest, then each next the cheapest when steps shared with the
paths already chosen cost ``Weights.shared_step`` more
(:func:`~socialmap.routing.search.diverse_paths`) — and (6) explains them.

Which offers a query considers (and lists as ``excluded``):

* Small graphs (at most :data:`LARGE_GRAPH` offers): every offer of the home's
  region(s); every offer when there is no home or the home lies in no
  neighbourhood.  Each one the rules reject is listed in ``excluded``.
* Large graphs: offers with a location within ``max(3 × max_distance_km,
  15 km)`` of home, plus the online offers of the home's region(s).  The
  :data:`EXCLUDED_LIMIT` (100) nearest rejected offers with a location within
  that radius are listed in ``excluded``: in a city of 10,000 offers thousands
  are rejected, and neither a person nor a page reads them all; listing every
  women-only online course of a state helps nobody.  ``check_eligibility``
  answers "why not?" for any other offer.
* Online offers of *another* region are never considered: an online course
  of Gladbeck's Jobcenter is not for a resident of Den Haag.

Without ``max_distance_km`` a large graph is searched in growing radii
(from 20 km, see :data:`OPEN_RADII_KM`) and the search stops as soon as the
answer is provably the same as over the whole graph: any path with a step
beyond radius R costs at least ``step + per_km × R``, so once every path
found was chosen at a cost (with the penalty for shared steps) no dearer
than that, no farther offer can enter the answer.  With k paths chosen at
costs up to C, one more search within ``(C - step) / per_km`` settles it.

An offer both online and at a location is taken in whichever way is cheaper
(in person when within reach and ``per_km × distance ≤ online``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from ..errors import NotFound
from .cost import (
    DEFAULT_WEIGHTS,
    SCALE,
    Weights,
    from_units,
    handover_costs,
    step_costs,
    to_units,
    warmth,
)
from .eligibility import (
    Context,
    Evaluation,
    Reason,
    evaluate,
    exclusion_reasons,
    make_context,
    undecided_fields,
    unstated_rules,
)
from .explain import explain_path
from .index import RoutingIndex, routing_index, segments
from .learned import Pairs, priced_by_outcomes
from .profile import Profile, parse_profile
from .result import Excluded, RouteResult
from .search import FoundPath, Network, diverse_paths, highest_rung

__all__ = [
    "referral_paths",
    "as_index",
    "check_eligibility",
    "LARGE_GRAPH",
    "OPEN_RADII_KM",
    "EXCLUDED_MIN_KM",
    "EXCLUDED_FACTOR",
]

#: Above this many offers a query looks only near home (see the module docstring).
LARGE_GRAPH = 5000
#: On large graphs, excluded offers are listed within ``max(EXCLUDED_FACTOR ×
#: max_distance_km, EXCLUDED_MIN_KM)``, at most the EXCLUDED_LIMIT nearest.
EXCLUDED_MIN_KM = 15.0
EXCLUDED_FACTOR = 3.0
EXCLUDED_LIMIT = 100
#: Search radii on a large graph when the profile sets no distance limit; beyond the last,
#: everything.  The first is where an open search starts.
OPEN_RADII_KM = (20.0, 40.0, 80.0, 160.0)


def referral_paths(
    source: RoutingIndex | nx.MultiDiGraph,
    profile: Mapping[str, Any] | Profile,
    k: int = 3,
    *,
    lang: str | None = None,
    weights: Weights | None = None,
) -> RouteResult:
    """Return ``k`` cheap referral paths up the ladder for a client, differing in their steps.

    The first is the cheapest path; each next one is the cheapest path when every
    offer on an earlier path costs ``weights.shared_step`` more per such path
    (see :func:`~socialmap.routing.search.diverse_paths`).

    Parameters
    ----------
    source : RoutingIndex or networkx.MultiDiGraph
        The routing index (:func:`~socialmap.routing.index.load_index`, or the
        one a :func:`socialmap.graph.build_graph` graph carries).
    profile : dict or Profile
        The client profile of DESIGN.md ("Routing contract").
    k : int
        How many paths (at least 1).
    lang : {"de", "nl", "en"}, optional
        Language of the reasons; default: the profile's ``lang``, else English.
    weights : Weights, optional
        The cost model's weights (default :data:`~socialmap.routing.cost.DEFAULT_WEIGHTS`).

    Returns
    -------
    RouteResult
        ``to_json()`` gives DESIGN.md's ``route --json`` shape.

    Raises
    ------
    InvalidProfile
        A missing or invalid profile field (the message names it).

    Examples
    --------
    >>> import sys; from socialmap.paths import data_dir
    >>> sys.path.insert(0, str(data_dir().parent / "tests"))
    >>> from builders import tiny_graph
    >>> G = tiny_graph()
    >>> result = referral_paths(G, {"rung": 2, "goal_rung": 4, "target_groups": ["refugees"],
    ...                             "home": {"lat": 52.075, "lon": 4.305}, "date": "2026-11-21"})
    >>> result.reached_goal, [p.offers for p in result.paths]
    (True, [['language', 'volunteer']])
    >>> [s.handover for s in result.paths[0].steps]
    ['start', 'warm']
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    p = parse_profile(profile)
    w = weights or DEFAULT_WEIGHTS
    index = as_index(source)
    ctx = make_context(index, p, lang)
    large = index.n > LARGE_GRAPH
    radius: float | None = None
    if large and ctx.home is not None:
        radius = p.max_distance_km or OPEN_RADII_KM[0]
    while True:
        ev = evaluate(ctx, _candidates(ctx, radius, large))
        online = _take_online(ev, w)
        routable = ev.eligible
        if radius is not None and p.max_distance_km is None:
            routable &= online | (ev.distance <= radius)
        local = np.flatnonzero(routable)
        net = _network(ctx, ev, local, online, w)
        found, truncated = _search(ctx, net, k, to_units(w.shared_step))
        reached = bool(found) and found[0].reaches >= p.goal_rung
        if radius is None or p.max_distance_km:
            break
        radius = _next_radius(radius, found if reached and len(found) == k else None, w)
        if radius == 0:
            break
    paths = [
        explain_path(ctx, ev, local, f.steps, f.handovers, online[local], from_units(f.cost), w)
        for f in found
    ]
    return RouteResult(
        reached_goal=reached,
        rung=p.rung,
        goal_rung=p.goal_rung,
        highest_rung=max((f.reaches for f in found), default=p.rung),
        paths=paths,
        home=ctx.home,
        lang=ctx.lang,
        truncated=truncated,
        work_ban=p.work_ban,
        undecided=undecided_fields(
            ctx, np.unique([ev.offers[local[s]] for f in found for s in f.steps]).astype(np.int64)
        ),
        _excluded=lambda limit: _excluded(ctx, ev, large, limit),
        excluded_count=_excluded_count(ctx, ev, large),
    )


def as_index(source: RoutingIndex | nx.MultiDiGraph) -> RoutingIndex:
    """The routing index itself, or the one a graph carries."""
    return source if isinstance(source, RoutingIndex) else routing_index(source)


def _next_radius(radius: float, found: list[FoundPath] | None, w: Weights) -> float | None:
    """The radius an open search must look in next: 0 when done, None for everywhere.

    Any path with a step beyond radius R costs at least ``step + per_km × R``.
    With k paths found, the k-th costing C, offers beyond ``(C - step) / per_km``
    cannot enter the answer, and C can only fall as the radius grows.
    """
    if found is not None:
        cost = max(f.rank_cost for f in found) / SCALE  # exact, not rounded for people
        needed = (cost - w.step) / w.per_km if w.per_km else float("inf")
        if needed <= radius:
            return 0
        return needed if needed <= OPEN_RADII_KM[-1] else None
    bigger = [r for r in OPEN_RADII_KM if r > radius]
    return bigger[0] if bigger else None


def check_eligibility(
    source: RoutingIndex | nx.MultiDiGraph,
    profile: Mapping[str, Any] | Profile,
    offer_id: str,
    *,
    lang: str | None = None,
) -> list[Reason]:
    """Every rule ``offer_id`` fails for this client (empty: eligible) — the web's "why not?".

    Examples
    --------
    >>> import sys; from socialmap.paths import data_dir
    >>> sys.path.insert(0, str(data_dir().parent / "tests"))
    >>> from builders import tiny_graph
    >>> reasons = check_eligibility(tiny_graph(), {"rung": 1, "gender": "male"}, "coffee")
    >>> [(r.code, r.text) for r in reasons]
    [('gender', 'women only')]
    """
    p = parse_profile(profile)
    index = as_index(source)
    if offer_id not in index.position:
        raise NotFound(f"offer {offer_id!r} is not in the graph")
    ctx = make_context(index, p, lang)
    ev = evaluate(ctx, np.array([index.position[offer_id]]))
    return exclusion_reasons(ctx, ev, 0, index.group_labels)


def _scope(ix: RoutingIndex, regions: tuple[str, ...], online_only: bool) -> np.ndarray:
    table = ix.region_online if online_only else ix.region_offers
    if not regions:
        return np.flatnonzero(ix.online) if online_only else np.arange(ix.n)
    return np.concatenate([table.get(r, np.array([], dtype=np.int64)) for r in regions])


def _excluded_radius(ctx: Context) -> float:
    limit = ctx.profile.max_distance_km
    return max(EXCLUDED_FACTOR * limit, EXCLUDED_MIN_KM) if limit else EXCLUDED_MIN_KM


def _candidates(ctx: Context, radius: float | None, large: bool) -> np.ndarray:
    """Sorted offer indices the query considers (see the module docstring)."""
    ix, home = ctx.index, ctx.home
    if home is None:
        return np.arange(ix.n)
    if not large:
        return np.unique(_scope(ix, home.regions, online_only=False))
    chosen = np.zeros(ix.n, dtype=bool)
    chosen[_scope(ix, home.regions, online_only=True)] = True
    if radius is None:  # the last round of an open search: every located offer
        chosen |= ix.located
    else:
        reach = max(radius, _excluded_radius(ctx))
        chosen[ix.located_within(home.lat, home.lon, reach)] = True
    return np.flatnonzero(chosen)


def _take_online(ev: Evaluation, w: Weights) -> np.ndarray:
    """Per offer: taken online (usable online, and in person is out of reach or dearer)."""
    in_person_cost = w.per_km * np.nan_to_num(ev.distance, nan=0.0)
    return ev.online & (~ev.in_person | (in_person_cost > w.online))


def _network(
    ctx: Context, ev: Evaluation, local: np.ndarray, online: np.ndarray, w: Weights
) -> Network:
    ix = ctx.index
    offers = ev.offers[local]
    distance = np.where(online[local], np.nan, ev.distance[local])
    cost = step_costs(
        distance,
        online[local],
        ix.wait_weeks[offers],
        ix.childcare[offers],
        needs_childcare="childcare" in ctx.profile.needs,
        funding_days=ix.valid_until[offers].astype(np.int64) - ctx.date,
        unstated=unstated_rules(ctx, offers),
        weights=w,
    )
    referrers: list[tuple[int, ...]] = [()] * len(offers)
    gated = np.flatnonzero(ix.gated[offers])
    if len(gated):
        flat, owner = segments(ix.referrers.ptr, offers[gated])
        bounds = np.cumsum(np.bincount(owner, minlength=len(gated)))[:-1]
        for j, refs in zip(gated.tolist(), np.split(ix.referrers.data[flat], bounds), strict=True):
            referrers[j] = tuple(refs.tolist())
    # warm pairs among the routable offers whose link has not gone quiet, renumbered
    # to positions in ``offers``, each with its handover cost
    position = np.full(ix.n, -1, dtype=np.int64)
    position[offers] = np.arange(len(offers))
    flat, src = segments(ix.warm_ptr, offers)
    dst = position[ix.warm_dst[flat]]
    age = ctx.date - np.minimum(ix.warm_confirmed[flat], ctx.date)
    warm = warmth(age, w)
    keep = (dst >= 0) & (warm > 0)
    pairs = Pairs(src[keep], dst[keep], handover_costs(warm[keep], w), warm[keep])
    first = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    outcomes = ix.outcomes if ctx.profile.use_outcomes else None
    if outcomes is not None and len(outcomes):
        pairs, first = priced_by_outcomes(ctx.index, offers, pairs, outcomes, w)
    order = np.lexsort((pairs.dst, pairs.src))
    ptr = np.zeros(len(offers) + 1, dtype=np.int64)
    np.add.at(ptr, pairs.src + 1, 1)
    return Network(
        accepts=ix.accepts[offers],
        leads_to=ix.leads_to[offers].astype(np.int64),
        cost=cost,
        org=ix.organisation[offers].astype(np.int64),
        referrers=referrers,
        warm_ptr=np.cumsum(ptr),
        warm_dst=pairs.dst[order],
        warm_cost=pairs.cost[order],
        warm_kind=pairs.warmth[order] > 0,
        start=to_units(w.start),
        warm=to_units(w.warm),
        cold=to_units(w.cold),
        first_dst=first[0],
        first_cost=first[1],
    )


def _search(ctx: Context, net: Network, k: int, shared: int) -> tuple[list[FoundPath], bool]:
    """Paths to the goal; when none, the k best by (highest rung reached, cost)."""
    p = ctx.profile
    top = highest_rung(net, p.rung)
    if top == 0:
        return [], False
    truncated = False
    if top >= p.goal_rung:
        found = diverse_paths(net, p.rung, p.goal_rung, k, ctx.known_to, shared=shared)
        if found.paths:
            return found.paths, found.truncated
        truncated = found.truncated
    # No path reaches the goal (the relaxed bound may promise one that referral rules forbid).
    paths: dict[tuple[int, ...], FoundPath] = {}
    for goal in range(min(top, p.goal_rung - 1), p.rung, -1):
        found = diverse_paths(net, p.rung, goal, k, ctx.known_to, shared=shared)
        truncated |= found.truncated
        for path in found.paths:
            paths.setdefault(path.steps, path)
        if len(paths) >= k:
            break
    best = sorted(paths.values(), key=lambda f: (-f.reaches, f.rank_cost, f.steps))[:k]
    return best, truncated


def _rejected(ctx: Context, ev: Evaluation, large: bool) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the offers listed as excluded, and each offer's distance (inf: none)."""
    rejected = ~ev.eligible
    nearest = np.nan_to_num(ev.distance_any, nan=np.inf)
    if large and ctx.home is not None:
        rejected &= nearest <= _excluded_radius(ctx)
    return np.flatnonzero(rejected), nearest


def _excluded_count(ctx: Context, ev: Evaluation, large: bool) -> int:
    count = len(_rejected(ctx, ev, large)[0])
    return min(count, EXCLUDED_LIMIT) if large and ctx.home is not None else count


def _excluded(
    ctx: Context, ev: Evaluation, large: bool, limit: int | None = None
) -> list[Excluded]:
    ix = ctx.index
    rows, nearest = _rejected(ctx, ev, large)
    order = np.lexsort((ev.offers[rows], nearest[rows]))
    if large and ctx.home is not None:
        order = order[:EXCLUDED_LIMIT]
    if limit is not None:
        order = order[:limit]
    chosen = rows[order]
    return [
        Excluded(
            ix.offer_ids[ev.offers[j]],
            ix.name[ev.offers[j]],
            tuple(exclusion_reasons(ctx, ev, j, ix.group_labels, rules)),
        )
        for j, rules in zip(chosen.tolist(), ev.failed_rules_of(chosen), strict=True)
    ]
