"""Read queries behind the map, the offer list and the JSON API: filter, search, page.

Every query here is parameterised: values a person typed are bound, never
pasted into SQL, and full-text search input is reduced to quoted terms so FTS5
query syntax (``OR``, ``NEAR``, ``*``, ``"``, column filters) cannot be
injected.  The only text formatted into SQL is this module's own constant
clauses.  It only reads: the store (:mod:`socialmap.store`) writes.

It returns plain dicts and lists of ids and codes; turning codes into labels
in a language is the caller's job.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from .errors import NotFound
from .store import LINK_TABLES

__all__ = [
    "OfferFilter",
    "OfferPage",
    "fts_match",
    "search_offers",
    "offer_points",
    "get_offer",
    "get_organisation",
    "list_regions",
    "list_neighbourhoods",
    "target_group_labels",
    "filter_options",
    "offer_exists",
    "data_fingerprint",
]

_MAX_TERMS = 12
_TERM = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class OfferFilter:
    """What a person asked for: every field optional; ``None`` means "any".

    ``target_group`` matches offers for that group or a group it belongs to
    (an offer for migrants serves refugees); ``language`` matches offers held
    in that language or with an interpreter; ``rung`` matches offers that
    accept clients on that rung; ``neighbourhood`` matches offers with a
    location there.  Only offers active on ``today`` are returned.
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
    today: str = field(default_factory=lambda: dt.date.today().isoformat())


@dataclass
class OfferPage:
    """One page of offers: the total number that match and the page's offer summaries."""

    total: int
    items: list[dict[str, Any]]


