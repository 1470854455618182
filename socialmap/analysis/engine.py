"""The analysis' one door to the routing engine (:mod:`socialmap.routing`).

Everything the analysis asks the engine goes through here, so no rule and no
path search is written twice:

* :func:`eligible` — the engine's hard rules (``make_context`` + ``evaluate``
  of :mod:`socialmap.routing.eligibility`) on many offers at once, for the
  coverage matrix;
* :func:`route` — :func:`socialmap.routing.referral_paths` itself, optionally
  as if some offers did not exist (an organisation removed, a funding cliff
  passed).

Removing offers must not rebuild the engine's index (it would be rebuilt per
removal): :func:`without` returns a copy of the graph's routing index with
those offers' funding ended the day before the epoch — so the engine's own
``funding-ended`` rule drops them, and paths, warm handovers and referral
requirements through them disappear with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import networkx as nx
import numpy as np

from ..routing import RouteResult, parse_profile, referral_paths, without_offers
from ..routing.eligibility import evaluate, make_context
from ..routing.engine import as_index
from ..routing.index import RoutingIndex

#: What the analysis routes on: a graph (carrying its index) or an index with offers removed.
Source: TypeAlias = nx.MultiDiGraph | RoutingIndex

__all__ = ["Source", "index_of", "eligible", "route", "without", "offers_near"]


def index_of(G: Source) -> RoutingIndex:
    """The engine's routing index of ``G``."""
    return as_index(G)


def offers_near(index: RoutingIndex, lat: float, lon: float, km: float, region: str) -> np.ndarray:
    """Sorted offer positions: located within ``km`` of a point, or online in ``region``."""
    online = index.region_online.get(region, np.array([], dtype=np.int64))
    located = index.located_within(lat, lon, km)
    return np.unique(np.concatenate([np.asarray(online, dtype=np.int64), located]))


def eligible(G: Source, profile: Mapping[str, Any], offers: np.ndarray) -> np.ndarray:
    """Which of ``offers`` (positions in the routing index) pass every hard rule for ``profile``."""
    ctx = make_context(index_of(G), parse_profile(profile))
    return evaluate(ctx, np.asarray(offers, dtype=np.int64)).eligible


def without(G: Source, offers: Iterable[str]) -> RoutingIndex:
    """``G`` as the routing engine would see it if ``offers`` (ids) did not exist."""
    return without_offers(G, offers)


def route(
    G: Source, profile: Mapping[str, Any], *, k: int = 3, lang: str | None = None
) -> RouteResult:
    """The engine's k best referral paths for ``profile``."""
    return referral_paths(G, profile, k, lang=lang)
