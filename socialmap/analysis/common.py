"""What every analysis reads from the graph: offers, places, dates, labels and scale.

Small, pure helpers over the typed graph of :mod:`socialmap.graph`.  They
never change the graph and never use the routing engine or its index, so every
other analysis module can use them.  What an edge says (an offer's
organisation, its locations) they read from the edge, never from the node
attribute that repeats it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np

from ..geo import EARTH_RADIUS_KM
from ..graph import targets
from ..vocab import CATEGORIES, label

__all__ = [
    "nodes_of",
    "parse_date",
    "add_months",
    "offer_points",
    "organisation_of",
    "haversine_matrix",
    "region_language",
    "region_scale_km",
    "group_label",
    "category_label",
    "name_of",
    "bare_id",
    "active_on",
]

#: Catchment (km) of a region of city neighbourhoods (wijken, Stadtteile) ...
CITY_KM = 5.0
#: ... and of a region of districts (Kreise): an hour by bus or a short drive.
DISTRICT_KM = 25.0
#: Neighbourhood points closer than this (median nearest neighbour) make a city.
_CITY_SPACING_KM = 5.0


def nodes_of(G: nx.MultiDiGraph, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(node, data)`` of every node of ``kind``, in node-id order.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("offer:b", kind="offer"); G.add_node("offer:a", kind="offer")
    >>> [n for n, _ in nodes_of(G, "offer")]
    ['offer:a', 'offer:b']
    """
    found = [(n, d) for n, d in G.nodes(data=True) if d.get("kind") == kind]
    found.sort(key=lambda item: item[0])
    yield from found


def bare_id(node: str) -> str:
    """The record id of a node id.

    >>> bare_id("organisation:jobcenter-gladbeck")
    'jobcenter-gladbeck'
    """
    return node.partition(":")[2]


def parse_date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` text (or date) as a date; None when absent or unreadable.

    >>> parse_date("2026-02-28"), parse_date(""), parse_date("soon")
    (datetime.date(2026, 2, 28), None, None)
    """
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (clamped to the month's last day).

    >>> add_months(dt.date(2026, 8, 31), 6), add_months(dt.date(2024, 2, 29), -12)
    (datetime.date(2027, 2, 28), datetime.date(2023, 2, 28))
    """
    month0 = day.year * 12 + day.month - 1 + months
    year, month = divmod(month0, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def active_on(data: dict[str, Any], day: dt.date) -> bool:
    """Is an offer funded (between ``valid_from`` and ``valid_until``) on ``day``?

    >>> active_on({"valid_from": "2020-01-01", "valid_until": "2026-12-31"}, dt.date(2027, 1, 1))
    False
    """
    start, end = parse_date(data.get("valid_from")), parse_date(data.get("valid_until"))
    return (start is None or start <= day) and (end is None or day <= end)


def offer_points(G: nx.MultiDiGraph, offer: str) -> list[tuple[float, float]]:
    """The ``(lat, lon)`` of every location an offer is ``offered-at`` that has coordinates.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("location:l", kind="location", lat=52.07, lon=4.3)
    >>> G.add_node("location:nowhere", kind="location", lat=None, lon=None)
    >>> _ = G.add_edge("offer:a", "location:l", type="offered-at")
    >>> _ = G.add_edge("offer:a", "location:nowhere", type="offered-at")
    >>> offer_points(G, "offer:a")
    [(52.07, 4.3)]
    """
    points = []
    for loc in targets(G, offer, "offered-at"):
        node = G.nodes[loc]
        if node.get("lat") is not None and node.get("lon") is not None:
            points.append((float(node["lat"]), float(node["lon"])))
    return points


def organisation_of(G: nx.MultiDiGraph, node: str) -> str | None:
    """The organisation node a node stands for: itself, or the one an offer is ``provided-by``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("organisation:x", kind="organisation"); G.add_node("offer:a", kind="offer")
    >>> _ = G.add_edge("offer:a", "organisation:x", type="provided-by")
    >>> organisation_of(G, "offer:a"), organisation_of(G, "organisation:x")
    ('organisation:x', 'organisation:x')
    """
    kind = (G.nodes.get(node) or {}).get("kind")
    if kind == "organisation":
        return node
    if kind == "offer":
        return next(iter(targets(G, node, "provided-by")), None)
    return None


def haversine_matrix(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distances (km) between every point of set 1 and every point of set 2.

    >>> haversine_matrix(np.array([52.0]), np.array([4.0]), np.array([52.0, 53.0]),
    ...                  np.array([4.0, 4.0])).round(1).tolist()
    [[0.0, 111.2]]
    """
    p1 = np.radians(np.asarray(lat1, dtype=float))[:, None]
    p2 = np.radians(np.asarray(lat2, dtype=float))[None, :]
    dl = np.radians(np.asarray(lon2, dtype=float)[None, :] - np.asarray(lon1, dtype=float)[:, None])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def region_language(G: nx.MultiDiGraph) -> dict[str, str]:
    """The language most offers of each region are delivered in (``{region: code}``).

    The graph holds no region records; the offers say which language the
    region works in.  A region without offers gets ``"en"``.
    """
    counts: dict[str, Counter[str]] = {}
    for _, d in nodes_of(G, "neighbourhood"):
        counts.setdefault(str(d["region"]), Counter())
    for _, d in nodes_of(G, "offer"):
        counts.setdefault(str(d["region"]), Counter()).update(d.get("languages") or ())
    return {
        region: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] if c else "en"
        for region, c in counts.items()
    }


def region_scale_km(G: nx.MultiDiGraph) -> dict[str, float]:
    """The catchment radius of each region: 5 km for city neighbourhoods, 25 km for districts.

    A region is a city when the median distance from a neighbourhood's point
    to the nearest other one is under 5 km (Den Haag's wijken: ~1 km,
    Gladbeck's Stadtteile: ~1.5 km; NRW's Kreise: ~25 km).
    """
    points: dict[str, list[tuple[float, float]]] = {}
    for _, d in nodes_of(G, "neighbourhood"):
        if d.get("lat") is not None and d.get("lon") is not None:
            points.setdefault(str(d["region"]), []).append((float(d["lat"]), float(d["lon"])))
    regions = {str(d["region"]) for _, d in nodes_of(G, "neighbourhood")}
    result = {}
    for region in sorted(regions):
        pts = points.get(region, [])
        if len(pts) < 2:
            result[region] = CITY_KM
            continue
        lat, lon = np.array(pts).T
        dist = haversine_matrix(lat, lon, lat, lon)
        np.fill_diagonal(dist, math.inf)
        spacing = float(np.median(dist.min(axis=1)))
        result[region] = CITY_KM if spacing < _CITY_SPACING_KM else DISTRICT_KM
    return result


def group_label(G: nx.MultiDiGraph, group: str, lang: str = "en") -> str:
    """The label of a target group in ``lang`` (falling back to English, then the id)."""
    labels = G.nodes.get(f"target_group:{group}", {}).get("labels") or {}
    return label({group: labels}, group, lang)


def category_label(category: str, lang: str = "en") -> str:
    """The label of an offer category.

    >>> category_label("job-coaching", "nl")
    'Jobcoaching'
    """
    return label(CATEGORIES, category, lang)


def name_of(G: nx.MultiDiGraph, node: str) -> str:
    """The ``name`` of a node, or its record id when it has none."""
    data = G.nodes.get(node) or {}
    return str(data.get("name") or bare_id(node))
