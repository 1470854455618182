"""The typed graph of DESIGN.md, derived from the store.

``build_graph(db)`` returns one ``networkx.MultiDiGraph``: node ids
``"<kind>:<id>"`` with a ``kind`` attribute, edges with a ``type`` attribute.
The graph is rebuilt from SQLite, never written back: nothing lives in it that
is not in the database.

Node attributes (the analysis reads these; the routing engine reads its own
index, :mod:`socialmap.routing.index`, straight from SQLite):

* ``organisation`` — ``id, name, org_kind, region, description, website, email,
  phone, last_verified``.
* ``offer`` — every scalar column of the ``offers`` table (``id, name, region,
  organisation, category, online, leads_to, age_min, age_max, interpreter,
  cost_eur, childcare, capacity, wait_weeks, valid_from, valid_until, funding,
  last_verified, opening_hours`` (JSON text, see :mod:`socialmap.hours`), ``…``; booleans as
  ``bool``; not ``source``, an HSDS record kept for export) plus tuples, sorted: ``accepts``,
  ``locations``, ``target_groups``, ``languages``, ``genders``,
  ``residence_statuses``, ``excludes_work_ban``, ``neighbourhoods``,
  ``requires_referral_by``.
* ``location`` — ``id, name, address, postcode, city, lat, lon, approximate,
  wheelchair, organisation, neighbourhood``.
* ``neighbourhood`` — ``id, name, region, population, lat, lon`` (a point inside it),
  ``postcodes``, ``tags`` and ``geometry`` (GeoJSON text, or None).
* ``target_group`` — ``id, parent, labels`` (``{lang: label}``).
* ``rung`` — ``id`` (int) and ``labels``.

An offer's ``organisation``, ``locations``, ``target_groups``, ``accepts`` and
``leads_to``, a location's ``neighbourhood`` and a target group's ``parent``
repeat what the edges say.  The analysis reads the edges; only duplicate
detection still reads these attributes.

Edge types (:data:`EDGE_TYPES`): ``provided-by``, ``offered-at``, ``located-in``,
``serves-target-group``, ``part-of``, ``ladder-rung`` (``role`` =
``accepts``/``leads-to``) and ``refers-to`` (``kind``, ``since``,
``last_confirmed``, ``note``).  :func:`targets`, :func:`sources` and
:func:`edges_of` read them; the analysis walks the network through these
(an offer's organisation, an organisation's offers, the group hierarchy, the
ladder, where offers take place), while hot paths that ask about every offer
read the routing index instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx
import sqlite_utils

from . import fields, store
from .routing.index import attach_index, load_index

__all__ = [
    "build_graph",
    "node_id",
    "graph_stats",
    "targets",
    "sources",
    "edges_of",
    "EDGE_TYPES",
    "OFFER_LISTS",
]

#: Every edge type of DESIGN.md's graph model.
EDGE_TYPES = (
    "provided-by",
    "offered-at",
    "located-in",
    "serves-target-group",
    "part-of",
    "ladder-rung",
    "refers-to",
)

#: Offer node attribute -> the link table it comes from (derived from :mod:`socialmap.fields`).
OFFER_LISTS = {f.key: f.table for f in fields.OFFER_LISTS}
_OFFER_BOOLS = ("online", "interpreter", "childcare")


def node_id(kind: str, id: Any) -> str:
    """Return the graph node id of a record.

    >>> node_id("offer", "taalcafe-1")
    'offer:taalcafe-1'
    """
    return f"{kind}:{id}"


def build_graph(db: sqlite_utils.Database, region: str | None = None) -> nx.MultiDiGraph:
    """Build the typed referral graph from the store.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open socialmap database.
    region : str, optional
        Only this region (default: every region).

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> from socialmap.store import open_db
    >>> G = build_graph(open_db(":memory:"))
    >>> sorted(n for n, kind in G.nodes(data="kind") if kind == "rung")
    ['rung:1', 'rung:2', 'rung:3', 'rung:4', 'rung:5', 'rung:6']
    """
    G = nx.MultiDiGraph()
    region = region or None
    with store.snapshot(db):
        _add_rungs(G, db)
        _add_target_groups(G, db)
        _add_neighbourhoods(G, db, region)
        for record in store.iter_rows(db, "organisations", region):
            record["org_kind"] = record.pop("kind")
            del record["source"]  # an HSDS source's verbatim record: export only
            G.add_node(node_id("organisation", record["id"]), kind="organisation", **record)
        _add_locations(G, db, region)
        _add_offers(G, db, region)
        _add_referral_links(G, db, region)
        return attach_index(G, load_index(db, region))


def _edge(u: str, v: str, type_: str, **attrs: Any) -> tuple[str, str, str, dict[str, Any]]:
    # Explicit keys (the type, plus the role on ladder edges) spare networkx a key search
    # per edge: half the build time of a 250,000-offer graph.
    key = f"{type_}:{attrs['role']}" if "role" in attrs else type_
    return (u, v, key, {"type": type_, **attrs})


def _add_rungs(G: nx.MultiDiGraph, db: sqlite_utils.Database) -> None:
    for row in db["rungs"].rows:
        labels = {lang: row[f"label_{lang}"] for lang in ("de", "nl", "en")}
        G.add_node(node_id("rung", row["id"]), kind="rung", id=row["id"], labels=labels)


def _add_target_groups(G: nx.MultiDiGraph, db: sqlite_utils.Database) -> None:
    labels: dict[str, dict[str, str]] = {}
    for group, language, text in db.execute(
        "SELECT target_group, language, label FROM target_group_labels"
    ).fetchall():
        labels.setdefault(group, {})[language] = text
    rows = db.execute("SELECT id, parent FROM target_groups ORDER BY id").fetchall()
    for gid, parent in rows:
        G.add_node(
            node_id("target_group", gid),
            kind="target_group",
            id=gid,
            parent=parent,
            labels=labels.get(gid, {}),
        )
    G.add_edges_from(
        _edge(node_id("target_group", gid), node_id("target_group", parent), "part-of")
        for gid, parent in rows
        if parent
    )


def _add_neighbourhoods(G: nx.MultiDiGraph, db: sqlite_utils.Database, region: str | None) -> None:
    postcodes: dict[str, list[str]] = {}
    for n, code in db.execute(
        "SELECT neighbourhood, postcode FROM neighbourhood_postcodes ORDER BY 1, 2"
    ).fetchall():
        postcodes.setdefault(n, []).append(code)
    tags: dict[str, list[str]] = {}
    for n, tag in db.execute("SELECT neighbourhood, tag FROM neighbourhood_tags ORDER BY 1, 2"):
        tags.setdefault(n, []).append(tag)
    columns = ["id", "name", "region", "population", "lat", "lon", "geometry"]
    for row in store.iter_rows(db, "neighbourhoods", region, columns=columns):
        nid, name, reg, population, lat, lon, geometry = row.values()
        G.add_node(
            node_id("neighbourhood", nid),
            kind="neighbourhood",
            id=nid,
            name=name,
            region=reg,
            population=population,
            lat=lat,
            lon=lon,
            postcodes=tuple(postcodes.get(nid, ())),
            tags=tuple(tags.get(nid, ())),
            geometry=geometry,
        )


def _add_locations(G: nx.MultiDiGraph, db: sqlite_utils.Database, region: str | None) -> None:
    edges = []
    for record in store.iter_rows(db, "locations", region):
        record["approximate"] = bool(record["approximate"])
        if record["wheelchair"] is not None:
            record["wheelchair"] = bool(record["wheelchair"])
        del record["declared_neighbourhood"], record["source"]
        lid = node_id("location", record["id"])
        G.add_node(lid, kind="location", **record)
        if record["neighbourhood"]:
            edges.append(
                _edge(lid, node_id("neighbourhood", record["neighbourhood"]), "located-in")
            )
    G.add_edges_from(edges)


def _add_offers(G: nx.MultiDiGraph, db: sqlite_utils.Database, region: str | None) -> None:
    lists = {attr: store.list_links(db, table, region) for attr, table in OFFER_LISTS.items()}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for record in store.iter_rows(db, "offers", region):
        for flag in _OFFER_BOOLS:
            record[flag] = bool(record[flag])
        del record["source"]  # an HSDS source's verbatim record: export only
        oid = record["id"]
        for attr in OFFER_LISTS:
            record[attr] = tuple(lists[attr].get(oid, ()))
        node = node_id("offer", oid)
        G.add_node(node, kind="offer", **record)
        edges.append(_edge(node, node_id("organisation", record["organisation"]), "provided-by"))
        edges += [
            _edge(node, node_id("location", loc), "offered-at") for loc in record["locations"]
        ]
        edges += [
            _edge(node, node_id("target_group", g), "serves-target-group")
            for g in record["target_groups"]
        ]
        edges += [
            _edge(node, node_id("rung", r), "ladder-rung", role="accepts")
            for r in record["accepts"]
        ]
        edges.append(
            _edge(node, node_id("rung", record["leads_to"]), "ladder-rung", role="leads-to")
        )
    G.add_edges_from(edges)


def _add_referral_links(G: nx.MultiDiGraph, db: sqlite_utils.Database, region: str | None) -> None:
    columns = [
        "from_organisation",
        "from_offer",
        "to_organisation",
        "to_offer",
        "kind",
        "since",
        "last_confirmed",
        "note",
    ]
    links = (r.values() for r in store.iter_rows(db, "referral_links", region, "id", columns))
    G.add_edges_from(
        _edge(
            node_id("organisation", fo) if fo else node_id("offer", ff),
            node_id("organisation", to) if to else node_id("offer", tf),
            "refers-to",
            kind=kind,
            since=since,
            last_confirmed=confirmed,
            note=note,
        )
        for fo, ff, to, tf, kind, since, confirmed, note in links
    )


def targets(G: nx.MultiDiGraph, node: str, type_: str, **attrs: Any) -> list[str]:
    """The nodes ``node`` points to along edges of ``type_``: one per edge, in insertion order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    node : str
        A node id of ``G``.
    type_ : str
        One of :data:`EDGE_TYPES`.
    **attrs
        Only edges with these attribute values (``role="accepts"``).

    Raises
    ------
    networkx.NodeNotFound
        When ``node`` is not in ``G``.
    ValueError
        When ``type_`` is not an edge type of DESIGN.md.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("offer:a", "organisation:x", type="provided-by")
    >>> _ = G.add_edge("offer:a", "location:l", type="offered-at")
    >>> targets(G, "offer:a", "provided-by")
    ['organisation:x']
    """
    _check(G, node, type_)
    return _ends(G._succ[node], type_, attrs)


def sources(G: nx.MultiDiGraph, node: str, type_: str, **attrs: Any) -> list[str]:
    """The nodes that point to ``node`` along edges of ``type_``: one per edge, in insertion order.

    Parameters and errors as :func:`targets`.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("offer:a", "rung:3", type="ladder-rung", role="accepts")
    >>> _ = G.add_edge("offer:b", "rung:3", type="ladder-rung", role="leads-to")
    >>> sources(G, "rung:3", "ladder-rung"), sources(G, "rung:3", "ladder-rung", role="accepts")
    (['offer:a', 'offer:b'], ['offer:a'])
    """
    _check(G, node, type_)
    return _ends(G._pred[node], type_, attrs)


def edges_of(G: nx.MultiDiGraph, type_: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every ``(u, v, data)`` edge of ``type_`` — one walk over the whole graph.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("offer:a", "rung:2", type="ladder-rung", role="accepts")
    >>> _ = G.add_edge("offer:a", "rung:3", type="ladder-rung", role="leads-to")
    >>> _ = G.add_edge("offer:a", "offer:b", type="refers-to")
    >>> [(v, d["role"]) for _, v, d in edges_of(G, "ladder-rung")]
    [('rung:2', 'accepts'), ('rung:3', 'leads-to')]
    """
    _check(G, None, type_)
    return [
        (u, v, d)
        for u, nbrs in G._succ.items()
        for v, keyed in nbrs.items()
        for d in keyed.values()
        if d.get("type") == type_
    ]


