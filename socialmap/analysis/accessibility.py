"""Spatial accessibility of offers per neighbourhood and category: enhanced 2SFCA.

The enhanced two-step floating catchment area method (Luo & Qi 2009; with
Gaussian decay as in Dai 2010):

1. For every offer location *j*: ``R_j = S_j / Σ_k P_k · W(d_kj)`` over the
   neighbourhoods *k* within the catchment — places per resident who could
   come.
2. For every neighbourhood *i*: ``A_i = Σ_j R_j · W(d_ij)`` over the locations
   within the catchment — reported as places per 1,000 residents.

Parameters and choices:

* **Supply** ``S_j``: the offer's ``capacity``, split evenly over the
  locations it is ``offered-at``.  An offer without a capacity counts with
  the median capacity of its category (of all offers when no offer of the
  category states one) and is counted in ``capacity_imputed``.  Online
  offers have no place and are left out, and so are offers not funded on
  ``today``.
* **Demand** ``P_k``: the neighbourhood's ``population``.  Neighbourhoods
  without a population get no score and are listed, never guessed; their
  residents are then missing from the demand, so scores near them are too
  high — which is why they are reported.
* **Distance**: great-circle km from the neighbourhood's point (``lat/lon`` of
  the neighbourhood node) to the offer location.
* **Catchment** ``d0``: 5 km in a city of wijken/Stadtteile, 25 km in a region
  of Kreise (:func:`socialmap.analysis.common.region_scale_km`).
* **Decay** ``W``: Gaussian, ``W(d) = (exp(-½ (d/d0)²) − exp(-½)) / (1 −
  exp(-½))`` inside the catchment, 0 outside; or ``"step"``: 1.00, 0.68 and
  0.22 in the three thirds of the catchment (Luo & Qi's weights).

Each region is computed on its own: its neighbourhoods' demand against its
offers' supply.  This module reads the graph only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np

from ..graph import sources
from .common import (
    active_on,
    bare_id,
    haversine_matrix,
    nodes_of,
    offer_points,
    region_scale_km,
)

__all__ = ["e2sfca", "decay_weights", "accessibility_scores", "PER"]

#: Scores are places per this many residents.
PER = 1000


def decay_weights(distance: np.ndarray, catchment_km: float, decay: str = "gaussian") -> np.ndarray:
    """Distance-decay weights, 0 beyond the catchment.

    >>> decay_weights(np.array([0.0, 1.0, 1.5, 2.5, 4.0]), 3.0, "step").tolist()
    [1.0, 1.0, 0.68, 0.22, 0.0]
    >>> decay_weights(np.array([0.0, 3.0]), 3.0).round(6).tolist()
    [1.0, 0.0]
    """
    d = np.asarray(distance, dtype=float)
    inside = d <= catchment_km
    if decay == "step":
        w = np.select([d <= catchment_km / 3, d <= 2 * catchment_km / 3], [1.0, 0.68], 0.22)
    elif decay == "gaussian":
        edge = math.exp(-0.5)
        w = (np.exp(-0.5 * (d / catchment_km) ** 2) - edge) / (1 - edge)
    else:
        raise ValueError(f"Expected decay 'gaussian' or 'step', instead got: {decay!r}.")
    return np.where(inside, w, 0.0)


def e2sfca(
    distance: np.ndarray,
    supply: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    catchment_km: float,
    decay: str = "gaussian",
) -> np.ndarray:
    """Enhanced two-step floating catchment accessibility (supply per unit of demand).

    Parameters
    ----------
    distance : ndarray, shape (n_demand, n_supply)
        km from each demand point to each supply point.
    supply : sequence of float
        Capacity of each supply point.
    demand : sequence of float
        Population of each demand point.
    catchment_km : float
        Catchment radius ``d0``.
    decay : {"gaussian", "step"}

    Returns
    -------
    ndarray, shape (n_demand,)

    Examples
    --------
    Two neighbourhoods of 1,000 and 3,000 residents, one course of 40 places
    that both can reach at full weight: 40 / 4,000 = 0.01 place per resident.

    >>> e2sfca(np.array([[0.5], [0.5]]), [40], [1000, 3000], 3.0, "step").tolist()
    [0.01, 0.01]
    """
    w = decay_weights(distance, catchment_km, decay)
    pop = np.asarray(demand, dtype=float)
    weighted_demand = pop @ w  # per supply point
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            weighted_demand > 0, np.asarray(supply, dtype=float) / weighted_demand, 0.0
        )
    return w @ ratio


def accessibility_scores(
    G: nx.MultiDiGraph,
    *,
    today: dt.date | None = None,
    decay: str = "gaussian",
    catchment_km: float | None = None,
) -> dict[str, Any]:
    """E2SFCA per neighbourhood and category for every region of ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    today : datetime.date, optional
        Offers not funded on this day are left out (default: today).
    decay : {"gaussian", "step"}
    catchment_km : float, optional
        Override the region's catchment (5 km city, 25 km Kreise).

    Returns
    -------
    dict
        ``scores``: ``[{"neighbourhood", "category", "score", "offers"}]`` —
        score in places per 1,000 residents, offers the number of offers in
        reach; ``neighbourhoods_without_population``: ids;
        ``neighbourhoods_without_offers``: ids of neighbourhoods no current offer has
        a location in (by ``located-in`` and ``offered-at``); ``parameters``:
        decay, catchment per region, ``per`` and ``capacity_imputed``.
    """
    today = today or dt.date.today()
    scales = region_scale_km(G)
    neighbourhoods = [(n, d) for n, d in nodes_of(G, "neighbourhood")]
    missing = sorted(bare_id(n) for n, d in neighbourhoods if not d.get("population"))
    sites, imputed = _supply_sites(G, today)
    scores: list[dict[str, Any]] = []
    for region in sorted(scales):
        radius = catchment_km or scales[region]
        people = [
            (bare_id(n), d)
            for n, d in neighbourhoods
            if d.get("region") == region and d.get("population") and d.get("lat") is not None
        ]
        if not people:
            continue
        plat = np.array([float(d["lat"]) for _, d in people])
        plon = np.array([float(d["lon"]) for _, d in people])
        pop = np.array([float(d["population"]) for _, d in people])
        for category in sorted({s[0] for s in sites if s[1] == region}):
            own = [s for s in sites if s[0] == category and s[1] == region]
            slat, slon, cap = (np.array([s[i] for s in own], dtype=float) for i in (2, 3, 4))
            dist = haversine_matrix(plat, plon, slat, slon)
            score = e2sfca(dist, cap, pop, radius, decay) * PER
            offers_in_reach = [
                len({own[j][5] for j in np.flatnonzero(row <= radius)}) for row in dist
            ]
            scores += [
                {
                    "neighbourhood": nid,
                    "category": category,
                    "score": round(float(s), 3),
                    "offers": count,
                }
                for (nid, _), s, count in zip(people, score, offers_in_reach, strict=True)
            ]
    hosted = {site[5] for site in sites}
    return {
        "scores": scores,
        "neighbourhoods_without_population": missing,
        "neighbourhoods_without_offers": [
            bare_id(n) for n, _ in neighbourhoods if not _hosts(G, n, hosted)
        ],
        "parameters": {
            "method": "E2SFCA",
            "decay": decay,
            "per": PER,
            "catchment_km": {r: catchment_km or km for r, km in scales.items()},
            "capacity_imputed": imputed,
        },
    }


def _hosts(G: nx.MultiDiGraph, neighbourhood: str, offers: set[str]) -> bool:
    """Whether one of ``offers`` has a location in ``neighbourhood``."""
    return any(
        bare_id(offer) in offers
        for location in sources(G, neighbourhood, "located-in")
        for offer in sources(G, location, "offered-at")
    )


def _supply_sites(
    G: nx.MultiDiGraph, today: dt.date
) -> tuple[list[tuple[str, str, float, float, float, str]], int]:
    """``(category, region, lat, lon, capacity share, offer)`` per offer location."""
    offers = [
        (n, d) for n, d in nodes_of(G, "offer") if not d.get("online") and active_on(d, today)
    ]
    by_category: dict[str, list[float]] = {}
    for _, d in offers:
        if d.get("capacity") is not None:
            by_category.setdefault(str(d["category"]), []).append(float(d["capacity"]))
    every = [c for caps in by_category.values() for c in caps]
    overall = float(np.median(every)) if every else 1.0
    sites = []
    imputed = 0
    for n, d in offers:
        points = offer_points(G, n)
        if not points:
            continue
        capacity = d.get("capacity")
        if capacity is None:
            known = by_category.get(str(d["category"]))
            capacity = float(np.median(known)) if known else overall
            imputed += 1
        sites += [
            (
                str(d["category"]),
                str(d["region"]),
                lat,
                lon,
                float(capacity) / len(points),
                str(d["id"]),
            )
            for lat, lon in points
        ]
    return sites, imputed
