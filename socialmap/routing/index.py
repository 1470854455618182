"""The routing index: the graph's offers as numpy arrays, built once per graph.

A query must never walk a 250,000-offer graph.  :func:`routing_index` reads
the graph once and caches a :class:`RoutingIndex` in
``G.graph["_routing_index"]``: every eligibility attribute of every offer as
an array (list-valued ones as bit sets), a ``scipy.spatial.cKDTree`` over the
locations (3-D unit vectors, so chord radii are exact great-circle radii), the
offers of each location and each region, the online offers, and the warm
handovers as offer-to-offer adjacency (``refers-to`` links between offers and
organisations expanded to the offers they cover).

The cache assumes the graph is not changed after the first query: socialmap
rebuilds the graph after every write (DESIGN.md), which drops the cache with
it.  Call ``routing_index(G, rebuild=True)`` after editing a graph by hand.
This module only reads the graph.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from ..geo import EARTH_RADIUS_KM, NeighbourhoodIndex
from ..vocab import GENDERS, RESIDENCE_STATUSES, WORK_BANS, group_lineage

__all__ = ["RoutingIndex", "routing_index", "unit_vectors", "chord_radius", "Bitset"]

_CACHE_KEY = "_routing_index"
_NO_START = np.iinfo(np.int32).min
_NO_END = np.iinfo(np.int32).max
_WORD = (1 << 64) - 1


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, shape (n, 3), for the k-d tree.

    >>> unit_vectors(np.array([0.0]), np.array([90.0])).round(6).tolist()
    [[0.0, 1.0, 0.0]]
    """
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def chord_radius(km: float) -> float:
    """The straight-line (chord) distance on the unit sphere of a great-circle distance.

    >>> round(chord_radius(6371.0088 * np.pi), 6)  # half way round the earth
    2.0
    """
    return float(2 * np.sin(min(km / EARTH_RADIUS_KM, np.pi) / 2))