def fts_match(text: str | None) -> str | None:
    """Turn free text into a safe FTS5 query: every word a quoted prefix term, all required.

    >>> fts_match('taal "cursus" OR NEAR(x)')
    '"taal"* "cursus"* "OR"* "NEAR"* "x"*'
    >>> fts_match("  ;-- ") is None
    True
    """
    terms = _TERM.findall(text or "")[:_MAX_TERMS]
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def _where(f: OfferFilter) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (constant text) and bound values of a filter."""
    clauses = [
        "(o.valid_from IS NULL OR o.valid_from <= ?)",
        "(o.valid_until IS NULL OR o.valid_until >= ?)",
    ]
    params: list[Any] = [f.today, f.today]
    match = fts_match(f.q)
    if f.q is not None and match is None:
        clauses.append("0")  # only punctuation: nothing can match
    if match is not None:
        clauses.append("o.rowid IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ?)")
        params.append(match)
    if f.region is not None:
        clauses.append("o.region = ?")
        params.append(f.region)
    if f.category is not None:
        clauses.append("o.category = ?")
        params.append(f.category)
    if f.target_group is not None:
        clauses.append(
            "o.id IN (SELECT offer FROM offer_target_groups WHERE target_group IN ("
            "WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT t.parent FROM target_groups t "
            "JOIN up ON t.id = up.id WHERE t.parent IS NOT NULL) SELECT id FROM up))"
        )
        params.append(f.target_group)
    if f.language is not None:
        clauses.append(
            "(o.interpreter = 1 OR o.id IN "
            "(SELECT offer FROM offer_languages WHERE language = ?))"
        )
        params.append(f.language)
    if f.rung is not None:
        clauses.append("o.id IN (SELECT offer FROM offer_accepts WHERE rung = ?)")
        params.append(f.rung)
    if f.neighbourhood is not None:
        clauses.append(
            "o.id IN (SELECT ol.offer FROM offer_locations ol "
            "JOIN locations l ON l.id = ol.location WHERE l.neighbourhood = ?)"
        )
        params.append(f.neighbourhood)
    if f.free_only:
        clauses.append("o.cost_eur = 0")
    if f.online:
        clauses.append("o.online = 1")
    return clauses, params


_SUMMARY_COLUMNS = (
    "o.id, o.name, o.organisation, org.name, o.category, o.leads_to, o.online, o.cost_eur, "
    "o.purpose, o.last_verified"
)


def search_offers(
    db: sqlite_utils.Database, f: OfferFilter, *, limit: int = 20, offset: int = 0
) -> OfferPage:
    """Return one page of the offers that match ``f``: best match first, else by name.

    >>> from socialmap.store import open_db
    >>> search_offers(open_db(":memory:"), OfferFilter(q="taal")).total
    0
    """
    clauses, params = _where(f)
    where = " AND ".join(clauses)
    total = db.execute(f"SELECT COUNT(*) FROM offers o WHERE {where}", params).fetchone()[0]
    order = "o.name COLLATE NOCASE, o.id"
    order_params: list[Any] = []
    match = fts_match(f.q)
    if match is not None:
        order = (
            "(SELECT rank FROM offers_fts WHERE offers_fts MATCH ? AND offers_fts.rowid = o.rowid)"
            ", " + order
        )
        order_params.append(match)
    rows = db.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM offers o JOIN organisations org "
        f"ON org.id = o.organisation WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, *order_params, limit, offset],
    ).fetchall()
    items = [_summary(row) for row in rows]
    _attach_lists(db, items, ("offer_accepts", "offer_languages", "offer_target_groups"))
    _attach_places(db, items)
    return OfferPage(total=total, items=items)


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


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _attach_lists(db: sqlite_utils.Database, items: list[dict[str, Any]], tables: Iterable[str]):
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    for table in tables:
        column, path = LINK_TABLES[table]
        key = path.rsplit(".", 1)[-1]
        for item in items:
            item[key] = []
        if not ids:
            continue
        sql = f"SELECT offer, {column} FROM {table} WHERE offer IN ({_marks(ids)}) ORDER BY 1, 2"
        for offer, value in db.execute(sql, ids).fetchall():
            by_id[offer][key].append(value)


def _attach_places(db: sqlite_utils.Database, items: list[dict[str, Any]]) -> None:
    """Give each summary the neighbourhoods (id, name) its locations lie in."""
    ids = [item["id"] for item in items]
    by_id = {item["id"]: item for item in items}
    for item in items:
        item["neighbourhoods"] = []
    if not ids:
        return
    rows = db.execute(
        "SELECT DISTINCT ol.offer, n.id, n.name FROM offer_locations ol "
        "JOIN locations l ON l.id = ol.location JOIN neighbourhoods n ON n.id = l.neighbourhood "
        f"WHERE ol.offer IN ({_marks(ids)}) ORDER BY 1, 3",
        ids,
    ).fetchall()
    for offer, nid, name in rows:
        by_id[offer]["neighbourhoods"].append({"id": nid, "name": name})


def offer_points(db: sqlite_utils.Database, f: OfferFilter) -> list[dict[str, Any]]:
    """Every (offer, location with coordinates) pair that matches ``f``, for the map."""
    clauses, params = _where(f)
    rows = db.execute(
        "SELECT o.id, o.name, o.category, o.leads_to, org.name, l.id, l.lat, l.lon "
        "FROM offers o JOIN organisations org ON org.id = o.organisation "
        "JOIN offer_locations ol ON ol.offer = o.id JOIN locations l ON l.id = ol.location "
        f"WHERE l.lat IS NOT NULL AND {' AND '.join(clauses)} ORDER BY o.id, l.id",
        params,
    ).fetchall()
    keys = ("id", "name", "category", "leads_to", "organisation", "location", "lat", "lon")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def offer_exists(db: sqlite_utils.Database, offer_id: str) -> bool:
    """True when an offer with this id is stored."""
    return db.execute("SELECT 1 FROM offers WHERE id = ?", [offer_id]).fetchone() is not None


def _row(db: sqlite_utils.Database, table: str, record_id: str) -> dict[str, Any]:
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        kind = {"offers": "offer", "organisations": "organisation"}[table]
        raise NotFound(f"{kind} {record_id!r} does not exist")
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _locations(db: sqlite_utils.Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(
        "SELECT l.id, l.name, l.address, l.postcode, l.city, l.lat, l.lon, l.approximate, "
        "l.wheelchair, n.id AS neighbourhood, n.name AS neighbourhood_name "
        f"FROM locations l LEFT JOIN neighbourhoods n ON n.id = l.neighbourhood WHERE {where}",
        params,
    )
    names = [c[0] for c in cursor.description]
    result = []
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        record["approximate"] = bool(record["approximate"])
        if record["wheelchair"] is not None:
            record["wheelchair"] = bool(record["wheelchair"])
        result.append(record)
    return result


def get_offer(db: sqlite_utils.Database, offer_id: str) -> dict[str, Any]:
    """Return one offer with its lists, organisation, locations and referrers.

    Raises :class:`~socialmap.errors.NotFound` for an unknown id.
    """
    offer = _row(db, "offers", offer_id)
    for flag in ("online", "interpreter", "childcare"):
        offer[flag] = bool(offer[flag])
    _attach_lists(db, [offer], LINK_TABLES)
    org = _row(db, "organisations", offer["organisation"])
    offer["organisation"] = {"id": org["id"], "name": org["name"], "kind": org["kind"],
                             "website": org["website"], "email": org["email"],
                             "phone": org["phone"]}
    offer["locations"] = _locations(
        db,
        "l.id IN (SELECT location FROM offer_locations WHERE offer = ?) ORDER BY l.id",
        [offer_id],
    )
    referrers = offer.pop("requires_referral_by")
    offer["requires_referral_by"] = _names(db, "organisations", referrers)
    offer["neighbourhoods"] = _names(db, "neighbourhoods", offer["neighbourhoods"])
    return offer


def _names(db: sqlite_utils.Database, table: str, ids: list[str]) -> list[dict[str, str]]:
    assert table in {"organisations", "neighbourhoods"}, table
    if not ids:
        return []
    rows = db.execute(
        f"SELECT id, name FROM {table} WHERE id IN ({_marks(ids)}) ORDER BY name, id", ids
    ).fetchall()
    return [{"id": rid, "name": name} for rid, name in rows]


def get_organisation(
    db: sqlite_utils.Database, organisation_id: str, *, today: str | None = None
) -> dict[str, Any]:
    """Return one organisation with its locations, its active offers and its partners.

    Raises :class:`~socialmap.errors.NotFound` for an unknown id.
    """
    org = _row(db, "organisations", organisation_id)
    org["locations"] = _locations(db, "l.organisation = ? ORDER BY l.id", [organisation_id])
    day = today or dt.date.today().isoformat()
    org["offers"] = [
        {"id": oid, "name": name, "category": category, "leads_to": leads_to}
        for oid, name, category, leads_to in db.execute(
            "SELECT id, name, category, leads_to FROM offers WHERE organisation = ? "
            "AND (valid_from IS NULL OR valid_from <= ?) "
            "AND (valid_until IS NULL OR valid_until >= ?) ORDER BY name COLLATE NOCASE, id",
            [organisation_id, day, day],
        ).fetchall()
    ]
    org["partners"] = _partners(db, organisation_id)
    return org


def _partners(db: sqlite_utils.Database, organisation_id: str) -> list[dict[str, Any]]:
    """Organisations linked to this one (or its offers) by a referral link, either way."""
    rows = db.execute(
        """
        WITH ends(a, b, kind) AS (
          SELECT COALESCE(rl.from_organisation, fo.organisation),
                 COALESCE(rl.to_organisation, tof.organisation), rl.kind
          FROM referral_links rl
          LEFT JOIN offers fo ON fo.id = rl.from_offer
          LEFT JOIN offers tof ON tof.id = rl.to_offer)
        SELECT DISTINCT org.id, org.name, ends.kind FROM ends
        JOIN organisations org ON org.id = CASE WHEN ends.a = ? THEN ends.b ELSE ends.a END
        WHERE (ends.a = ? OR ends.b = ?) AND org.id <> ?
        ORDER BY org.name COLLATE NOCASE, org.id, ends.kind
        """,
        [organisation_id] * 4,
    ).fetchall()
    partners: dict[str, dict[str, Any]] = {}
    for pid, name, kind in rows:
        partners.setdefault(pid, {"id": pid, "name": name, "kinds": []})["kinds"].append(kind)
    return list(partners.values())


def list_regions(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every region: id, name, country and languages (list), by name."""
    rows = db.execute(
        "SELECT id, name, country, languages FROM regions ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [
        {"id": rid, "name": name, "country": country,
         "languages": [x for x in (langs or "").split(";") if x]}
        for rid, name, country, langs in rows
    ]


