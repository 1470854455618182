"""The offer list and the map's points: filter, full-text search, sort and page.

Every condition is parameterised; full-text input is reduced to quoted prefix
terms (:func:`fts_match`) so FTS5 query syntax cannot be injected.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlite_utils

from ..fields import LINK_TABLES
from ..geo import haversine_km
from ..sql import Sql, marks, sql, where
from .words import TextQuery, Vocabulary, load_vocabulary, understand

__all__ = [
    "OfferFilter",
    "OfferPage",
    "text_query",
    "text_condition",
    "target_group_labels",
    "search_offers",
    "count_offers",
    "list_offers",
    "offer_points",
    "offers_extent",
    "Box",
    "MapPoints",
    "map_points",
]


@dataclass(frozen=True)
class OfferFilter:
    """What a person asked for: every field optional; ``None`` means "any".

    ``target_group`` matches offers for that group or a group it belongs to
    (an offer for migrants serves refugees); ``language`` matches offers held
    in that language or with an interpreter; ``rung`` matches offers that
    accept clients on that rung; ``neighbourhood`` matches offers with a
    location there.  Only offers active on ``today`` are returned.  ``near``
    (latitude, longitude) filters nothing: the list is sorted by distance from
    it (after match quality) and each summary gets its ``distance_km``.
    """

    region: str | None = None
    q: str | None = None
    category: str | None = None
    target_group: str | None = None
    language: str | None = None
    rung: int | None = None
    neighbourhood: str | None = None
    free_only: bool = False
    online: bool = False
    near: tuple[float, float] | None = None
    today: str = field(default_factory=lambda: dt.date.today().isoformat())


@dataclass
class OfferPage:
    """One page of offers: the total number that match and the page's offer summaries."""

    total: int
    items: list[dict[str, Any]]


def text_query(db: sqlite_utils.Database, text: str | None) -> TextQuery | None:
    """What ``text`` asks of the offers (see :mod:`.words`); None when there is no text.

    The one full-text search of socialmap: the offer list and ``/api/offers``
    (through :func:`_where`) and the HSDS ``search`` parameter (through
    :func:`text_condition`) ask it, so widening the search happens in one place.
    """
    if text is None or not text.strip():
        return None
    return understand(db, text, _vocabulary(db))


def text_condition(db: sqlite_utils.Database, text: str | None) -> tuple[Sql, list[Any]] | None:
    """The SQL condition on ``offers o`` of a full-text search; None: no text to search.

    Text of punctuation only matches nothing.

    >>> from socialmap.store import open_db
    >>> text_condition(open_db(":memory:"), " "), text_condition(open_db(":memory:"), ";--")
    (None, ('0', []))
    """
    query = text_query(db, text)
    return None if query is None else query.condition()


def _vocabulary(db: sqlite_utils.Database) -> Vocabulary:
    groups = target_group_labels(db)
    return _vocabulary_of(json.dumps(groups, sort_keys=True))


@lru_cache(maxsize=8)
def _vocabulary_of(groups: str) -> Vocabulary:
    return load_vocabulary(json.loads(groups))