@dataclass(frozen=True)
class Bitset:
    """A list-valued offer attribute as one bit set per offer (several 64-bit words).

    >>> b = Bitset.build([("ar", "nl"), (), ("tr",)])
    >>> b.vocabulary, b.any_of([0, 1, 2], ["tr", "xx"]).tolist(), b.empty.tolist()
    (['ar', 'nl', 'tr'], [False, False, True], [False, True, False])
    """

    vocabulary: list[str]
    words: np.ndarray  # uint64, shape (n, ceil(len(vocabulary) / 64))
    empty: np.ndarray  # bool: the offer lists no value

    @classmethod
    def build(cls, rows: Sequence[Iterable[Any]], vocabulary: Iterable[Any] = ()) -> Bitset:
        """Build from one iterable of values per offer; ``vocabulary`` fixes the first bits."""
        rows = [tuple(str(v) for v in row) for row in rows]
        vocab = list(dict.fromkeys([str(v) for v in vocabulary]))
        vocab += sorted({v for row in rows for v in row} - set(vocab))
        bit = {v: 1 << i for i, v in enumerate(vocab)}
        # Python ints first: item-wise numpy writes would dominate a 250,000-offer build.
        sets = [sum({bit[v] for v in row}) for row in rows]
        words = np.zeros((len(rows), max(1, -(-len(vocab) // 64))), dtype=np.uint64)
        for w in range(words.shape[1]):
            words[:, w] = np.array([(s >> (64 * w)) & _WORD for s in sets], dtype=np.uint64)
        empty = np.logical_not(words.any(axis=1))
        return cls(vocab, words, empty)

    def mask(self, values: Iterable[str]) -> np.ndarray:
        """The query bit set of ``values`` (values not in the vocabulary are ignored)."""
        query = np.zeros(self.words.shape[1], dtype=np.uint64)
        for v in values:
            if v in self.vocabulary:
                b = self.vocabulary.index(v)
                query[b // 64] |= np.uint64(1 << (b % 64))
        return query

    def any_of(self, offers: np.ndarray | Sequence[int], values: Iterable[str]) -> np.ndarray:
        """For each offer: does it list at least one of ``values``?"""
        return (self.words[offers] & self.mask(values)).any(axis=1)

    def values(self, offer: int) -> list[str]:
        """The values one offer lists, in vocabulary order."""
        bits = 0
        for w, word in enumerate(self.words[offer].tolist()):
            bits |= word << (64 * w)
        result = []
        while bits:
            low = bits & -bits
            result.append(self.vocabulary[low.bit_length() - 1])
            bits ^= low
        return result


@dataclass
class RoutingIndex:
    """Arrays over the offers of one graph, in the order of their ids (see the module)."""

    offer_ids: list[str]
    position: dict[str, int]
    name: list[str]
    category: list[str]
    organisation: np.ndarray  # int32 index into org_ids
    org_ids: list[str]
    org_position: dict[str, int]
    region: np.ndarray  # int32 index into region_ids
    region_ids: list[str]
    accepts: np.ndarray  # uint8: bit r set when rung r is accepted
    leads_to: np.ndarray  # int8
    age_min: np.ndarray  # float, NaN = no limit
    age_max: np.ndarray
    cost_eur: np.ndarray  # float, NaN = free or not stated
    valid_from: np.ndarray  # int32 ordinal
    valid_until: np.ndarray
    online: np.ndarray  # bool
    interpreter: np.ndarray
    childcare: np.ndarray
    language_course: np.ndarray
    wait_weeks: np.ndarray  # float, NaN = unknown
    genders: Bitset
    residence_statuses: Bitset
    excludes_work_ban: Bitset
    target_groups: Bitset
    languages: Bitset
    neighbourhoods: list[tuple[str, ...]]
    restricted: np.ndarray  # bool: residents of some neighbourhoods only
    offer_nb_ptr: np.ndarray  # CSR offer -> neighbourhoods of its residents-only rule
    offer_nb: np.ndarray  # indices into neighbourhood_ids
    referrers: list[tuple[int, ...]]  # organisation indices of requires_referral_by
    gated: np.ndarray  # bool
    loc_ids: list[str]
    loc_lat: np.ndarray
    loc_lon: np.ndarray
    loc_wheelchair: np.ndarray
    tree: cKDTree | None
    offer_loc_ptr: np.ndarray  # CSR offer -> locations with coordinates
    offer_loc: np.ndarray
    loc_offer_ptr: np.ndarray  # CSR location -> offers
    loc_offer: np.ndarray
    warm_ptr: np.ndarray  # CSR offer -> offers it hands over to warmly
    warm_dst: np.ndarray
    group_parent: dict[str, str | None]
    group_labels: dict[str, dict[str, str]]
    org_names: list[str]
    neighbourhood_index: NeighbourhoodIndex
    neighbourhood_region: dict[str, str]
    neighbourhood_point: dict[str, tuple[float, float]]
    neighbourhood_name: dict[str, str]
    neighbourhood_ids: list[str]
    neighbourhood_pos: dict[str, int]
    region_offers: dict[str, np.ndarray] = field(default_factory=dict)
    region_online: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of offers."""
        return len(self.offer_ids)

    @property
    def located(self) -> np.ndarray:
        """Offers with at least one location that has coordinates."""
        return np.diff(self.offer_loc_ptr) > 0

    def ancestors_or_self(self, groups: Iterable[str]) -> set[str]:
        """The groups and every group above them (an offer for a group serves its sub-groups)."""
        return {g for group in groups for g in group_lineage(group, self.group_parent)}

    def located_within(self, lat: float, lon: float, km: float) -> np.ndarray:
        """Offers with a location within ``km`` of a point (unsorted, may repeat)."""
        if self.tree is None:
            return np.array([], dtype=np.int64)
        point = unit_vectors(np.array([lat]), np.array([lon]))[0]
        locs = np.asarray(
            self.tree.query_ball_point(point, chord_radius(km) * (1 + 1e-9)), dtype=np.int64
        )
        flat, _ = segments(self.loc_offer_ptr, locs)
        return self.loc_offer[flat]

    def warm_successors(self, offer: int) -> np.ndarray:
        """Offers that ``offer`` hands over to warmly."""
        return self.warm_dst[self.warm_ptr[offer] : self.warm_ptr[offer + 1]]


def segments(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flatten the CSR rows ``rows`` of ``ptr``: (positions into the data, owning row number).

    >>> segments(np.array([0, 2, 2, 5]), np.array([2, 0]))
    (array([2, 3, 4, 0, 1]), array([0, 0, 0, 1, 1]))
    """
    starts = ptr[rows]
    counts = ptr[rows + 1] - starts
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(rows)), counts)
    if not total:
        return np.zeros(0, dtype=np.int64), owner
    offsets = np.cumsum(counts) - counts
    return np.repeat(starts - offsets, counts) + np.arange(total), owner


def routing_index(G: nx.MultiDiGraph, *, rebuild: bool = False) -> RoutingIndex:
    """Return the routing index of ``G``, building and caching it on first use.

    Examples
    --------
    >>> from socialmap.store import open_db
    >>> from socialmap.graph import build_graph
    >>> G = build_graph(open_db(":memory:"))
    >>> routing_index(G).n, routing_index(G) is routing_index(G)
    (0, True)
    """
    cached = G.graph.get(_CACHE_KEY)
    if cached is not None and not rebuild:
        return cached
    index = _build(G)
    G.graph[_CACHE_KEY] = index
    return index


def without_offers(G: nx.MultiDiGraph, offers: Iterable[str]) -> nx.MultiDiGraph:
    """``G`` as the engine sees it if ``offers`` (ids) did not exist — without rebuilding.

    A ``networkx.subgraph_view`` hides the offers; its graph dictionary carries
    the cached index with those offers' funding ended before any date, so the
    engine's own rules drop them, and warm handovers and referral
    requirements through them go with them.  Used by the analysis to ask
    "what if this organisation left?" for many organisations in a row.

    >>> from socialmap.store import open_db
    >>> from socialmap.graph import build_graph
    >>> G = build_graph(open_db(":memory:"))
    >>> without_offers(G, []).number_of_nodes() == G.number_of_nodes()
    True
    """
    offers = list(offers)
    gone = {f"offer:{o}" for o in offers}
    index = routing_index(G)
    until = index.valid_until.copy()
    until[[index.position[o] for o in offers if o in index.position]] = np.iinfo(np.int32).min
    view = nx.subgraph_view(G, filter_node=lambda n: n not in gone)
    view.graph = {**G.graph, _CACHE_KEY: dataclasses.replace(index, valid_until=until)}
    return view


def _ordinal(value: Any, default: int) -> int:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(str(value)).toordinal()
    except ValueError:
        return default


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _nodes(G: nx.MultiDiGraph, kind: str) -> list[dict[str, Any]]:
    return sorted(
        (d for _, d in G.nodes(data=True) if d.get("kind") == kind), key=lambda d: str(d["id"])
    )


def _build(G: nx.MultiDiGraph) -> RoutingIndex:
    offers = _nodes(G, "offer")
    orgs = _nodes(G, "organisation")
    org_ids = [str(o["id"]) for o in orgs]
    org_position = {oid: i for i, oid in enumerate(org_ids)}
    for o in offers:  # an offer may name an organisation of a region not loaded
        _org(org_ids, org_position, str(o["organisation"]))
    region_ids = sorted({str(o["region"]) for o in offers})
    region_pos = {r: i for i, r in enumerate(region_ids)}
    offer_ids = [str(o["id"]) for o in offers]
    position = {oid: i for i, oid in enumerate(offer_ids)}

    # Before the organisation count is used: a referrer may be an organisation without offers.
    referrers = [
        tuple(_org(org_ids, org_position, r) for r in o["requires_referral_by"]) for o in offers
    ]
    nb_ids = sorted(
        {str(d["id"]) for d in _nodes(G, "neighbourhood")}
        | {str(n) for o in offers for n in o["neighbourhoods"]}
    )
    nb_pos = {n: i for i, n in enumerate(nb_ids)}
    accepts = np.zeros(len(offers), dtype=np.uint8)
    for i, o in enumerate(offers):
        for r in o["accepts"]:
            accepts[i] |= np.uint8(1 << int(r))
    index = RoutingIndex(
        offer_ids=offer_ids,
        position=position,
        name=[str(o.get("name") or o["id"]) for o in offers],
        category=[str(o.get("category") or "") for o in offers],
        organisation=np.array([org_position[o["organisation"]] for o in offers], dtype=np.int32),
        org_ids=org_ids,
        org_position=org_position,
        region=np.array([region_pos[str(o["region"])] for o in offers], dtype=np.int32),
        region_ids=region_ids,
        accepts=accepts,
        leads_to=np.array([o["leads_to"] for o in offers], dtype=np.int8),
        age_min=np.array([_float(o.get("age_min")) for o in offers]),
        age_max=np.array([_float(o.get("age_max")) for o in offers]),
        cost_eur=np.array([_float(o.get("cost_eur")) for o in offers]),
        valid_from=np.array(
            [_ordinal(o.get("valid_from"), _NO_START) for o in offers], dtype=np.int32
        ),
        valid_until=np.array(
            [_ordinal(o.get("valid_until"), _NO_END) for o in offers], dtype=np.int32
        ),
        online=np.array([bool(o.get("online")) for o in offers], dtype=bool),
        interpreter=np.array([bool(o.get("interpreter")) for o in offers], dtype=bool),
        childcare=np.array([bool(o.get("childcare")) for o in offers], dtype=bool),
        language_course=np.array(
            [o.get("category") == "language-course" for o in offers], dtype=bool
        ),
        wait_weeks=np.array([_float(o.get("wait_weeks")) for o in offers]),
        genders=Bitset.build([o["genders"] for o in offers], GENDERS),
        residence_statuses=Bitset.build(
            [o["residence_statuses"] for o in offers], RESIDENCE_STATUSES
        ),
        excludes_work_ban=Bitset.build([o["excludes_work_ban"] for o in offers], WORK_BANS),
        target_groups=Bitset.build([o["target_groups"] for o in offers]),
        languages=Bitset.build([o["languages"] for o in offers]),
        neighbourhoods=[tuple(o["neighbourhoods"]) for o in offers],
        restricted=np.array([bool(o["neighbourhoods"]) for o in offers], dtype=bool),
        **_restrictions(offers, nb_pos),
        referrers=referrers,
        gated=np.array([bool(o["requires_referral_by"]) for o in offers], dtype=bool),
        **_locations(G, offers),
        **_warm(G, offer_ids, position, org_position, len(org_ids)),
        group_parent={str(g["id"]): g.get("parent") for g in _nodes(G, "target_group")},
        group_labels={str(g["id"]): dict(g.get("labels") or {}) for g in _nodes(G, "target_group")},
        org_names=[str(G.nodes.get(f"organisation:{o}", {}).get("name") or o) for o in org_ids],
        **_neighbourhoods(G),
        neighbourhood_ids=nb_ids,
        neighbourhood_pos=nb_pos,
    )
    for r, rid in enumerate(region_ids):
        members = np.flatnonzero(index.region == r)
        index.region_offers[rid] = members
        index.region_online[rid] = members[index.online[members]]
    return index


def _org(org_ids: list[str], org_position: dict[str, int], oid: str) -> int:
    if oid not in org_position:
        org_position[oid] = len(org_ids)
        org_ids.append(oid)
    return org_position[oid]


def _csr(pairs_src: np.ndarray, pairs_dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((pairs_dst, pairs_src))
    src, dst = pairs_src[order], pairs_dst[order]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(ptr, src + 1, 1)
    return np.cumsum(ptr), dst.astype(np.int32)


def _restrictions(offers: list[dict[str, Any]], nb_pos: dict[str, int]) -> dict[str, Any]:
    src = [i for i, o in enumerate(offers) for _ in o["neighbourhoods"]]
    dst = [nb_pos[str(n)] for o in offers for n in o["neighbourhoods"]]
    ptr, nb = _csr(np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), len(offers))
    return {"offer_nb_ptr": ptr, "offer_nb": nb}


def _locations(G: nx.MultiDiGraph, offers: list[dict[str, Any]]) -> dict[str, Any]:
    locs = [
        d for d in _nodes(G, "location") if d.get("lat") is not None and d.get("lon") is not None
    ]
    loc_pos = {str(d["id"]): i for i, d in enumerate(locs)}
    lat = np.array([float(d["lat"]) for d in locs])
    lon = np.array([float(d["lon"]) for d in locs])
    src, dst = [], []
    for i, o in enumerate(offers):
        for loc in o["locations"]:
            if loc in loc_pos:
                src.append(i)
                dst.append(loc_pos[loc])
    src_a, dst_a = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
    offer_ptr, offer_loc = _csr(src_a, dst_a, len(offers))
    loc_ptr, loc_offer = _csr(dst_a, src_a, len(locs))
    return {
        "loc_ids": [str(d["id"]) for d in locs],
        "loc_lat": lat,
        "loc_lon": lon,
        "loc_wheelchair": np.array([d.get("wheelchair") is True for d in locs], dtype=bool),
        "tree": cKDTree(unit_vectors(lat, lon)) if locs else None,
        "offer_loc_ptr": offer_ptr,
        "offer_loc": offer_loc,
        "loc_offer_ptr": loc_ptr,
        "loc_offer": loc_offer,
    }


def _warm(
    G: nx.MultiDiGraph,
    offer_ids: list[str],
    position: dict[str, int],
    org_position: dict[str, int],
    n_orgs: int,
) -> dict[str, Any]:
    """Expand ``refers-to`` links (offer/organisation -> offer/organisation) to offer pairs."""
    n = len(offer_ids)
    org_of = np.array(
        [org_position[G.nodes[f"offer:{o}"]["organisation"]] for o in offer_ids], dtype=np.int64
    )
    org_ptr, org_offers = _csr(org_of, np.arange(n, dtype=np.int64), n_orgs)

    def members(node: str) -> np.ndarray:
        kind, _, rid = node.partition(":")
        if kind == "offer":
            return np.array([position[rid]] if rid in position else [], dtype=np.int64)
        if kind == "organisation" and rid in org_position:
            o = org_position[rid]
            return org_offers[org_ptr[o] : org_ptr[o + 1]].astype(np.int64)
        return np.array([], dtype=np.int64)

    srcs, dsts = [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)]
    seen = set()
    for u, v, kind in G.edges(data="type"):
        if kind != "refers-to" or (u, v) in seen:
            continue
        seen.add((u, v))
        a, b = members(u), members(v)
        if len(a) and len(b):
            srcs.append(np.repeat(a, len(b)))
            dsts.append(np.tile(b, len(a)))
    src, dst = np.concatenate(srcs), np.concatenate(dsts)
    keep = src != dst
    key = np.unique(src[keep] * max(n, 1) + dst[keep])
    ptr, warm_dst = _csr(key // max(n, 1), key % max(n, 1), n)
    return {"warm_ptr": ptr, "warm_dst": warm_dst}


def _neighbourhoods(G: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = _nodes(G, "neighbourhood")
    return {
        "neighbourhood_index": NeighbourhoodIndex(
            {"id": d["id"], "geometry": d.get("geometry"), "postcodes": d.get("postcodes") or ()}
            for d in nodes
        ),
        "neighbourhood_region": {str(d["id"]): str(d["region"]) for d in nodes},
        "neighbourhood_point": {
            str(d["id"]): (float(d["lat"]), float(d["lon"]))
            for d in nodes
            if d.get("lat") is not None and d.get("lon") is not None
        },
        "neighbourhood_name": {str(d["id"]): str(d.get("name") or d["id"]) for d in nodes},
    }
