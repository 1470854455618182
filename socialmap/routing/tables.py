"""What routing needs of the store, read straight from SQLite into columns — and kept current.

:class:`Tables` is the in-memory mirror of the rows the routing engine reads:
one array per column of offers, locations and organisations, the offers' list
fields as (row, value) pairs, and the small tables (neighbourhoods, target
groups, referral links) as plain records.  It holds no networkx graph and no
per-offer Python dict: a 250,000-offer state costs tens of megabytes, not
gigabytes.

:meth:`Tables.load` reads a database (or one region); :meth:`Tables.replace`
swaps the rows of one scope — a region after an import, or single records
after an edit — for what the database holds now, without reading anything
else.  :func:`socialmap.routing.index.derive` turns the tables into the
engine's arrays.  This module only reads the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils

from ..fields import OFFER_LISTS
from ..sql import Sql, sql, where
from ..store import data_version, snapshot

__all__ = [
    "Tables",
    "Scope",
    "LinkMap",
    "Link",
    "OFFER_COLUMNS",
    "OFFER_LIST_TABLES",
    "NO_START",
    "NO_END",
]

NO_START = np.iinfo(np.int32).min
NO_END = np.iinfo(np.int32).max

#: The scalar offer columns routing reads, with how each becomes an array.
OFFER_COLUMNS: dict[str, str] = {
    "id": "object",
    "region": "object",
    "organisation": "object",
    "name": "object",
    "category": "object",
    "online": "bool",
    "interpreter": "bool",
    "childcare": "bool",
    "leads_to": "int8",
    "age_min": "float",
    "age_max": "float",
    "cost_eur": "float",
    "cost_options": "options",
    "wait_weeks": "float",
    "valid_from": "start",
    "valid_until": "end",
}

#: Offer list attribute -> (link table, value column), from the one table of list fields.
OFFER_LIST_TABLES: dict[str, tuple[str, str]] = {f.key: (f.table, f.column) for f in OFFER_LISTS}

_LOCATION_COLUMNS = (
    "id",
    "region",
    "lat",
    "lon",
    "wheelchair",
    "approximate",
    "address",
    "postcode",
    "city",
)
_LOCATION_TYPES = {"lat": "float", "lon": "float", "wheelchair": "bool", "approximate": "bool"}
_ORGANISATION_COLUMNS = ("id", "region", "name")
_LINK_COLUMNS = (
    "id",
    "region",
    "from_organisation",
    "from_offer",
    "to_organisation",
    "to_offer",
    "kind",
    "since",
    "last_confirmed",
    "note",
)


@dataclass(frozen=True)
class Scope:
    """Which rows a refresh replaces: a whole region, or records by id (any may be empty).

    >>> Scope(region="gladbeck").sql("offers")
    ('"offers".region = ?', ['gladbeck'])
    >>> Scope(offers=("a", "b")).sql("offers")
    ('"offers".id IN (SELECT value FROM json_each(?))', ['["a", "b"]'])
    """

    region: str | None = None
    offers: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    def ids(self, table: str) -> tuple[str, ...]:
        return {
            "offers": self.offers,
            "locations": self.locations,
            "organisations": self.organisations,
            "referral_links": self.links,
        }[table]

    def sql(self, table: str) -> tuple[Sql, list[Any]]:
        """The condition (with bound parameters) that selects this scope's rows of ``table``."""
        if self.region is not None:
            return sql("{table}.region = ?", table=table), [self.region]
        ids = json.dumps(list(self.ids(table)))
        return sql("{table}.id IN (SELECT value FROM json_each(?))", table=table), [ids]

    def matches(self, table: str, columns: dict[str, np.ndarray]) -> np.ndarray:
        """Which in-memory rows of ``table`` this scope covers."""
        if self.region is not None:
            return np.asarray(columns["region"] == self.region, dtype=bool)
        ids = set(self.ids(table))
        return np.fromiter((i in ids for i in columns["id"]), dtype=bool, count=len(columns["id"]))