def _ends(
    adjacency: Mapping[str, Mapping[Any, dict[str, Any]]], type_: str, attrs: dict[str, Any]
) -> list[str]:
    """The neighbours in ``adjacency`` (``{node: {key: data}}``), once per edge of ``type_``
    with ``attrs``.

    It reads networkx's adjacency dicts, as networkx's own algorithms do: the
    edge views cost twice as much, and the analysis asks this for every
    referral link and supply point.
    """
    if not attrs:
        return [
            n for n, keyed in adjacency.items() for d in keyed.values() if d.get("type") == type_
        ]
    wanted = {"type": type_, **attrs}
    return [
        n
        for n, keyed in adjacency.items()
        for d in keyed.values()
        if all(d.get(k) == value for k, value in wanted.items())
    ]


def _check(G: nx.MultiDiGraph, node: str | None, type_: str) -> None:
    # A misspelt type or a missing node would otherwise read as "no edges".
    if type_ not in EDGE_TYPES:
        raise ValueError(f"Expected an edge type among {EDGE_TYPES}, instead got: {type_!r}.")
    if node is not None and node not in G:
        raise nx.NodeNotFound(f"Expected a node of the graph, instead got: {node!r}.")


def graph_stats(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Count nodes by ``kind`` and edges by ``type``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("offer:a", kind="offer"); G.add_node("rung:1", kind="rung")
    >>> _ = G.add_edge("offer:a", "rung:1", type="ladder-rung", role="accepts")
    >>> graph_stats(G)
    {'nodes': {'offer': 1, 'rung': 1}, 'edges': {'ladder-rung': 1}}
    """
    nodes = Counter(kind for _, kind in G.nodes(data="kind"))
    edges = Counter(t for _, _, t in G.edges(data="type"))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