def list_neighbourhoods(
    db: sqlite_utils.Database, region: str | None = None, *, geometry: bool = True
) -> list[dict[str, Any]]:
    """Neighbourhoods (optionally of one region) by name, geometry as parsed GeoJSON or None."""
    sql = (
        "SELECT id, name, region, population, lat, lon, min_lat, min_lon, max_lat, max_lon, "
        + ("geometry" if geometry else "NULL")
        + " FROM neighbourhoods"
    )
    params: list[Any] = []
    if region is not None:
        sql += " WHERE region = ?"
        params.append(region)
    tags: dict[str, list[str]] = {}
    for nid, tag in db.execute("SELECT neighbourhood, tag FROM neighbourhood_tags ORDER BY 1, 2"):
        tags.setdefault(nid, []).append(tag)
    result = []
    for row in db.execute(sql + " ORDER BY name COLLATE NOCASE, id", params).fetchall():
        nid, name, reg, population, lat, lon, s, w, n, e, geom = row
        result.append({
            "id": nid, "name": name, "region": reg, "population": population,
            "lat": lat, "lon": lon,
            "bounds": [w, s, e, n] if s is not None else None,
            "tags": tags.get(nid, []),
            "geometry": json.loads(geom) if geom else None,
        })
    return result


def target_group_labels(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """``{id: {"parent": id | None, "labels": {lang: label}}}`` of every target group."""
    groups = {
        gid: {"parent": parent, "labels": {}}
        for gid, parent in db.execute("SELECT id, parent FROM target_groups ORDER BY id")
    }
    for gid, lang, text in db.execute(
        "SELECT target_group, language, label FROM target_group_labels"
    ):
        if gid in groups:
            groups[gid]["labels"][lang] = text
    return groups


def filter_options(db: sqlite_utils.Database, region: str | None = None) -> dict[str, list]:
    """The values the filters can take in ``region``: categories, target groups, languages."""
    where, params = ("WHERE o.region = ?", [region]) if region else ("", [])
    categories = [
        c for (c,) in db.execute(f"SELECT DISTINCT category FROM offers o {where} ORDER BY 1", params)
    ]
    languages = [
        x for (x,) in db.execute(
            "SELECT DISTINCT l.language FROM offer_languages l JOIN offers o ON o.id = l.offer "
            f"{where} ORDER BY 1",
            params,
        )
    ]
    if region:
        groups = [g for (g,) in db.execute(
            "SELECT target_group FROM region_target_groups WHERE region = ? ORDER BY 1", [region]
        )]
    else:
        groups = [g for (g,) in db.execute("SELECT id FROM target_groups ORDER BY 1")]
    return {"categories": categories, "languages": languages, "target_groups": groups}


def data_fingerprint(db: sqlite_utils.Database) -> str:
    """A string that changes whenever a region is imported again with new content."""
    row = db.execute(
        "SELECT group_concat(id || ':' || COALESCE(content_hash, '') || ':' || "
        "COALESCE(imported_at, ''), ',') FROM (SELECT * FROM regions ORDER BY id)"
    ).fetchone()
    return row[0] or ""