@dataclass
class Tables:
    """Columns of the offers, locations and organisations routing reads (see the module)."""

    offers: dict[str, np.ndarray]
    #: attribute -> (offer row, value): the rows of one link table.
    offer_lists: dict[str, tuple[np.ndarray, np.ndarray]]
    locations: dict[str, np.ndarray]
    organisations: dict[str, np.ndarray]
    #: referral link id -> the link
    links: dict[str, Link]
    neighbourhoods: list[dict[str, Any]]
    target_groups: list[dict[str, Any]]
    region: str | None = None
    #: The store's change sequence number these tables reflect.
    seq: int = 0
    #: (from node, to node) -> the link, e.g. ``("organisation:a", "offer:b")`` (one per pair).
    link_map: LinkMap | None = None

    def __post_init__(self) -> None:
        if self.link_map is None:
            self.link_map = LinkMap(self.links)

    @classmethod
    def load(cls, db: sqlite_utils.Database, region: str | None = None) -> Tables:
        """Read every row routing needs (of one region, or of all)."""
        scope = Scope(region=region) if region else None
        with snapshot(db):
            seq = change_seq(db)
            offers, lists = _read_offers(db, scope)
            return cls(
                offers=offers,
                offer_lists=lists,
                locations=_read_table(db, "locations", _LOCATION_COLUMNS, _LOCATION_TYPES, scope),
                organisations=_read_table(db, "organisations", _ORGANISATION_COLUMNS, {}, scope),
                links=_read_links(db, scope),
                neighbourhoods=_read_neighbourhoods(db, region),
                target_groups=_read_target_groups(db),
                region=region,
                seq=seq,
            )

    @property
    def n_offers(self) -> int:
        return len(self.offers["id"])

    def replace(self, db: sqlite_utils.Database, scope: Scope, seq: int) -> Tables:
        """New tables with the rows of ``scope`` replaced by what ``db`` holds now.

        Only the rows in scope are read; the rest is array surgery.  A region
        outside the tables' own region is ignored.
        """
        if self.region is not None and scope.region not in (None, self.region):
            return dataclasses.replace(self, seq=seq)
        offers, lists = self.offers, self.offer_lists
        if scope.region is not None or scope.offers:
            new_offers, new_lists = _read_offers(db, scope, region=self.region)
            offers, lists = _splice_offers(offers, lists, scope, new_offers, new_lists)
        locations = self.locations
        if scope.region is not None or scope.locations:
            new = _read_table(
                db, "locations", _LOCATION_COLUMNS, _LOCATION_TYPES, scope, region=self.region
            )
            locations = _splice(locations, scope.matches("locations", locations), new)
        organisations = self.organisations
        if scope.region is not None or scope.organisations:
            new = _read_table(
                db, "organisations", _ORGANISATION_COLUMNS, {}, scope, region=self.region
            )
            organisations = _splice(
                organisations, scope.matches("organisations", organisations), new
            )
        links, link_map = self.links, self.link_map
        if scope.region is not None or scope.links:
            if scope.region is not None:
                gone = [i for i, link in links.items() if link[6] == scope.region]
            else:
                gone = [i for i in scope.links if i in links]
            links = dict(links)
            assert link_map is not None
            link_map = link_map.copy()
            link_map.remove(links.pop(i) for i in gone)
            new_links = _read_links(db, scope, region=self.region)
            links.update(new_links)
            # a removed link may have hidden an older one of the same pair
            link_map = LinkMap(links) if gone else link_map
            if not gone:
                link_map.add(new_links)
        neighbourhoods, groups = self.neighbourhoods, self.target_groups
        if scope.region is not None:
            neighbourhoods = _read_neighbourhoods(db, self.region)
            groups = _read_target_groups(db)
        return Tables(
            offers=offers,
            offer_lists=lists,
            locations=locations,
            organisations=organisations,
            links=links,
            neighbourhoods=neighbourhoods,
            target_groups=groups,
            region=self.region,
            seq=seq,
            link_map=link_map,
        )


def change_seq(db: sqlite_utils.Database) -> int:
    """The store's latest change sequence number (0 before any change was logged)."""
    return data_version(db)


def _ordinal(value: Any, default: int) -> int:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(str(value)).toordinal()
    except ValueError:
        return default


def _column(values: Sequence[Any], kind: str) -> np.ndarray:
    if kind == "object":
        out = np.empty(len(values), dtype=object)
        out[:] = _interned(values)
        return out
    if kind == "bool":
        return np.array([bool(v) for v in values], dtype=bool)
    if kind == "int8":
        return np.array(values, dtype=np.int8)
    if kind == "float":
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    if kind == "options":  # JSON text of cost options (socialmap.costs), or None
        out = np.empty(len(values), dtype=object)
        out[:] = [json.loads(v) if v else None for v in values]
        return out
    if kind == "start":
        return np.array([_ordinal(v, NO_START) for v in values], dtype=np.int32)
    if kind == "end":
        return np.array([_ordinal(v, NO_END) for v in values], dtype=np.int32)
    raise ValueError(f"unknown column kind {kind!r}")


