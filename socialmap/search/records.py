"""Single records and the lists the pages need: offers, organisations, regions,
neighbourhoods, target group labels, filter choices, and the data fingerprint.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlite_utils

from ..errors import NotFound, shown
from ..fields import LINK_TABLES
from ..sql import Sql, marks, sql, where
from .offers import attach_lists

__all__ = [
    "get_offer",
    "get_organisation",
    "list_regions",
    "list_neighbourhoods",
    "filter_options",
    "offer_exists",
]


def offer_exists(db: sqlite_utils.Database, offer_id: str) -> bool:
    """True when an offer with this id is stored."""
    return db.execute("SELECT 1 FROM offers WHERE id = ?", [offer_id]).fetchone() is not None


def _row(db: sqlite_utils.Database, table: str, record_id: str) -> dict[str, Any]:
    cursor = db.execute(sql("SELECT * FROM {table} WHERE id = ?", table=table), [record_id])
    row = cursor.fetchone()
    if row is None:
        kind = {"offers": "offer", "organisations": "organisation"}[table]
        raise NotFound(f"{kind} {shown(record_id)} does not exist")
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _locations(
    db: sqlite_utils.Database, condition: Sql, params: list[Any]
) -> list[dict[str, Any]]:
    cursor = db.execute(
        sql(
            "SELECT l.id, l.name, l.address, l.postcode, l.city, l.lat, l.lon, l.approximate,"
            " l.wheelchair, l.opening_hours, n.id AS neighbourhood, n.name AS neighbourhood_name"
            " FROM locations l LEFT JOIN neighbourhoods n ON n.id = l.neighbourhood"
            " {where} ORDER BY l.id",
            where=where([condition]),
        ),
        params,
    )
    names = [c[0] for c in cursor.description]
    result = []
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        record["approximate"] = bool(record["approximate"])
        if record["wheelchair"] is not None:
            record["wheelchair"] = bool(record["wheelchair"])
        record["opening_hours"] = json.loads(record["opening_hours"] or "[]")
        result.append(record)
    return result


def get_offer(db: sqlite_utils.Database, offer_id: str) -> dict[str, Any]:
    """Return one offer with its lists, organisation, locations and referrers.

    Raises :class:`~socialmap.errors.NotFound` for an unknown id.
    """
    offer = _row(db, "offers", offer_id)
    for flag in ("online", "interpreter", "childcare"):
        offer[flag] = bool(offer[flag])
    attach_lists(db, [offer], LINK_TABLES)
    org = _row(db, "organisations", offer["organisation"])
    offer["organisation"] = {
        "id": org["id"],
        "name": org["name"],
        "kind": org["kind"],
        "website": org["website"],
        "email": org["email"],
        "phone": org["phone"],
    }
    offer["locations"] = _locations(
        db,
        sql("l.id IN (SELECT location FROM offer_locations WHERE offer = ?)"),
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
        sql(
            "SELECT id, name FROM {table} WHERE id IN ({ids}) ORDER BY name, id",
            table=table,
            ids=marks(ids),
        ),
        ids,
    ).fetchall()
    return [{"id": rid, "name": name} for rid, name in rows]


def get_organisation(
    db: sqlite_utils.Database, organisation_id: str, *, today: str | None = None
) -> dict[str, Any]:
    """Return one organisation with its locations, its active offers and its partners.

    Raises :class:`~socialmap.errors.NotFound` for an unknown id.
    """
    org = _row(db, "organisations", organisation_id)
    org["locations"] = _locations(db, sql("l.organisation = ?"), [organisation_id])
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
        {
            "id": rid,
            "name": name,
            "country": country,
            "languages": [x for x in (langs or "").split(";") if x],
        }
        for rid, name, country, langs in rows
    ]


def list_neighbourhoods(
    db: sqlite_utils.Database, region: str | None = None, *, geometry: bool = True
) -> list[dict[str, Any]]:
    """Neighbourhoods (optionally of one region) by name, geometry as parsed GeoJSON or None."""
    conditions, params = ([sql("region = ?")], [region]) if region is not None else ([], [])
    statement = sql(
        "SELECT id, name, region, population, lat, lon, min_lat, min_lon, max_lat, max_lon,"
        " aliases, {geometry} FROM neighbourhoods {where} ORDER BY name COLLATE NOCASE, id",
        geometry="geometry" if geometry else sql("NULL"),
        where=where(conditions),
    )
    tags: dict[str, list[str]] = {}
    for nid, tag in db.execute("SELECT neighbourhood, tag FROM neighbourhood_tags ORDER BY 1, 2"):
        tags.setdefault(nid, []).append(tag)
    result = []
    for row in db.execute(statement, params).fetchall():
        nid, name, reg, population, lat, lon, s, w, n, e, aliases, geom = row
        result.append(
            {
                "id": nid,
                "name": name,
                "region": reg,
                "population": population,
                "lat": lat,
                "lon": lon,
                "bounds": [w, s, e, n] if s is not None else None,
                "tags": tags.get(nid, []),
                "aliases": json.loads(aliases or "[]"),
                "geometry": json.loads(geom) if geom else None,
            }
        )
    return result


def filter_options(db: sqlite_utils.Database, region: str | None = None) -> dict[str, list]:
    """The values the filters can take in ``region``.

    Categories, target groups and languages, and the organisations whose referral
    some offer requires (``(id, name, region)``).
    """
    conditions, params = ([sql("o.region = ?")], [region]) if region else ([], [])
    in_region = where(conditions)
    categories = [
        c
        for (c,) in db.execute(
            sql("SELECT DISTINCT category FROM offers o {where} ORDER BY 1", where=in_region),
            params,
        )
    ]
    languages = [
        x
        for (x,) in db.execute(
            sql(
                "SELECT DISTINCT l.language FROM offer_languages l"
                " JOIN offers o ON o.id = l.offer {where} ORDER BY 1",
                where=in_region,
            ),
            params,
        )
    ]
    if region:
        groups = [
            g
            for (g,) in db.execute(
                "SELECT target_group FROM region_target_groups WHERE region = ? ORDER BY 1",
                [region],
            )
        ]
    else:
        groups = [g for (g,) in db.execute("SELECT id FROM target_groups ORDER BY 1")]
    referrers = [
        tuple(row)
        for row in db.execute(
            sql(
                "SELECT DISTINCT g.id, g.name, g.region FROM offer_referrers r"
                " JOIN offers o ON o.id = r.offer JOIN organisations g ON g.id = r.organisation"
                " {where} ORDER BY g.name, g.id",
                where=in_region,
            ),
            params,
        )
    ]
    return {
        "categories": categories,
        "languages": languages,
        "target_groups": groups,
        # Organisations whose referral some offer needs: the referral form's "known to".
        "referrers": referrers,
    }
