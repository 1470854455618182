"""The analysis' one door to the routing engine (:mod:`socialmap.routing`).

Everything the analysis asks the engine goes through here, so no rule and no
path search is written twice:

* :func:`eligible` — the engine's hard rules (``make_context`` + ``evaluate``
  of :mod:`socialmap.routing.eligibility`) on many offers at once, for the
  coverage matrix;
* :func:`route` — :func:`socialmap.routing.referral_paths` itself, optionally
  as if some offers did not exist (an organisation removed, a funding cliff
  passed).

Removing offers must not rebuild the engine's index (≈1 s for 10,000 offers,
and it would be rebuilt per removal): :func:`without` returns a
``networkx.subgraph_view`` hiding the offers, whose graph dictionary carries
the engine's cached index with those offers' funding ended the day before
the epoch — so the engine's own ``funding-ended`` rule drops them, and paths,
warm handovers and referral requirements through them disappear with them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from ..routing import RouteResult, parse_profile, referral_paths
from ..routing import index as routing_index_module
from ..routing.eligibility import evaluate, make_context
from ..routing.index import RoutingIndex, chord_radius, routing_index, unit_vectors

__all__ = ["index_of", "eligible", "route", "without", "offers_near"]


def index_of(G: nx.MultiDiGraph) -> RoutingIndex:
    """The engine's (cached) routing index of ``G``."""
    return routing_index(G)


def offers_near(index: RoutingIndex, lat: float, lon: float, km: float, region: str) -> np.ndarray:
    """Sorted offer positions: located within ``km`` of a point, or online in ``region``."""
    parts = [index.region_online.get(region, np.array([], dtype=np.int64))]
    if index.tree is not None:
        point = unit_vectors(np.array([lat]), np.array([lon]))[0]
        locs = np.asarray(
            index.tree.query_ball_point(point, chord_radius(km) * (1 + 1e-9)), dtype=np.int64
        )
        starts, counts = index.loc_offer_ptr[locs], np.diff(index.loc_offer_ptr)[locs]
        flat = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        parts.append(index.loc_offer[flat])
    return np.unique(np.concatenate([np.asarray(p, dtype=np.int64) for p in parts]))


def eligible(G: nx.MultiDiGraph, profile: Mapping[str, Any], offers: np.ndarray) -> np.ndarray:
    """Which of ``offers`` (positions in the routing index) pass every hard rule for ``profile``."""
    ctx = make_context(index_of(G), parse_profile(profile))
    return evaluate(ctx, np.asarray(offers, dtype=np.int64)).eligible


def without(G: nx.MultiDiGraph, offers: Iterable[str]) -> nx.MultiDiGraph:
    """``G`` as the routing engine would see it if ``offers`` (ids) did not exist.

    >>> from socialmap.store import open_db
    >>> from socialmap.graph import build_graph
    >>> G = build_graph(open_db(":memory:"))
    >>> H = without(G, [])
    >>> H.number_of_nodes() == G.number_of_nodes()
    True
    """
    gone = {f"offer:{o}" for o in offers}
    index = index_of(G)
    until = index.valid_until.copy()
    positions = [index.position[o] for o in offers if o in index.position]
    until[positions] = np.iinfo(np.int32).min
    view = nx.subgraph_view(G, filter_node=lambda n: n not in gone)
    view.graph = {
        **G.graph,
        routing_index_module._CACHE_KEY: dataclasses.replace(index, valid_until=until),
    }
    return view


def route(
    G: nx.MultiDiGraph, profile: Mapping[str, Any], *, k: int = 3, lang: str | None = None
) -> RouteResult:
    """The engine's k best referral paths for ``profile``."""
    return referral_paths(G, profile, k, lang=lang)