def _where(scope: Scope | None, table: str, region: str | None) -> tuple[Sql, list]:
    conditions: list[Sql] = []
    params: list[Any] = []
    if scope is not None:
        condition, values = scope.sql(table)
        conditions.append(condition)
        params += values
    if region is not None and (scope is None or scope.region is None):
        conditions.append(sql("{table}.region = ?", table=table))
        params.append(region)
    return where(conditions), params


def _read_table(
    db: sqlite_utils.Database,
    table: str,
    columns: Sequence[str],
    types: dict[str, str],
    scope: Scope | None,
    *,
    region: str | None = None,
) -> dict[str, np.ndarray]:
    condition, params = _where(scope, table, region)
    statement = sql(
        "SELECT {columns} FROM {table} {where} ORDER BY id",
        columns=columns,
        table=table,
        where=condition,
    )
    rows = db.execute(statement, params).fetchall()
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return {c: _column(v, types.get(c, "object")) for c, v in zip(columns, values, strict=True)}


def _read_offers(
    db: sqlite_utils.Database, scope: Scope | None, *, region: str | None = None
) -> tuple[dict[str, np.ndarray], dict[str, tuple[np.ndarray, np.ndarray]]]:
    offers = _read_table(db, "offers", list(OFFER_COLUMNS), OFFER_COLUMNS, scope, region=region)
    _default_currencies(db, offers)
    row_of = {oid: i for i, oid in enumerate(offers["id"].tolist())}
    condition, params = _where(scope, "offers", region)
    lists: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for attr, (table, column) in OFFER_LIST_TABLES.items():
        statement = sql(
            "SELECT l.offer, l.{column} FROM {table} l JOIN offers ON offers.id = l.offer"
            " {where} ORDER BY l.offer, l.{column}",
            column=column,
            table=table,
            where=condition,
        )
        pairs = db.execute(statement, params).fetchall()
        rows = np.array([row_of[p[0]] for p in pairs], dtype=np.int64)
        values = np.empty(len(pairs), dtype=object)
        values[:] = [p[1] for p in pairs] if attr == "accepts" else _interned(p[1] for p in pairs)
        lists[attr] = (rows, values)
    return offers, lists


def _default_currencies(db: sqlite_utils.Database, offers: dict[str, np.ndarray]) -> None:
    """Give cost options without a currency their region's (if it has one; never another)."""
    if not any(o is not None for o in offers["cost_options"]):
        return
    currency = dict(db.execute("SELECT id, currency FROM regions").fetchall())
    for options, region in zip(offers["cost_options"], offers["region"], strict=True):
        for option in options or ():
            if not option.get("currency") and currency.get(region):
                option["currency"] = currency[region]


