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
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import sqlite_utils
from scipy.spatial import cKDTree

from ..geo import EARTH_RADIUS_KM, NeighbourhoodIndex
from ..vocab import GENDERS, RESIDENCE_STATUSES, WORK_BANS, group_lineage
from .tables import LinkMap, Scope, Tables

if TYPE_CHECKING:
    from ..referrals.outcomes import Outcomes

__all__ = [
    "RoutingIndex",
    "load_index",
    "refreshed",
    "derive",
    "routing_index",
    "attach_index",
    "without_offers",
    "unit_vectors",
    "chord_radius",
    "Bitset",
]

_CACHE_KEY = "_routing_index"


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
        rows = [tuple(row) for row in rows]
        owner = np.array([i for i, row in enumerate(rows) for _ in row], dtype=np.int64)
        values = np.empty(len(owner), dtype=object)
        values[:] = [str(v) for row in rows for v in row]
        return _bitset(owner, values, len(rows), [str(v) for v in vocabulary])

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

    offer_ids: Strings
    position: dict[str, int]
    name: Strings
    category: np.ndarray  # object: str
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
    cost_options: np.ndarray  # object: list of cost options (socialmap.costs) or None
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
    neighbourhoods: Rows  # the residents-only rule's neighbourhood ids
    restricted: np.ndarray  # bool: residents of some neighbourhoods only
    offer_nb_ptr: np.ndarray  # CSR offer -> neighbourhoods of its residents-only rule
    offer_nb: np.ndarray  # indices into neighbourhood_ids
    referrers: Rows  # organisation indices of requires_referral_by
    gated: np.ndarray  # bool
    loc_ids: list[str]
    loc_lat: np.ndarray
    loc_lon: np.ndarray
    loc_wheelchair: np.ndarray
    loc_approximate: np.ndarray  # placed at its postcode's centre, not at its address
    tree: cKDTree | None
    offer_loc_ptr: np.ndarray  # CSR offer -> locations with coordinates
    offer_loc: np.ndarray
    loc_offer_ptr: np.ndarray  # CSR location -> offers
    loc_offer: np.ndarray
    warm_ptr: np.ndarray  # CSR offer -> offers it hands over to warmly
    warm_dst: np.ndarray
    warm_confirmed: np.ndarray  # per warm pair: day (ordinal) its newest link was last confirmed
    group_parent: dict[str, str | None]
    group_labels: dict[str, dict[str, str]]
    org_names: list[str]
    neighbourhood_index: NeighbourhoodIndex
    neighbourhood_region: dict[str, str]
    neighbourhood_point: dict[str, tuple[float, float]]
    neighbourhood_name: dict[str, str]
    neighbourhood_ids: list[str]
    neighbourhood_pos: dict[str, int]
    #: The address line of each location, as a step shows it.
    loc_address: Sequence[str | None] = field(default_factory=list)
    #: ``refers-to`` links by (from node, to node), e.g. ``("organisation:a", "offer:b")``.
    links: LinkMap = field(default_factory=lambda: LinkMap({}))
    region_offers: dict[str, np.ndarray] = field(default_factory=dict)
    region_online: dict[str, np.ndarray] = field(default_factory=dict)
    #: The rows this index was derived from (kept to apply the next change in place).
    tables: Tables | None = field(default=None, repr=False)
    #: Outcome counts of referrals per handover (:mod:`socialmap.referrals.outcomes`);
    #: None: routing uses the static costs only.
    outcomes: Outcomes | None = field(default=None, repr=False)

    @property
    def seq(self) -> int:
        """The store's change sequence number this index reflects."""
        return self.tables.seq if self.tables is not None else 0

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


def load_index(db: sqlite_utils.Database, region: str | None = None) -> RoutingIndex:
    """Read the routing index of ``db`` (or of one region) straight from SQLite.

    Examples
    --------
    >>> from socialmap.store import open_db
    >>> load_index(open_db(":memory:")).n
    0
    """
    from ..referrals.outcomes import handover_counts

    index = derive(Tables.load(db, region))
    index.outcomes = handover_counts(db)
    return index


