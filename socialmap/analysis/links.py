"""Weak links of the referral network: isolated actors, offers nobody refers to, brokers,
stale entries and funding cliffs.

The *referral network* here is the organisations joined by ``refers-to``
links; a link at an offer counts for the organisation the offer is
``provided-by``.  An organisation is *isolated* when neither it nor any of its
offers has a link in or out.  An offer *nobody refers to* has no link into it or its
organisation from another organisation.  *Brokers* are the articulation
points of the (undirected) network — without them some organisations lose
every path to the others — ranked by betweenness centrality (exact up to
:data:`EXACT_BETWEENNESS` organisations, estimated from :data:`SAMPLED_SOURCES` sources
with a fixed seed above).

Entries are *stale* when they were last verified more than 12 months ago (or
never); referral links by ``last_confirmed`` (or ``since`` when never
confirmed).  A *funding cliff* is an offer whose ``valid_until`` falls after
today and within 6 months; which chains it breaks is for
:mod:`socialmap.analysis.chains`.  This module reads the graph only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from ..graph import edges_of, sources
from .common import add_months, bare_id, nodes_of, organisation_of, parse_date

__all__ = [
    "referral_network",
    "isolated_organisations",
    "offers_nobody_refers_to",
    "brokers",
    "articulation_cut_off",
    "stale_entries",
    "funding_cliffs",
    "STALE_MONTHS",
    "CLIFF_MONTHS",
]

STALE_MONTHS = 12
CLIFF_MONTHS = 6
#: Up to this many organisations betweenness is exact (a network coach's 60–100 actors are) ...
EXACT_BETWEENNESS = 300
#: ... above, it is estimated from this many sources (fixed seed; ranks, not exact values).
SAMPLED_SOURCES = 50


def referral_network(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected organisation network: one node per organisation, an edge per link.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("organisation:a", kind="organisation")
    >>> G.add_node("organisation:b", kind="organisation")
    >>> G.add_node("offer:x", kind="offer")
    >>> _ = G.add_edge("offer:x", "organisation:b", type="provided-by")
    >>> _ = G.add_edge("organisation:a", "offer:x", type="refers-to")
    >>> sorted(referral_network(G).edges())
    [('organisation:a', 'organisation:b')]
    """
    H = nx.Graph()
    H.add_nodes_from(n for n, _ in nodes_of(G, "organisation"))
    for u, v, _ in edges_of(G, "refers-to"):
        a, b = organisation_of(G, u), organisation_of(G, v)
        if a and b and a != b:
            H.add_edge(a, b)
    return H


def isolated_organisations(G: nx.MultiDiGraph) -> list[str]:
    """Organisations with no ``refers-to`` link in or out, at themselves or their offers.

    >>> G = nx.MultiDiGraph()
    >>> for o in "abc": G.add_node(f"organisation:{o}", kind="organisation")
    >>> _ = G.add_edge("organisation:a", "organisation:b", type="refers-to")
    >>> isolated_organisations(G)
    ['c']
    """
    linked: set[str] = set()
    for u, v, _ in edges_of(G, "refers-to"):
        linked.update(filter(None, (organisation_of(G, u), organisation_of(G, v))))
    return [bare_id(n) for n, _ in nodes_of(G, "organisation") if n not in linked]


def offers_nobody_refers_to(G: nx.MultiDiGraph) -> list[str]:
    """Offers with no ``refers-to`` link into them or their organisation from another one.

    >>> G = nx.MultiDiGraph()
    >>> for o in "ab": G.add_node(f"organisation:{o}", kind="organisation")
    >>> for f, o in (("x", "a"), ("y", "b"), ("z", "b")):
    ...     G.add_node(f"offer:{f}", kind="offer")
    ...     _ = G.add_edge(f"offer:{f}", f"organisation:{o}", type="provided-by")
    >>> _ = G.add_edge("organisation:a", "organisation:b", type="refers-to")
    >>> _ = G.add_edge("offer:y", "offer:z", type="refers-to")  # within b: not a referral
    >>> offers_nobody_refers_to(G)
    ['x']
    """
    referred: set[str] = set()
    for u, v, _ in edges_of(G, "refers-to"):
        source = organisation_of(G, u)
        if G.nodes[v].get("kind") == "offer":
            if source != organisation_of(G, v):
                referred.add(v)
        elif source != v:
            referred.update(sources(G, v, "provided-by"))  # every offer of the organisation
    return [bare_id(n) for n, _ in nodes_of(G, "offer") if n not in referred]


def brokers(G: nx.MultiDiGraph, *, seed: int = 0) -> list[dict[str, Any]]:
    """Organisations whose removal disconnects the referral network.

    Returns
    -------
    list of dict
        ``{"organisation": id, "betweenness": float, "cuts_off": int}`` —
        ``cuts_off`` is how many organisations lose their connection to the
        rest of the component — highest betweenness first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for o in "abc": G.add_node(f"organisation:{o}", kind="organisation")
    >>> _ = G.add_edge("organisation:a", "organisation:b", type="refers-to")
    >>> _ = G.add_edge("organisation:b", "organisation:c", type="refers-to")
    >>> brokers(G)
    [{'organisation': 'b', 'betweenness': 1.0, 'cuts_off': 1}]
    """
    H = referral_network(G)
    cut_off = articulation_cut_off(H)
    if not cut_off:
        return []
    k = None if H.number_of_nodes() <= EXACT_BETWEENNESS else SAMPLED_SOURCES
    centrality = nx.betweenness_centrality(H, k=k, seed=seed)
    result = [
        {"organisation": bare_id(n), "betweenness": round(centrality[n], 4), "cuts_off": cut_off[n]}
        for n in sorted(cut_off)
    ]
    result.sort(key=lambda d: (-d["betweenness"], -d["cuts_off"], d["organisation"]))
    return result


