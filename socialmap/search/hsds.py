"""The lists behind the HSDS API, read a page at a time straight from the store.

Services, organizations and services at locations are listed in the order of
their socialmap ids (the primary key's index, so a page stops early).  A
:class:`Listing` is one such list with its filters as SQL:
:meth:`Listing.count` counts it, :meth:`Listing.page` reads one page of keys
with ``LIMIT``/``OFFSET`` and builds the HSDS records of only those
(:func:`~socialmap.dataset.tables.read_region` of a
:class:`~socialmap.dataset.tables.Part`, then
:func:`~socialmap.hsds.export.to_hsds`), and :meth:`Listing.stream` walks the
whole list a chunk at a time (``format=ndjson``).  So a page costs work in
proportion to the page, not to the database.

Taxonomy terms (:func:`taxonomy_terms`: a few hundred, which grow with the
regions' neighbourhoods and target groups, not with the offers) and the maps
from HSDS ids back to socialmap keys (:func:`service_keys` …) read every
region: the web layer keeps them per data version.  Every value is bound; the
SQL text is this module's own.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from shapely.geometry import Point, shape

from .. import geo
from ..dataset.tables import Part, read_region, region_list
from ..fields import OFFER_LISTS
from ..hsds.export import (
    HsdsRecords,
    _location_id,
    organization_id,
    service_id,
    to_hsds,
)
from ..hsds.ids import hsds_id
from ..hsds.taxonomy import split_code
from ..sql import Sql, marks, sql, where
from .offers import text_condition

__all__ = [
    "ServiceQuery",
    "Listing",
    "services",
    "organizations",
    "service_at_locations",
    "taxonomy_terms",
    "taxonomies",
    "service_keys",
    "organization_keys",
    "service_at_location_keys",
    "build_services",
    "build_organizations",
    "build_service_at_locations",
]

Keys = Sequence[Sequence[Any]]
#: A list's records from its keys (the first columns of its rows).
Builder = Callable[[sqlite_utils.Database, Keys], list[dict[str, Any]]]


@dataclass
class ServiceQuery:
    """The filters of ``/services`` and ``/service_at_locations`` (HSDS parameter values).

    ``organisations`` are the socialmap ids of the ``organization_id``
    parameter (None: no such filter; empty: an unknown id, nothing matches);
    ``term_code`` is the code of the ``taxonomy_term_id`` parameter (``""``:
    an unknown term).
    """

    search: str | None = None
    term_code: str | None = None
    taxonomy_id: str | None = None
    taxonomy_ids: frozenset[str] = frozenset()
    organisations: tuple[str, ...] | None = None
    modified_after: dt.datetime | None = None
    #: ``(lat, lon)`` of the postcode asked about, and the postcode itself
    centre: tuple[float, float] | None = None
    postcode: str | None = None
    proximity_m: float | None = None
    #: only this region's records (``region`` parameter, a socialmap extension)
    region: str | None = None


@dataclass(frozen=True)
class Listing:
    """One filtered list of HSDS records in the store, read a page or a chunk at a time."""

    db: sqlite_utils.Database
    #: ``SELECT <keys> FROM … WHERE …`` (constant text) and its bound values
    select: Sql
    params: list[Any]
    order: Sql
    build: Builder

    def count(self) -> int:
        """How many records the list holds."""
        statement = sql("SELECT count(*) FROM ({select})", select=self.select)
        return int(self.db.execute(statement, self.params).fetchone()[0])

    def page(self, limit: int, offset: int) -> list[dict[str, Any]]:
        """The records ``offset`` to ``offset + limit`` of the list."""
        statement = sql("{select} {order} LIMIT ? OFFSET ?", select=self.select, order=self.order)
        rows = self.db.execute(statement, [*self.params, limit, offset]).fetchall()
        return self.build(self.db, rows)

    def stream(self, chunk: int) -> Iterator[list[dict[str, Any]]]:
        """Every record of the list, ``chunk`` at a time."""
        statement = sql("{select} {order}", select=self.select, order=self.order)
        cursor = self.db.execute(statement, self.params)
        while rows := cursor.fetchmany(chunk):
            yield self.build(self.db, rows)


# --- the lists ------------------------------------------------------------------------------


def services(db: sqlite_utils.Database, query: ServiceQuery) -> Listing:
    """Services matching every filter of ``query`` (postcode and proximity ignored)."""
    conditions, params = _service_where(db, query)
    select = sql("SELECT o.region, o.id FROM offers o {where}", where=where(conditions))
    return Listing(db, select, params, sql("ORDER BY o.id"), build_services)


def organizations(
    db: sqlite_utils.Database, search: str | None, full: bool = True, region: str | None = None
) -> Listing:
    """Organizations whose name or description contains ``search`` (any case).

    ``full=False``: the records without their locations and services (a list item's fields).
    """
    _functions(db)
    conditions: list[Sql] = []
    params: list[Any] = []
    if search:
        conditions.append(sql("socialmap_contains(?, o.name, o.description)"))
        params.append(search)
    if region is not None:
        conditions.append(sql("o.region = ?"))
        params.append(region)
    select = sql("SELECT o.region, o.id FROM organisations o {where}", where=where(conditions))
    build = build_organizations if full else _build_bare_organizations
    return Listing(db, select, params, sql("ORDER BY o.id"), build)


def service_at_locations(db: sqlite_utils.Database, query: ServiceQuery) -> Listing:
    """Services at locations matching ``query``; nearest first when a proximity is given.

    With a postcode, services restricted to neighbourhoods that do not cover
    it are left out; with a proximity, so are locations farther away (and
    online ones, which have no place).
    """
    _functions(db)
    conditions, params = _service_where(db, query)
    if query.centre is not None:
        covering = _covering(db, query.centre, query.postcode)
        conditions.append(
            sql(
                "(NOT EXISTS (SELECT 1 FROM offer_neighbourhoods n WHERE n.offer = o.id)"
                " OR EXISTS (SELECT 1 FROM offer_neighbourhoods n WHERE n.offer = o.id"
                " AND n.neighbourhood IN ({covering})))",
                covering=marks(covering),
            )
        )
        params += covering
    if query.proximity_m is None:
        # Offers in id order, each with its locations and then its online place: the
        # sort needs only the rows of one offer at a time, so a page stops early.
        conditions.append(
            sql("((v.virtual = 0 AND ol.location IS NOT NULL) OR (v.virtual = 1 AND o.online = 1))")
        )
        select = sql(
            "SELECT o.region, o.id, ol.location, o.organisation FROM offers o"
            " CROSS JOIN (SELECT 0 AS virtual UNION ALL SELECT 1) v"
            " LEFT JOIN offer_locations ol ON v.virtual = 0 AND ol.offer = o.id {where}",
            where=where(conditions),
        )
        order = sql("ORDER BY o.id, v.virtual, ol.location")
        return Listing(db, select, params, order, build_service_at_locations)
    assert query.centre is not None
    lat, lon = query.centre
    conditions.append(
        sql(
            "l.lat BETWEEN ? AND ? AND l.lon BETWEEN ? AND ?"
            " AND socialmap_distance_m(?, ?, l.lat, l.lon) <= ?"
        )
    )
    select = sql(
        "SELECT o.region, o.id, ol.location, o.organisation,"
        " socialmap_distance_m(?, ?, l.lat, l.lon) AS distance"
        " FROM offers o JOIN offer_locations ol ON ol.offer = o.id"
        " JOIN locations l ON l.id = ol.location {where}",
        where=where(conditions),
    )
    box = _box(lat, lon, query.proximity_m)
    all_params = [lat, lon, *params, *box, lat, lon, query.proximity_m]
    order = sql("ORDER BY distance, o.id, ol.location")
    return Listing(db, select, all_params, order, build_service_at_locations)


def taxonomy_terms(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every taxonomy term of every region (the fixed vocabulary first), each once."""
    terms: dict[str, dict[str, Any]] = {}
    for records in _region_records(db):
        for term in records.taxonomy_terms:
            terms.setdefault(term["id"], term)
    return list(terms.values())


def taxonomies(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The taxonomies (socialmap publishes one)."""
    found: dict[str, dict[str, Any]] = {}
    for records in _region_records(db):
        for taxonomy in records.taxonomies:
            found.setdefault(taxonomy["id"], taxonomy)
    return list(found.values())


def _region_records(db: sqlite_utils.Database) -> Iterator[HsdsRecords]:
    for region in region_list(db):
        yield to_hsds(read_region(db, region, Part(all_shapes=True)), nest_terms=True)


# --- from HSDS ids back to socialmap keys (every record: kept per data version) --------------


def service_keys(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """``{service id: (region, offer id)}`` of every offer."""
    rows = db.execute("SELECT region, id FROM offers").fetchall()
    return {service_id(offer): (region, offer) for region, offer in rows}


def organization_keys(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """``{organization id: (region, organisation id)}`` of every organisation."""
    rows = db.execute("SELECT region, id FROM organisations").fetchall()
    return {organization_id(org): (region, org) for region, org in rows}


def service_at_location_keys(db: sqlite_utils.Database) -> dict[str, tuple[Any, ...]]:
    """``{service_at_location id: (region, offer, location or None, organisation)}``."""
    rows = db.execute(
        "SELECT o.region, o.id, ol.location, o.organisation FROM offers o "
        "JOIN offer_locations ol ON ol.offer = o.id UNION ALL "
        "SELECT region, id, NULL, organisation FROM offers WHERE online = 1"
    ).fetchall()
    # An imported service keeps the ids of its service_at_locations (hsds.keep): the export
    # matches them by location (a virtual one stands for "online"), and so does this map.
    kept = {
        (offer, "virtual" if kind == "virtual" else location): sal
        for offer, sal, location, kind in db.execute(
            "SELECT o.id, json_extract(s.value, '$.id'), json_extract(s.value, '$.location_id'),"
            " json_extract(s.value, '$.location.location_type') FROM offers o,"
            " json_each(o.source, '$.hsds.service_at_locations') s WHERE o.source IS NOT NULL"
        ).fetchall()
    }
    return {
        kept.get(
            (offer, _location_id(location) if location else "virtual"),
            hsds_id("service_at_location", offer, location or f"online:{org}"),
        ): (region, offer, location, org)
        for region, offer, location, org in rows
    }


# --- records of a page ----------------------------------------------------------------------


def build_services(db: sqlite_utils.Database, keys: Keys) -> list[dict[str, Any]]:
    """The full service records of ``(region, offer id, …)`` keys, in their order."""
    found = {
        s["id"]: s
        for region, ids in _by_region(keys).items()
        for s in _records(db, region, Part(offers=ids)).services
    }
    return [found[service_id(key[1])] for key in keys]


def build_organizations(db: sqlite_utils.Database, keys: Keys) -> list[dict[str, Any]]:
    """The full organization records of ``(region, organisation id, …)`` keys, in their order."""
    found = {
        o["id"]: o
        for region, ids in _by_region(keys).items()
        for o in _records(db, region, Part(organisations=ids)).organizations
    }
    return [found[organization_id(key[1])] for key in keys]


def _build_bare_organizations(db: sqlite_utils.Database, keys: Keys) -> list[dict[str, Any]]:
    found = {
        o["id"]: o
        for region, ids in _by_region(keys).items()
        for o in _records(
            db, region, Part(organisations=ids, whole_organisations=False)
        ).organizations
    }
    return [found[organization_id(key[1])] for key in keys]


def build_service_at_locations(db: sqlite_utils.Database, keys: Keys) -> list[dict[str, Any]]:
    """The records of ``(region, offer, location or None, organisation, …)`` keys, in order."""
    found = {
        (sal["service_id"], _place(sal)): sal
        for region, ids in _by_region(keys).items()
        for sal in _records(db, region, Part(offers=ids)).service_at_locations
    }
    return [
        found[(service_id(offer), _location_id(location) if location else "virtual")]
        for _, offer, location, org, *_ in keys
    ]


def _place(sal: dict[str, Any]) -> str:
    """A service_at_location's location id, or ``"virtual"`` for the one that means online."""
    location = sal.get("location") or {}
    return "virtual" if location.get("location_type") == "virtual" else sal["location_id"]


def _by_region(keys: Keys) -> dict[str, list[str]]:
    grouped: dict[str, dict[str, None]] = {}
    for key in keys:
        grouped.setdefault(key[0], {})[key[1]] = None
    return {region: list(ids) for region, ids in grouped.items()}


def _records(db: sqlite_utils.Database, region: str, part: Part) -> HsdsRecords:
    """The HSDS records of one part of a region (its referral links resolved in the store)."""
    document = read_region(db, region, part)
    targets = sorted({link["to"] for link in document["referral_links"]})
    rows = db.execute(
        "SELECT id FROM offers WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(targets)]
    )
    others = {row[0] for row in rows}
    wanted = part.organisations  # the full records of only the page's organizations
    return to_hsds(
        document, nest_terms=True, other_offers=others, taxonomy=False, organizations=wanted
    )


# --- filters --------------------------------------------------------------------------------

#: Terms every service carries (with a value): they filter nothing.
_EVERY_SERVICE = {"field:socialmap-id", "field:online", "field:interpreter", "field:childcare"}
#: ``field:`` terms a service carries when its column has a value.
_FILLED = {
    "field:purpose": "purpose",
    "field:capacity": "capacity",
    "field:wait-weeks": "wait_weeks",
    "field:valid-from": "valid_from",
    "field:valid-until": "valid_until",
}
#: Term groups stored in an offer link table: group -> the list's path in the dataset.
_LISTED = {
    "ladder-accepts": "ladder.accepts",
    "target-group": "target_groups",
    "gender": "eligibility.genders",
    "residence-status": "eligibility.residence_statuses",
    "excludes-work-ban": "eligibility.excludes_work_ban",
    "neighbourhood": "eligibility.neighbourhoods",
}
_LIST_FIELDS = {f.path: f for f in OFFER_LISTS}


def _service_where(db: sqlite_utils.Database, query: ServiceQuery) -> tuple[list[Sql], list[Any]]:
    """The conditions on ``offers o`` (constant SQL) and bound values of ``query``."""
    conditions: list[Sql] = []
    params: list[Any] = []
    text = text_condition(db, query.search)
    if text is not None:
        conditions.append(text[0])
        params += text[1]
    if query.term_code is not None:
        condition, values = _term_condition(query.term_code)
        conditions.append(condition)
        params += values
    if query.taxonomy_id is not None and query.taxonomy_id not in query.taxonomy_ids:
        conditions.append(sql("0"))  # every service has socialmap terms, none of others
    if query.organisations is not None:
        organisations = list(query.organisations)
        conditions.append(sql("o.organisation IN ({ids})", ids=marks(organisations)))
        params += organisations
    if query.modified_after is not None:
        conditions.append(sql("o.last_verified >= ?"))
        params.append(_first_day_from(query.modified_after).isoformat())
    if query.region is not None:
        conditions.append(sql("o.region = ?"))
        params.append(query.region)
    return conditions, params


def _term_condition(code: str) -> tuple[Sql, list[Any]]:
    """The condition "the service has an attribute of the term ``code``" (see export.py)."""
    group, value = split_code(code)
    if code in _EVERY_SERVICE:
        return sql("1"), []
    if code in _FILLED:
        return sql("(o.{column} IS NOT NULL AND o.{column} != '')", column=_FILLED[code]), []
    if code == "field:requires-referral-by":
        return sql("EXISTS (SELECT 1 FROM offer_referrers r WHERE r.offer = o.id)"), []
    if group == "category" and value:
        return sql("o.category = ?"), [value]
    if group == "ladder-leads-to" and value.isdigit():
        return sql("o.leads_to = ?"), [int(value)]
    if group == "referral-kind" and value:
        condition = sql(
            "EXISTS (SELECT 1 FROM referral_links r WHERE r.from_offer = o.id AND r.kind = ?)"
        )
        return condition, [value]
    if group in _LISTED and value:
        field = _LIST_FIELDS[_LISTED[group]]
        bound: Any = value
        if field.sql_type == "INTEGER":
            if not value.isdigit():
                return sql("0"), []
            bound = int(value)
        condition = sql(
            "EXISTS (SELECT 1 FROM {table} t WHERE t.offer = o.id AND t.{column} = ?)",
            table=field.table,
            column=field.column,
        )
        return condition, [bound]
    return sql("0"), []  # a term no service carries


def _first_day_from(moment: dt.datetime) -> dt.date:
    """The first date whose midnight (UTC) is at or after ``moment``.

    >>> _first_day_from(dt.datetime(2026, 1, 2, tzinfo=dt.UTC)), _first_day_from(
    ...     dt.datetime(2026, 1, 2, 0, 1, tzinfo=dt.UTC))
    (datetime.date(2026, 1, 2), datetime.date(2026, 1, 3))
    """
    utc = moment.astimezone(dt.UTC)
    day = utc.date()
    return day if utc == dt.datetime.combine(day, dt.time(), dt.UTC) else day + dt.timedelta(1)


def _covering(
    db: sqlite_utils.Database, centre: tuple[float, float], postcode: str | None
) -> list[str]:
    """The neighbourhoods that cover the postcode: by their postcode list or their shape."""
    lat, lon = centre
    code = geo.normalise_postcode(postcode)
    found = {
        row[0]
        for row in db.execute(
            "SELECT neighbourhood FROM neighbourhood_postcodes WHERE postcode = ?", [code]
        )
    }
    point = Point(lon, lat)
    for nid, geometry in db.execute(
        "SELECT id, geometry FROM neighbourhoods WHERE geometry IS NOT NULL AND (min_lat IS NULL "
        "OR (min_lat <= ? AND max_lat >= ? AND min_lon <= ? AND max_lon >= ?))",
        [lat, lat, lon, lon],
    ):
        if nid not in found and shape(json.loads(geometry)).covers(point):
            found.add(nid)
    return sorted(found)


def _box(lat: float, lon: float, metres: float) -> list[float]:
    """``[min lat, max lat, min lon, max lon]`` of a box holding the circle around a point."""
    dlat = metres / 111_000 * 1.01 + 1e-6
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return [lat - dlat, lat + dlat, lon - dlon, lon + dlon]


def _distance_m(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    return geo.haversine_km(lat1, lon1, lat2, lon2) * 1000


def _contains(needle: str | None, *values: Any) -> bool:
    folded = (needle or "").casefold()
    return any(folded in str(value or "").casefold() for value in values)


def _functions(db: sqlite_utils.Database) -> None:
    """Register this module's SQL functions on the connection (cheap; idempotent)."""
    db.conn.create_function("socialmap_distance_m", 4, _distance_m, deterministic=True)
    db.conn.create_function("socialmap_contains", -1, _contains, deterministic=True)