def refreshed(
    index: RoutingIndex, db: sqlite_utils.Database, scope: Scope, seq: int
) -> RoutingIndex:
    """``index`` with the rows of ``scope`` read again from ``db`` — no full reload.

    Only the records in scope are read from SQLite; the arrays are derived
    again from the tables kept in memory.
    """
    if index.tables is None:
        raise ValueError("this index keeps no tables to refresh")
    new = derive(index.tables.replace(db, scope, seq))
    new.outcomes = index.outcomes
    return new


def routing_index(G: nx.MultiDiGraph) -> RoutingIndex:
    """The routing index attached to a graph by :func:`socialmap.graph.build_graph`.

    Examples
    --------
    >>> from socialmap.store import open_db
    >>> from socialmap.graph import build_graph
    >>> G = build_graph(open_db(":memory:"))
    >>> routing_index(G).n, routing_index(G) is routing_index(G)
    (0, True)
    """
    index = G.graph.get(_CACHE_KEY)
    if index is None:
        raise ValueError("this graph carries no routing index: build it with build_graph(db)")
    return index


def attach_index(G: nx.MultiDiGraph, index: RoutingIndex) -> nx.MultiDiGraph:
    """Attach ``index`` to ``G`` (used by :func:`socialmap.graph.build_graph`)."""
    G.graph[_CACHE_KEY] = index
    return G


def without_offers(source: nx.MultiDiGraph | RoutingIndex, offers: Iterable[str]) -> RoutingIndex:
    """The index as the engine sees it if ``offers`` (ids) did not exist — without rebuilding.

    The copy has those offers' funding ended before any date, so the engine's
    own rules drop them, and warm handovers and referral requirements through
    them go with them.  Used by the analysis to ask "what if this
    organisation left?" for many organisations in a row.

    >>> from socialmap.store import open_db
    >>> without_offers(load_index(open_db(":memory:")), []).n
    0
    """
    index = source if isinstance(source, RoutingIndex) else routing_index(source)
    until = index.valid_until.copy()
    until[[index.position[o] for o in offers if o in index.position]] = np.iinfo(np.int32).min
    return dataclasses.replace(index, valid_until=until)


def _sorted_rows(ids: np.ndarray) -> np.ndarray:
    return np.argsort(ids, kind="stable") if len(ids) else np.zeros(0, dtype=np.int64)


class Strings(Sequence[str]):
    """Many strings in one UTF-8 buffer: reading one touches no shared Python object.

    The model is built before gunicorn forks and shared copy-on-write; reading a
    Python ``str`` of it would write its reference count and copy its page into the
    worker (a route's 100 excluded offers, 400 routes: ~100 MB per worker).  A slice
    of this buffer is decoded into a new string instead.

    >>> names = Strings(["Taalcafé", "", "Werkfit"])
    >>> names[0], names[2], len(names), list(names)[1]
    ('Taalcafé', 'Werkfit', 3, '')
    """

    def __init__(self, values: Iterable[Any]):
        encoded = [str(v).encode("utf-8") for v in values]
        self.ends = np.cumsum([len(e) for e in encoded], dtype=np.int64)
        self.data = np.frombuffer(b"".join(encoded), dtype=np.uint8)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        start = int(self.ends[i - 1]) if i > 0 else 0
        return self.data[start : int(self.ends[i])].tobytes().decode("utf-8")

    def __len__(self) -> int:
        return len(self.ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Strings):
            return np.array_equal(self.ends, other.ends) and np.array_equal(self.data, other.data)
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Rows:
    """A list field as CSR rows: ``rows[i]`` is the tuple of row ``i``'s values.

    >>> r = Rows(np.array([0, 2, 2, 3]), np.array([0, 1, 0]), ["a", "b"])
    >>> r[0], r[1], r[2], len(r)
    (('a', 'b'), (), ('a',), 3)
    """

    ptr: np.ndarray
    data: np.ndarray
    vocabulary: Sequence[Any] | None = None

    def __getitem__(self, i: int) -> tuple[Any, ...]:
        values = self.data[self.ptr[i] : self.ptr[i + 1]].tolist()
        if self.vocabulary is None:
            return tuple(values)
        return tuple(self.vocabulary[v] for v in values)

    def __len__(self) -> int:
        return len(self.ptr) - 1