def target_group_labels(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """``{id: {"parent": id | None, "labels": {lang: label}}}`` of every target group."""
    groups: dict[str, dict[str, Any]] = {
        gid: {"parent": parent, "labels": {}}
        for gid, parent in db.execute("SELECT id, parent FROM target_groups ORDER BY id")
    }
    for gid, lang, text in db.execute(
        "SELECT target_group, language, label FROM target_group_labels ORDER BY 1, 2"
    ):
        if gid in groups:
            groups[gid]["labels"][lang] = text
    return groups


def _where(
    f: OfferFilter, groups: list[str] | None = None, text: TextQuery | None = None
) -> tuple[list[Sql], list[Any]]:
    """The conditions (constant SQL) and bound values of a filter.

    ``groups`` are the target group of ``f`` and the groups above it (see
    :func:`_groups_serving`); ``text`` is what ``f.q`` means (:func:`text_query`).
    List conditions are ``EXISTS`` probes of the link tables' primary keys, so a
    page sorted by name stops early.
    """
    # COALESCE keeps the planner off a slow OR over the date index: a scan is quicker.
    conditions = [
        sql("COALESCE(o.valid_from, '0000-01-01') <= ?"),
        sql("COALESCE(o.valid_until, '9999-12-31') >= ?"),
    ]
    params: list[Any] = [f.today, f.today]
    if text is not None:
        condition, values = text.condition()
        conditions.append(condition)
        params += values
    if f.region is not None:
        conditions.append(sql("o.region = ?"))
        params.append(f.region)
    if f.category is not None:
        conditions.append(sql("o.category = ?"))
        params.append(f.category)
    if f.target_group is not None:
        served = groups or [f.target_group]
        conditions.append(
            sql(
                "EXISTS (SELECT 1 FROM offer_target_groups t WHERE t.offer = o.id"
                " AND t.target_group IN ({served}))",
                served=marks(served),
            )
        )
        params += served
    if f.language is not None:
        conditions.append(
            sql(
                "(o.interpreter = 1 OR EXISTS (SELECT 1 FROM offer_languages l "
                "WHERE l.offer = o.id AND l.language = ?))"
            )
        )
        params.append(f.language)
    if f.rung is not None:
        conditions.append(
            sql("EXISTS (SELECT 1 FROM offer_accepts a WHERE a.offer = o.id AND a.rung = ?)")
        )
        params.append(f.rung)
    if f.neighbourhood is not None:
        # A set built once from the neighbourhood's locations: 35× quicker at 250,000 offers
        # than probing every offer's locations.
        conditions.append(
            sql(
                "o.id IN (SELECT ol.offer FROM locations l JOIN offer_locations ol "
                "ON ol.location = l.id WHERE l.neighbourhood = ?)"
            )
        )
        params.append(f.neighbourhood)
    if f.free_only:
        conditions.append(sql("o.cost_eur = 0"))
    if f.online:
        conditions.append(sql("o.online = 1"))
    return conditions, params


def _groups_serving(db: sqlite_utils.Database, group: str | None) -> list[str] | None:
    """``group`` and every group above it: an offer for any of them serves ``group``."""
    if group is None:
        return None
    rows = db.execute(
        "WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT t.parent FROM target_groups t "
        "JOIN up ON t.id = up.id WHERE t.parent IS NOT NULL) SELECT id FROM up ORDER BY id",
        [group],
    ).fetchall()
    return [row[0] for row in rows]


def search_offers(
    db: sqlite_utils.Database, f: OfferFilter, *, limit: int = 20, offset: int = 0
) -> OfferPage:
    """Return one page of the offers that match ``f``: best match first, else by name.

    >>> from socialmap.store import open_db
    >>> search_offers(open_db(":memory:"), OfferFilter(q="taal")).total
    0
    """
    return OfferPage(
        total=count_offers(db, f), items=list_offers(db, f, limit=limit, offset=offset)
    )


def count_offers(db: sqlite_utils.Database, f: OfferFilter) -> int:
    """How many offers match ``f``."""
    conditions, params = _where(f, _groups_serving(db, f.target_group), text_query(db, f.q))
    statement = sql("SELECT COUNT(*) FROM offers o {where}", where=where(conditions))
    return int(db.execute(statement, params).fetchone()[0])


#: Squared distance (in degrees of latitude) of the offer's nearest located place.
_NEAREST = sql(
    "(SELECT MIN((l.lat - ?) * (l.lat - ?) + (l.lon - ?) * (l.lon - ?) * ?)"
    " FROM offer_locations ol JOIN locations l ON l.id = ol.location"
    " WHERE ol.offer = o.id AND l.lat IS NOT NULL AND l.lon IS NOT NULL)"
)


def list_offers(
    db: sqlite_utils.Database, f: OfferFilter, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """The summaries of one page of the offers that match ``f`` (see :func:`search_offers`).

    Best match first (:meth:`~.words.TextQuery.quality`), then nearest to
    ``f.near``, then by name.
    """
    text = text_query(db, f.q)
    conditions, params = _where(f, _groups_serving(db, f.target_group), text)
    order: list[Sql] = []
    order_params: list[Any] = []
    quality = None if text is None else text.quality()
    if quality is not None:
        order.append(sql("{quality} DESC", quality=quality[0]))
        order_params += quality[1]
    if f.near is not None:
        lat, lon = f.near
        shrink = math.cos(math.radians(lat)) ** 2
        order.append(sql("{nearest} IS NULL, {nearest}", nearest=_NEAREST))
        order_params += [lat, lat, lon, lon, shrink] * 2
    order.append(sql("o.name COLLATE NOCASE, o.id"))
    # The page's rowids first (the sort touches offers only), then their summaries.
    statement = sql(
        "SELECT o.rowid FROM offers o {where} ORDER BY {order} LIMIT ? OFFSET ?",
        where=where(conditions),
        order=Sql(", ".join(order)),
    )
    page = [row[0] for row in db.execute(statement, [*params, *order_params, limit, offset])]
    summaries = sql(
        "SELECT o.rowid, o.id, o.name, o.organisation, org.name, o.category, o.leads_to,"
        " o.online, o.cost_eur, o.purpose, o.last_verified"
        " FROM offers o JOIN organisations org ON org.id = o.organisation"
        " WHERE o.rowid IN ({page})",
        page=marks(page),
    )
    by_rowid = {row[0]: row[1:] for row in db.execute(summaries, page).fetchall()}
    items = [_summary(by_rowid[rowid]) for rowid in page]
    attach_lists(db, items, ("offer_accepts", "offer_languages", "offer_target_groups"))
    _attach_places(db, items)
    if f.near is not None:
        _attach_distances(db, items, f.near)
    return items


def _attach_distances(
    db: sqlite_utils.Database, items: list[dict[str, Any]], near: tuple[float, float]
) -> None:
    """Give each summary ``distance_km``: to its nearest located place, None when it has none."""
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    for item in items:
        item["distance_km"] = None
    if not ids:
        return
    statement = sql(
        "SELECT ol.offer, l.lat, l.lon FROM offer_locations ol JOIN locations l"
        " ON l.id = ol.location WHERE ol.offer IN ({ids}) AND l.lat IS NOT NULL"
        " AND l.lon IS NOT NULL",
        ids=marks(ids),
    )
    for offer, lat, lon in db.execute(statement, ids).fetchall():
        km = round(haversine_km(near[0], near[1], lat, lon), 1)
        known = by_id[offer]["distance_km"]
        by_id[offer]["distance_km"] = km if known is None else min(known, km)


def _summary(row: tuple) -> dict[str, Any]:
    oid, name, org, org_name, category, leads_to, online, cost, purpose, verified = row
    return {
        "id": oid,
        "name": name,
        "organisation": {"id": org, "name": org_name},
        "category": category,
        "leads_to": leads_to,
        "online": bool(online),
        "cost_eur": cost,
        "purpose": purpose or "",
        "last_verified": verified,
    }


def attach_lists(db: sqlite_utils.Database, items: list[dict[str, Any]], tables: Iterable[str]):
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    for table in tables:
        column, key = LINK_TABLES[table].column, LINK_TABLES[table].key
        for item in items:
            item[key] = []
        if not ids:
            continue
        statement = sql(
            "SELECT offer, {column} FROM {table} WHERE offer IN ({ids}) ORDER BY 1, 2",
            column=column,
            table=table,
            ids=marks(ids),
        )
        for offer, value in db.execute(statement, ids).fetchall():
            by_id[offer][key].append(value)


def _attach_places(db: sqlite_utils.Database, items: list[dict[str, Any]]) -> None:
    """Give each summary the neighbourhoods (id, name) its locations lie in."""
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    for item in items:
        item["neighbourhoods"] = []
    if not ids:
        return
    statement = sql(
        "SELECT DISTINCT ol.offer, n.id, n.name FROM offer_locations ol"
        " JOIN locations l ON l.id = ol.location"
        " JOIN neighbourhoods n ON n.id = l.neighbourhood"
        " WHERE ol.offer IN ({ids}) ORDER BY 1, 3",
        ids=marks(ids),
    )
    rows = db.execute(statement, ids).fetchall()
    for offer, nid, name in rows:
        by_id[offer]["neighbourhoods"].append({"id": nid, "name": name})


@dataclass(frozen=True)
class Box:
    """A map view in degrees: ``west``, ``south``, ``east``, ``north`` (``west < east``)."""

    west: float = -180.0
    south: float = -90.0
    east: float = 180.0
    north: float = 90.0

    def clauses(self) -> tuple[Sql, list[float]]:
        """The condition on a location ``l`` inside the box, and its values."""
        return sql("l.lat BETWEEN ? AND ? AND l.lon BETWEEN ? AND ?"), [
            self.south,
            self.north,
            self.west,
            self.east,
        ]


@dataclass(frozen=True)
class MapPoints:
    """What the map shows of a view: the points themselves, or grid cells counting them.

    ``total`` counts every (offer, location) pair in the view; when it is above
    the limit, ``cells`` groups them (``count``, mean ``lat``/``lon`` and the
    cell's ``bounds`` as ``[south, west, north, east]``) and ``points`` is empty.
    """

    total: int
    points: list[dict[str, Any]]
    cells: list[dict[str, Any]]


def _in_neighbourhood(f: OfferFilter) -> tuple[list[Sql], list[Any]]:
    """With a neighbourhood filter, the map shows the locations there only (as the list counts)."""
    if f.neighbourhood is None:
        return [], []
    return [sql("l.neighbourhood = ?")], [f.neighbourhood]


def offers_extent(db: sqlite_utils.Database, f: OfferFilter) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the located offers that match ``f``; None: none."""
    conditions, params = _where(f, _groups_serving(db, f.target_group), text_query(db, f.q))
    here, values = _in_neighbourhood(f)
    statement = sql(
        "SELECT MIN(l.lat), MIN(l.lon), MAX(l.lat), MAX(l.lon)"
        " FROM offers o JOIN offer_locations ol ON ol.offer = o.id"
        " JOIN locations l ON l.id = ol.location {where}",
        where=where([sql("l.lat IS NOT NULL AND l.lon IS NOT NULL"), *here, *conditions]),
    )
    south, west, north, east = db.execute(statement, [*values, *params]).fetchone()
    if south is None:
        return None
    return [[south, west], [north, east]]


def offer_points(
    db: sqlite_utils.Database, f: OfferFilter, box: Box | None = None
) -> list[dict[str, Any]]:
    """Every (offer, location with coordinates) pair that matches ``f`` (in ``box``).

    With a neighbourhood filter, only the locations in that neighbourhood.
    """
    conditions, params = _where(f, _groups_serving(db, f.target_group), text_query(db, f.q))
    here, values = _in_neighbourhood(f)
    conditions, params = [*here, *conditions], [*values, *params]
    inside, corners = (box or Box()).clauses()
    statement = sql(
        "SELECT o.id, o.name, o.category, o.leads_to, org.name, l.id, l.lat, l.lon,"
        " l.approximate FROM offers o JOIN organisations org ON org.id = o.organisation"
        " JOIN offer_locations ol ON ol.offer = o.id JOIN locations l ON l.id = ol.location"
        " {where} ORDER BY o.id, l.id",
        where=where([inside, *conditions]),
    )
    rows = db.execute(statement, [*corners, *params]).fetchall()
    keys = ("id", "name", "category", "leads_to", "organisation", "location", "lat", "lon")
    return [
        {**dict(zip(keys, row[:-1], strict=True)), "approximate": bool(row[-1])} for row in rows
    ]


def map_points(
    db: sqlite_utils.Database, f: OfferFilter, box: Box, *, limit: int, grid: int = 24
) -> MapPoints:
    """The points of ``f`` in ``box``; above ``limit`` of them, a ``grid`` × ``grid`` count.

    The work is bounded by the view: one grouped count over the view's
    locations, and the points only when there are few enough to draw.
    """
    conditions, params = _where(f, _groups_serving(db, f.target_group), text_query(db, f.q))
    here, values = _in_neighbourhood(f)
    conditions, params = [*here, *conditions], [*values, *params]
    inside, corners = box.clauses()
    dlat = max((box.north - box.south) / grid, 1e-9)
    dlon = max((box.east - box.west) / grid, 1e-9)
    statement = sql(
        "SELECT CAST((l.lat - ?) / ? AS INTEGER) AS y, CAST((l.lon - ?) / ? AS INTEGER) AS x,"
        " COUNT(*), AVG(l.lat), AVG(l.lon)"
        " FROM offers o JOIN offer_locations ol ON ol.offer = o.id"
        " JOIN locations l ON l.id = ol.location"
        " {where} GROUP BY y, x ORDER BY y, x",
        where=where([inside, *conditions]),
    )
    rows = db.execute(statement, [box.south, dlat, box.west, dlon, *corners, *params]).fetchall()
    total = sum(row[2] for row in rows)
    if total <= limit:
        return MapPoints(total, offer_points(db, f, box), [])
    cells = [
        {
            "count": count,
            "lat": lat,
            "lon": lon,
            "bounds": [
                box.south + y * dlat,
                box.west + x * dlon,
                min(box.north, box.south + (y + 1) * dlat),
                min(box.east, box.west + (x + 1) * dlon),
            ],
        }
        for y, x, count, lat, lon in rows
    ]
    return MapPoints(total, [], cells)