def _splice(
    columns: dict[str, np.ndarray], drop: np.ndarray, new: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    keep = ~drop
    return {c: np.concatenate([columns[c][keep], new[c]]) for c in columns}


def _splice_offers(
    offers: dict[str, np.ndarray],
    lists: dict[str, tuple[np.ndarray, np.ndarray]],
    scope: Scope,
    new_offers: dict[str, np.ndarray],
    new_lists: dict[str, tuple[np.ndarray, np.ndarray]],
) -> tuple[dict[str, np.ndarray], dict[str, tuple[np.ndarray, np.ndarray]]]:
    drop = scope.matches("offers", offers)
    kept = int((~drop).sum())
    renumber = np.cumsum(~drop) - 1  # old row -> row among the kept
    out_lists = {}
    for attr, (rows, values) in lists.items():
        stays = ~drop[rows] if len(rows) else np.zeros(0, dtype=bool)
        new_rows, new_values = new_lists[attr]
        out_lists[attr] = (
            np.concatenate([renumber[rows[stays]], new_rows + kept]).astype(np.int64),
            np.concatenate([values[stays], new_values]),
        )
    return _splice(offers, drop, new_offers), out_lists


#: A referral link in memory: (from node, to node, kind, since, last_confirmed, note, region).
Link = tuple[str, str, Any, Any, Any, Any, Any]


def _read_links(
    db: sqlite_utils.Database, scope: Scope | None, *, region: str | None = None
) -> dict[str, Link]:
    condition, params = _where(scope, "referral_links", region)
    statement = sql(
        "SELECT {columns} FROM referral_links {where} ORDER BY id",
        columns=_LINK_COLUMNS,
        where=condition,
    )
    out: dict[str, Link] = {}
    codes: dict[str, str] = {}
    for row in db.execute(statement, params):
        link = dict(zip(_LINK_COLUMNS, row, strict=True))
        src, dst = link_nodes(link)
        out[str(link["id"])] = (
            src,
            dst,
            codes.setdefault(link["kind"], link["kind"]),
            link["since"],
            link["last_confirmed"],
            link["note"],
            codes.setdefault(link["region"], link["region"]),
        )
    return out


def link_nodes(link: dict[str, Any]) -> tuple[str, str]:
    """The (from, to) graph node ids of a referral link row."""
    src = (
        f"organisation:{link['from_organisation']}"
        if link["from_organisation"]
        else f"offer:{link['from_offer']}"
    )
    dst = (
        f"organisation:{link['to_organisation']}"
        if link["to_organisation"]
        else f"offer:{link['to_offer']}"
    )
    return src, dst


class LinkMap:
    """The referral links by (from node, to node) — one per pair, the one confirmed last.

    >>> row = ("organisation:a", "offer:b", "regular", None, "2026-01-01", "", "r")
    >>> links = LinkMap({"l1": row})
    >>> links.get(("organisation:a", "offer:b"))["last_confirmed"], list(links)
    ('2026-01-01', [('organisation:a', 'offer:b')])
    """

    def __init__(self, links: dict[str, Link]):
        self._by_pair: dict[tuple[str, str], Link] = {}
        self.add(links)

    def add(self, links: dict[str, Link]) -> None:
        for link in sorted(links.values(), key=lambda row: str(row[4] or "")):
            self._by_pair[(link[0], link[1])] = link

    def remove(self, links: Iterable[Link]) -> None:
        for link in links:
            if self._by_pair.get((link[0], link[1])) is link:
                del self._by_pair[(link[0], link[1])]

    def copy(self) -> LinkMap:
        new = LinkMap({})
        new._by_pair = dict(self._by_pair)
        return new

    def get(self, pair: tuple[str, str]) -> dict[str, Any] | None:
        """The link as a record: from, to, kind, since, last_confirmed, note."""
        link = self._by_pair.get(pair)
        if link is None:
            return None
        keys = ("from", "to", "kind", "since", "last_confirmed", "note")
        return dict(zip(keys, link, strict=False))

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._by_pair)

    def rows(self) -> Iterator[Link]:
        """The links, one per pair: (from, to, kind, since, last_confirmed, note, region)."""
        return iter(self._by_pair.values())

    def __len__(self) -> int:
        return len(self._by_pair)


def _interned(values: Iterable[Any]) -> list[Any]:
    """The values as str, one object per distinct value (codes repeat across 10⁵ rows)."""
    seen: dict[str, str] = {}
    return [None if v is None else seen.setdefault(str(v), str(v)) for v in values]


def _read_neighbourhoods(db: sqlite_utils.Database, region: str | None) -> list[dict[str, Any]]:
    postcodes: dict[str, list[str]] = {}
    for n, code in db.execute(
        "SELECT neighbourhood, postcode FROM neighbourhood_postcodes ORDER BY 1, 2"
    ):
        postcodes.setdefault(n, []).append(code)
    conditions, params = ([sql("region = ?")], [region]) if region else ([], [])
    statement = sql(
        "SELECT id, name, region, lat, lon, geometry FROM neighbourhoods {where} ORDER BY id",
        where=where(conditions),
    )
    return [
        {
            "id": nid,
            "name": name,
            "region": reg,
            "lat": lat,
            "lon": lon,
            "geometry": geometry,
            "postcodes": tuple(postcodes.get(nid, ())),
        }
        for nid, name, reg, lat, lon, geometry in db.execute(statement, params)
    ]


def _read_target_groups(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    labels: dict[str, dict[str, str]] = {}
    for group, language, text in db.execute(
        "SELECT target_group, language, label FROM target_group_labels"
    ):
        labels.setdefault(group, {})[language] = text
    return [
        {"id": gid, "parent": parent, "labels": labels.get(gid, {})}
        for gid, parent in db.execute("SELECT id, parent FROM target_groups ORDER BY id")
    ]