def _codes(values: np.ndarray, vocabulary: dict[Any, int]) -> np.ndarray:
    """Codes of ``values`` in ``vocabulary``, adding the values it lacks."""
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values.tolist()):
        code = vocabulary.get(v)
        if code is None:
            code = vocabulary[v] = len(vocabulary)
        out[i] = code
    return out


def _bitset(rows: np.ndarray, values: np.ndarray, n: int, fixed: Iterable[str] = ()) -> Bitset:
    vocab = list(dict.fromkeys(str(v) for v in fixed))
    vocab += sorted({str(v) for v in set(values.tolist())} - set(vocab))
    code = _codes(values, {v: i for i, v in enumerate(vocab)})
    words = np.zeros((n, max(1, -(-len(vocab) // 64))), dtype=np.uint64)
    for w in range(words.shape[1]):
        sel = (code // 64) == w
        column = np.zeros(n, dtype=np.uint64)
        np.bitwise_or.at(
            column, rows[sel], np.left_shift(np.uint64(1), (code[sel] % 64).astype(np.uint64))
        )
        words[:, w] = column
    return Bitset(vocab, words, np.logical_not(words.any(axis=1)))


def derive(t: Tables) -> RoutingIndex:
    """The engine's arrays from the tables (offers in the order of their ids), vectorised."""
    order = _sorted_rows(t.offers["id"])
    col = {c: v[order] for c, v in t.offers.items()}
    n = len(order)
    new_row = np.empty(n, dtype=np.int64)
    new_row[order] = np.arange(n)
    lists: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for attr, (rows, values) in t.offer_lists.items():
        rows = new_row[rows] if len(rows) else rows.astype(np.int64)
        by_row = np.argsort(rows, kind="stable")
        lists[attr] = (rows[by_row], values[by_row])

    org_order = _sorted_rows(t.organisations["id"])
    org_ids = t.organisations["id"][org_order].tolist()
    org_names = t.organisations["name"][org_order].tolist()
    org_position = {oid: i for i, oid in enumerate(org_ids)}
    offer_orgs = col["organisation"].tolist()
    for oid in dict.fromkeys(offer_orgs):  # an offer may name an organisation not loaded
        _org(org_ids, org_names, org_position, oid)
    ref_rows, ref_values = lists["requires_referral_by"]
    for oid in dict.fromkeys(ref_values.tolist()):
        _org(org_ids, org_names, org_position, str(oid))
    organisation = _codes(col["organisation"], org_position).astype(np.int32)
    referrers = Rows(_ptr(ref_rows, n), _codes(ref_values, org_position))

    offer_ids = col["id"].tolist()
    position = {oid: i for i, oid in enumerate(offer_ids)}
    region_ids = sorted(set(col["region"].tolist()))
    region = _codes(col["region"], {r: i for i, r in enumerate(region_ids)}).astype(np.int32)
    nb_rows, nb_values = lists["neighbourhoods"]
    nb_ids = sorted({str(d["id"]) for d in t.neighbourhoods} | set(nb_values.tolist()))
    nb_pos = {nid: i for i, nid in enumerate(nb_ids)}
    nb_codes = _codes(nb_values, nb_pos)
    acc_rows, acc_values = lists["accepts"]
    accepts = np.zeros(n, dtype=np.uint8)
    np.bitwise_or.at(
        accepts, acc_rows, np.left_shift(1, acc_values.astype(np.int64)).astype(np.uint8)
    )
    category = col["category"]
    index = RoutingIndex(
        offer_ids=Strings(offer_ids),
        position=position,
        name=Strings(np.where(col["name"] == None, col["id"], col["name"])),  # noqa: E711
        category=category,
        organisation=organisation,
        org_ids=org_ids,
        org_position=org_position,
        region=region,
        region_ids=region_ids,
        accepts=accepts,
        leads_to=col["leads_to"].astype(np.int8),
        age_min=col["age_min"],
        age_max=col["age_max"],
        cost_eur=col["cost_eur"],
        cost_options=col["cost_options"],
        valid_from=col["valid_from"],
        valid_until=col["valid_until"],
        online=col["online"],
        interpreter=col["interpreter"],
        childcare=col["childcare"],
        language_course=np.asarray(category == "language-course", dtype=bool),
        wait_weeks=col["wait_weeks"],
        genders=_bitset(*lists["genders"], n, GENDERS),
        residence_statuses=_bitset(*lists["residence_statuses"], n, RESIDENCE_STATUSES),
        excludes_work_ban=_bitset(*lists["excludes_work_ban"], n, WORK_BANS),
        target_groups=_bitset(*lists["target_groups"], n),
        languages=_bitset(*lists["languages"], n),
        neighbourhoods=Rows(_ptr(nb_rows, n), nb_codes, nb_ids),
        restricted=np.diff(_ptr(nb_rows, n)) > 0,
        offer_nb_ptr=_ptr(nb_rows, n),
        offer_nb=nb_codes.astype(np.int32),
        referrers=referrers,
        gated=np.diff(referrers.ptr) > 0,
        **_locations(t, *lists["locations"], n),
        **_warm(t, position, organisation, org_position, len(org_ids)),
        group_parent={str(g["id"]): g.get("parent") for g in t.target_groups},
        group_labels={str(g["id"]): dict(g.get("labels") or {}) for g in t.target_groups},
        org_names=org_names,
        **_neighbourhoods(t.neighbourhoods),
        neighbourhood_ids=nb_ids,
        neighbourhood_pos=nb_pos,
        links=t.link_map or LinkMap({}),
        tables=t,
    )
    online = index.online
    by_region = np.argsort(region, kind="stable")
    bounds = np.searchsorted(region[by_region], np.arange(len(region_ids) + 1))
    for r, rid in enumerate(region_ids):
        members = np.sort(by_region[bounds[r] : bounds[r + 1]])
        index.region_offers[rid] = members
        index.region_online[rid] = members[online[members]]
    return index


def _ptr(rows: np.ndarray, n: int) -> np.ndarray:
    """CSR row pointers of sorted ``rows`` over ``n`` rows."""
    return np.searchsorted(rows, np.arange(n + 1)).astype(np.int64)


def _org(org_ids: list[str], names: list[str], org_position: dict[str, int], oid: str) -> int:
    if oid not in org_position:
        org_position[oid] = len(org_ids)
        org_ids.append(oid)
        names.append(oid)
    return org_position[oid]


def _csr(pairs_src: np.ndarray, pairs_dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((pairs_dst, pairs_src))
    src, dst = pairs_src[order], pairs_dst[order]
    return _ptr(src, n), dst.astype(np.int32)


def _address(postcode: Any, city: Any, address: Any) -> str | None:
    place = " ".join(str(x) for x in (postcode, city) if x)
    return ", ".join(str(x) for x in (address, place) if x) or None


def _locations(t: Tables, rows: np.ndarray, values: np.ndarray, n: int) -> dict[str, Any]:
    loc = t.locations
    placed = np.flatnonzero(~np.isnan(loc["lat"]) & ~np.isnan(loc["lon"]))
    placed = placed[_sorted_rows(loc["id"][placed])]
    ids = loc["id"][placed].tolist()
    loc_pos = {lid: i for i, lid in enumerate(ids)}
    lat, lon = loc["lat"][placed], loc["lon"][placed]
    dst = np.fromiter(
        (loc_pos.get(v, -1) for v in values.tolist()), dtype=np.int64, count=len(values)
    )
    keep = dst >= 0
    src_a, dst_a = rows[keep], dst[keep]
    offer_ptr, offer_loc = _csr(src_a, dst_a, n)
    loc_ptr, loc_offer = _csr(dst_a, src_a, len(ids))
    return {
        "loc_ids": ids,
        "loc_lat": lat,
        "loc_lon": lon,
        "loc_wheelchair": loc["wheelchair"][placed],
        "loc_approximate": loc["approximate"][placed],
        "loc_address": _Addresses(loc, placed),
        "tree": cKDTree(unit_vectors(lat, lon)) if ids else None,
        "offer_loc_ptr": offer_ptr,
        "offer_loc": offer_loc,
        "loc_offer_ptr": loc_ptr,
        "loc_offer": loc_offer,
    }


@dataclass(frozen=True)
class _Addresses:
    """The address line of each placed location, composed when a step asks for it."""

    columns: dict[str, np.ndarray]
    rows: np.ndarray

    def __getitem__(self, i: int) -> str | None:
        r = self.rows[i]
        c = self.columns
        return _address(c["postcode"][r], c["city"][r], c["address"][r])

    def __len__(self) -> int:
        return len(self.rows)


def _warm(
    t: Tables,
    position: dict[str, int],
    organisation: np.ndarray,
    org_position: dict[str, int],
    n_orgs: int,
) -> dict[str, Any]:
    """Expand ``refers-to`` links (offer/organisation -> offer/organisation) to offer pairs.

    Every link node is a run of the array ``members``: an organisation the run
    of its offers, an offer the run holding only itself.  Each link yields the
    cartesian product of its two runs — computed for all links at once.
    """
    n = len(position)
    org_ptr, org_offers = _csr(organisation.astype(np.int64), np.arange(n, dtype=np.int64), n_orgs)
    members = np.concatenate([org_offers.astype(np.int64), np.arange(n, dtype=np.int64)])
    start = np.concatenate([org_ptr[:-1], len(org_offers) + np.arange(n)])
    count = np.concatenate([np.diff(org_ptr), np.ones(n, dtype=np.int64)])

    def run(node: str) -> int:
        kind, _, rid = node.partition(":")
        if kind == "offer":
            return n_orgs + position[rid] if rid in position else -1
        return org_position.get(rid, -1) if kind == "organisation" else -1

    rows = list(t.link_map.rows()) if t.link_map is not None else []
    pairs = np.array([(run(row[0]), run(row[1])) for row in rows], dtype=np.int64).reshape(-1, 2)
    confirmed = np.array([_confirmed_day(row) for row in rows], dtype=np.int64)
    placed = (pairs >= 0).all(axis=1)
    pairs, confirmed = pairs[placed], confirmed[placed]
    a_start, a_count = start[pairs[:, 0]], count[pairs[:, 0]]
    b_start, b_count = start[pairs[:, 1]], count[pairs[:, 1]]
    sizes = a_count * b_count
    link = np.repeat(np.arange(len(pairs)), sizes)
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    src = members[a_start[link] + offset // b_count[link]]
    dst = members[b_start[link] + offset % b_count[link]]
    keep = src != dst
    key, pair = np.unique(src[keep] * max(n, 1) + dst[keep], return_inverse=True)
    newest = np.full(len(key), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(newest, pair, confirmed[link[keep]])
    ptr, warm_dst = _csr(key // max(n, 1), key % max(n, 1), n)
    return {"warm_ptr": ptr, "warm_dst": warm_dst, "warm_confirmed": newest}


#: The confirmation day of a link that states none: nothing says it went quiet.
UNCONFIRMED = np.iinfo(np.int64).max


def _confirmed_day(link: tuple[Any, ...]) -> int:
    """The day (ordinal) a link was last confirmed; UNCONFIRMED when it states none."""
    try:
        return dt.date.fromisoformat(str(link[4])[:10]).toordinal()
    except ValueError:
        return int(UNCONFIRMED)


def _neighbourhoods(nodes: list[dict[str, Any]]) -> dict[str, Any]:
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