def articulation_cut_off(H: nx.Graph) -> dict[Any, int]:
    """Articulation points of ``H`` and, for each, the nodes cut off from the largest piece.

    One iterative depth-first search (Hopcroft–Tarjan): removing ``v`` splits
    off every DFS subtree of a child ``c`` with ``low[c] >= disc[v]``; the
    rest of the component is one more piece.  Cut off = the component's other
    nodes minus the largest piece.

    >>> articulation_cut_off(nx.path_graph(5))
    {1: 1, 2: 2, 3: 1}
    >>> articulation_cut_off(nx.cycle_graph(4))
    {}
    """
    disc: dict[Any, int] = {}
    low: dict[Any, int] = {}
    size: dict[Any, int] = {}
    result: dict[Any, int] = {}
    for root in H:
        if root in disc:
            continue
        pieces: dict[Any, list[int]] = {}  # node -> sizes of the subtrees it splits off
        disc[root] = low[root] = 0
        size[root] = 1
        counter = 1
        stack = [(root, None, iter(H[root]))]
        while stack:
            node, parent, neighbours = stack[-1]
            advanced = False
            for nxt in neighbours:
                if nxt == parent:
                    continue
                if nxt in disc:
                    low[node] = min(low[node], disc[nxt])
                    continue
                disc[nxt] = low[nxt] = counter
                size[nxt] = 1
                counter += 1
                stack.append((nxt, node, iter(H[nxt])))
                advanced = True
                break
            if advanced:
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[node])
                size[parent] += size[node]
                if low[node] >= disc[parent]:
                    pieces.setdefault(parent, []).append(size[node])
        component = size[root]
        for node, split in pieces.items():
            if node == root and len(split) < 2:
                continue  # a root with one DFS child is not an articulation point
            rest = component - 1 - sum(split)
            parts = split + ([rest] if rest > 0 else [])
            result[node] = component - 1 - max(parts)
    return dict(sorted(result.items(), key=lambda kv: str(kv[0])))


def stale_entries(G: nx.MultiDiGraph, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Organisations, offers and referral links not verified for 12 months.

    Returns
    -------
    list of dict
        ``{"kind": "organisation"|"offer"|"referral_link", "id": str,
        "last_verified": date text or None}``; links also have ``from`` and
        ``to`` (node ids) and their id is ``"<from> -> <to>"``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("organisation:a", kind="organisation", id="a", last_verified="2025-01-01")
    >>> G.add_node("organisation:b", kind="organisation", id="b", last_verified="2026-01-01")
    >>> stale_entries(G, today=dt.date(2026, 6, 1))
    [{'kind': 'organisation', 'id': 'a', 'last_verified': '2025-01-01'}]
    """
    today = today or dt.date.today()
    limit = add_months(today, -STALE_MONTHS)

    def old(value: Any) -> bool:
        day = parse_date(value)
        return day is None or day < limit

    result = []
    for kind in ("organisation", "offer"):
        for n, d in nodes_of(G, kind):
            if old(d.get("last_verified")):
                result.append(
                    {"kind": kind, "id": bare_id(n), "last_verified": d.get("last_verified")}
                )
    for u, v, d in sorted(edges_of(G, "refers-to"), key=lambda e: (e[0], e[1])):
        if old(d.get("last_confirmed") or d.get("since")):
            result.append(
                {
                    "kind": "referral_link",
                    "id": f"{bare_id(u)} -> {bare_id(v)}",
                    "last_verified": d.get("last_confirmed"),
                    "from": u,
                    "to": v,
                }
            )
    return result


def funding_cliffs(G: nx.MultiDiGraph, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Offers whose funding ends after ``today`` and within 6 months, soonest first.

    Returns
    -------
    list of dict
        ``{"offer": id, "organisation": id, "valid_until": date text}``; the
        full analysis adds ``breaks``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("offer:a", kind="offer", id="a", valid_until="2026-09-30")
    >>> G.add_node("offer:b", kind="offer", id="b", valid_until="2027-09-30")
    >>> G.add_node("organisation:x", kind="organisation")
    >>> _ = G.add_edge("offer:a", "organisation:x", type="provided-by")
    >>> funding_cliffs(G, today=dt.date(2026, 6, 1))
    [{'offer': 'a', 'organisation': 'x', 'valid_until': '2026-09-30'}]
    """
    today = today or dt.date.today()
    horizon = add_months(today, CLIFF_MONTHS)
    result = []
    for n, d in nodes_of(G, "offer"):
        until = parse_date(d.get("valid_until"))
        if until is not None and today <= until <= horizon:
            org = organisation_of(G, n)
            result.append(
                {
                    "offer": bare_id(n),
                    "organisation": bare_id(org) if org else None,
                    "valid_until": until.isoformat(),
                }
            )
    result.sort(key=lambda c: (c["valid_until"], c["offer"]))
    return result
