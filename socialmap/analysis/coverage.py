"""Coverage and gaps: for each target group × neighbourhood × rung, is any offer open?

The coverage matrix counts, for the typical client of each target group
living in each neighbourhood (:mod:`socialmap.analysis.clients`) and standing
on each rung 1–5, the offers of the region that accept that rung and pass
every hard rule of the routing engine for that client (the engine's own
rules, through :mod:`socialmap.analysis.engine`).  A *gap* is a cell with no
such offer.  Rung 6 (paid work) is the top of the ladder: nothing needs to
take a client further, so it has no column.

Which rungs an offer accepts and where it leads come from its ``ladder-rung``
edges, read once for the whole matrix; whether it is open to the client comes
from the engine's index (a question about every offer, asked per cell).

Offers that need a referral (``requires_referral_by``) count: they are open
to the client, through that organisation.  Only offers within the region's
catchment of the neighbourhood's point, or online, are considered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import numpy as np

from ..graph import sources
from ..routing.index import RoutingIndex
from .chains import parallel_map
from .clients import Setting
from .common import bare_id, nodes_of
from .engine import eligible, index_of, offers_near

__all__ = ["coverage_matrix", "gaps", "RUNGS_COVERED"]

#: The rungs a client can still climb from.
RUNGS_COVERED = (1, 2, 3, 4, 5)


def coverage_matrix(
    G: nx.MultiDiGraph,
    *,
    today: dt.date | None = None,
    setting: Setting | None = None,
    workers: int = 1,
) -> list[dict[str, Any]]:
    """The coverage matrix: one row per target group × neighbourhood × rung.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    today : datetime.date, optional
        The day offers must be funded on (default: today).
    setting : Setting, optional
        Precomputed :class:`~socialmap.analysis.clients.Setting` (it wins over ``today``).
    workers : int
        Forked processes (see :func:`~socialmap.analysis.chains.parallel_map`).

    Returns
    -------
    list of dict
        ``{"target_group", "neighbourhood", "rung", "offers", "leads_up"}`` —
        ``offers`` open to the client on that rung, ``leads_up`` how many of
        them lead to a higher rung.

    Examples
    --------
    >>> import sys; sys.path.insert(0, "tests")
    >>> from builders import tiny_graph
    >>> rows = coverage_matrix(tiny_graph(), today=dt.date(2026, 11, 21))
    >>> [r["offers"] for r in rows if r["target_group"] == "refugees"
    ...  and r["neighbourhood"] == "n-west"]
    [1, 1, 2, 1, 1]
    """
    setting = setting or Setting.of(G, today)
    ladder = ladder_of(G, index_of(G))  # the index is built once, before any worker is forked
    per_place = parallel_map(
        lambda place: _rows(G, setting, ladder, *place), setting.neighbourhoods, workers
    )
    return [row for rows in per_place for row in rows]


def ladder_of(G: nx.MultiDiGraph, index: RoutingIndex) -> tuple[np.ndarray, np.ndarray]:
    """Each offer's rungs from its ``ladder-rung`` edges, as arrays in the index's offer order.

    Returns ``(accepts, leads_to)``: bit ``r`` of ``accepts`` is set when the
    offer accepts rung ``r``; ``leads_to`` is the rung it leads to (0: none).
    Read from the six rungs' edges, once for the whole matrix.
    """
    accepts = np.zeros(index.n, dtype=np.int64)
    leads_to = np.zeros(index.n, dtype=np.int64)
    for node, data in nodes_of(G, "rung"):
        rung = int(data["id"])
        accepts[_positions(index, sources(G, node, "ladder-rung", role="accepts"))] |= 1 << rung
        leads_to[_positions(index, sources(G, node, "ladder-rung", role="leads-to"))] = rung
    return accepts, leads_to


def _positions(index: RoutingIndex, offers: list[str]) -> np.ndarray:
    """The index positions of offer nodes (each offer once: an offer accepts a rung once)."""
    found = (index.position.get(bare_id(o)) for o in offers)
    return np.array([p for p in found if p is not None], dtype=np.int64)


def _rows(
    G: nx.MultiDiGraph,
    setting: Setting,
    ladder: tuple[np.ndarray, np.ndarray],
    nid: str,
    region: str,
    lat: float,
    lon: float,
) -> list[dict[str, Any]]:
    """The coverage rows of one neighbourhood."""
    index = index_of(G)
    if region in index.region_ids:
        candidates = offers_near(index, lat, lon, setting.scale_km[region], region)
        candidates = candidates[index.region[candidates] == index.region_ids.index(region)]
    else:
        candidates = np.array([], dtype=np.int64)
    accepts, leads = ladder[0][candidates], ladder[1][candidates]
    rows: list[dict[str, Any]] = []
    for group in setting.groups:
        ok = eligible(G, setting.profile(group, nid, region), candidates)
        for rung in RUNGS_COVERED:
            open_ = ok & ((accepts >> rung) & 1).astype(bool)
            rows.append(
                {
                    "target_group": group,
                    "neighbourhood": nid,
                    "rung": rung,
                    "offers": int(open_.sum()),
                    "leads_up": int((open_ & (leads > rung)).sum()),
                }
            )
    return rows


def gaps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The holes of a coverage matrix: ``{target_group, neighbourhood, rung}`` with no offer.

    >>> gaps([{"target_group": "g", "neighbourhood": "n", "rung": 1, "offers": 0, "leads_up": 0},
    ...       {"target_group": "g", "neighbourhood": "n", "rung": 2, "offers": 3, "leads_up": 1}])
    [{'target_group': 'g', 'neighbourhood': 'n', 'rung': 1}]
    """
    return [
        {"target_group": r["target_group"], "neighbourhood": r["neighbourhood"], "rung": r["rung"]}
        for r in rows
        if r["offers"] == 0
    ]
