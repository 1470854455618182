"""Convert between a validated dataset (the JSON form) and the store's table rows.

``dataset_to_tables`` and ``tables_to_dataset`` are inverses: a dataset
exported from the store and imported again gives identical tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .. import store
from ..fields import (
    CONTACT_PARTS,
    LINK_TABLES,
    OFFER_LISTS,
    REFERRAL_LINK_CONTACTS,
    REFERRAL_LINK_DETAILS,
)
from ..sql import sql
from .reader import FORMAT

__all__ = [
    "contact_columns",
    "contact_of",
    "dataset_to_tables",
    "record_rows",
    "read_record",
    "read_neighbourhoods",
    "read_region",
    "region_list",
    "Part",
]


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = (value or {}).get(part)
    return value


def _bool(value: Any, default: bool | None = False) -> int | None:
    if value is None:
        return None if default is None else int(default)
    return int(bool(value))


def dataset_to_tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Return ``{table: rows}`` for :func:`socialmap.store.replace_region`.

    Expects a validated dataset whose locations already carry ``lat``/``lon``
    where known and a computed ``_neighbourhood`` (see ``socialmap.importer``).
    """
    region = data["region"]
    rid = region["id"]
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in store.REGION_TABLES}
    tables["regions"].append(
        {
            "id": rid,
            "name": region["name"],
            "country": region.get("country"),
            "languages": ";".join(region.get("languages") or []),
            "currency": region.get("currency"),
            "content_hash": data.get("_hash"),
            "imported_at": data.get("_imported_at"),
            "source": data.get("_source"),
        }
    )
    for n in data.get("neighbourhoods") or []:
        tables["neighbourhoods"].append(_neighbourhood_row(rid, n))
        tables["neighbourhood_postcodes"] += [
            {"neighbourhood": n["id"], "postcode": p} for p in sorted(set(n.get("postcodes") or []))
        ]
        tables["neighbourhood_tags"] += [
            {"neighbourhood": n["id"], "tag": t} for t in sorted(set(n.get("tags") or []))
        ]
    for g in data.get("target_groups") or []:
        tables["target_groups"].append({"id": g["id"], "parent": g.get("parent")})
        tables["target_group_labels"] += [
            {"target_group": g["id"], "language": lang, "label": text}
            for lang, text in sorted(g["labels"].items())
        ]
        tables["region_target_groups"].append({"region": rid, "target_group": g["id"]})
    organisations = {o["id"] for o in data.get("organisations") or []}
    for table in ("organisations", "locations", "offers", "referral_links"):
        for record in data.get(table) or []:
            for name, rows in record_rows(rid, table, record, organisations).items():
                tables[name] += rows
    return tables


def record_rows(
    rid: str, table: str, record: dict[str, Any], organisations: set[str] | frozenset[str]
) -> dict[str, list[dict[str, Any]]]:
    """The store rows of one validated dataset record of ``table``, by table name.

    An offer also gives the rows of its link tables (one entry per link table,
    possibly empty); a referral link needs ``organisations`` (the ids that are
    organisations, not offers) to tell its ends apart.  Both the import and the
    single-record edits of :mod:`socialmap.editing` convert records here.
    """
    if table == "organisations":
        return {"organisations": [_organisation_row(rid, record)]}
    if table == "locations":
        return {"locations": [_location_row(rid, record)]}
    if table == "offers":
        rows = {"offers": [_offer_row(rid, record)]}
        for f in OFFER_LISTS:
            values = sorted(set(_get(record, f.path) or []))
            rows[f.table] = [{"offer": record["id"], f.column: v} for v in values]
        return rows
    if table == "referral_links":
        return {"referral_links": [_link_row(rid, record, organisations)]}
    raise ValueError(f"no single-record conversion for table {table!r}")


def _organisation_row(rid: str, o: dict[str, Any]) -> dict[str, Any]:
    return (
        {"id": o["id"], "region": rid, "name": o["name"], "kind": o["kind"]}
        | {k: o.get(k) for k in ("description", "website", "email", "phone", "last_verified")}
        | {"source": _json(o.get("source"))}
    )


def _neighbourhood_row(rid: str, n: dict[str, Any]) -> dict[str, Any]:
    geometry = n.get("geometry")
    row = {
        "id": n["id"],
        "region": rid,
        "name": n["name"],
        "population": n.get("population"),
        "aliases": json.dumps(n["aliases"], ensure_ascii=False) if n.get("aliases") else None,
        "geometry": json.dumps(geometry, separators=(",", ":")) if geometry else None,
    }
    # Representative point and bounds, from the importer; every row has every column (rows
    # are stored with the first row's columns), None where a neighbourhood has no shape.
    summary = n.get("_shape") or {}
    row.update({key: summary.get(key) for key in _SHAPE_COLUMNS})
    return row


_SHAPE_COLUMNS = ("lat", "lon", "min_lat", "min_lon", "max_lat", "max_lon")


def _location_row(rid: str, loc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": loc["id"],
        "region": rid,
        "organisation": loc.get("organisation"),
        **{k: loc.get(k) for k in ("name", "address", "postcode", "city", "lat", "lon")},
        "approximate": _bool(loc.get("approximate")),
        "wheelchair": _bool(loc.get("wheelchair"), None),
        "declared_neighbourhood": loc.get("neighbourhood"),
        "neighbourhood": loc.get("_neighbourhood"),
        "opening_hours": _json(loc.get("opening_hours")),
        "source": _json(loc.get("source")),
    }


#: Offer fields a source may leave unstated.  The store's NOT NULL columns then hold a
#: placeholder (:data:`PLACEHOLDERS`) and ``unknown_fields`` names the field, so that neither
#: the dataset nor HSDS export nor routing takes the placeholder for a fact.
UNKNOWABLE = ("category", "ladder", "online", "interpreter", "childcare")
PLACEHOLDERS: dict[str, Any] = {"category": "information", "leads_to": 6}


def unknown_fields(offer: dict[str, Any]) -> list[str]:
    """The fields of :data:`UNKNOWABLE` a dataset offer does not state.

    >>> unknown_fields({"category": "counselling", "online": False})
    ['ladder', 'interpreter', 'childcare']
    """
    return [name for name in UNKNOWABLE if offer.get(name) is None]


def _offer_row(rid: str, offer: dict[str, Any]) -> dict[str, Any]:
    eligibility = offer.get("eligibility") or {}
    contact = offer.get("contact") or {}
    ladder = offer.get("ladder") or {}
    return {
        "id": offer["id"],
        "region": rid,
        "organisation": offer["organisation"],
        "online": _bool(offer.get("online")),
        "name": offer["name"],
        "description": offer.get("description"),
        "purpose": offer.get("purpose"),
        "category": offer.get("category") or PLACEHOLDERS["category"],
        "leads_to": ladder.get("leads_to") or PLACEHOLDERS["leads_to"],
        "age_min": eligibility.get("age_min"),
        "age_max": eligibility.get("age_max"),
        "interpreter": _bool(offer.get("interpreter")),
        "cost_eur": offer.get("cost_eur"),
        "cost_description": offer.get("cost_description"),
        "childcare": _bool(offer.get("childcare")),
        "capacity": offer.get("capacity"),
        "wait_weeks": offer.get("wait_weeks"),
        "valid_from": offer.get("valid_from"),
        "valid_until": offer.get("valid_until"),
        "funding": offer.get("funding"),
        **contact_columns("contact", contact),
        "last_verified": offer.get("last_verified"),
        "opening_hours": _json(offer.get("opening_hours")),
        "unknown_fields": ";".join(unknown_fields(offer)) or None,
        "cost_options": _json(offer.get("cost_options")),
        "source": _json(offer.get("source")),
    }


def _json(value: Any) -> str | None:
    """A list or object as compact JSON for a TEXT column; None (not ``[]``) when empty."""
    if not value:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _unjson(text: str | None) -> Any:
    return json.loads(text) if text else None


def contact_columns(field: str, contact: dict[str, Any] | None) -> dict[str, Any]:
    """The store's columns of a contact person (``field`` = ``contact``, ``from_contact``, …).

    >>> contact_columns("to_contact", {"name": "Ayşe"})
    {'to_contact_name': 'Ayşe', 'to_contact_email': None, 'to_contact_phone': None}
    """
    contact = contact or {}
    return {f"{field}_{part}": contact.get(part) for part in CONTACT_PARTS}


def contact_of(row: dict[str, Any], field: str) -> dict[str, Any]:
    """The contact person ``field`` of a stored row, without empty parts."""
    return _compact({part: row[f"{field}_{part}"] for part in CONTACT_PARTS})


def _link_row(
    rid: str, link: dict[str, Any], organisations: set[str] | frozenset[str]
) -> dict[str, Any]:
    def end(name: str) -> dict[str, Any]:
        value = link[name]
        is_org = value in organisations
        return {
            f"{name}_organisation": value if is_org else None,
            f"{name}_offer": None if is_org else value,
        }

    return {
        "id": f"{link['from']}->{link['to']}",
        "region": rid,
        **end("from"),
        **end("to"),
        "kind": link["kind"],
        **{k: link.get(k) for k in REFERRAL_LINK_DETAILS if k not in REFERRAL_LINK_CONTACTS},
        **{
            column: value
            for side in REFERRAL_LINK_CONTACTS
            for column, value in contact_columns(side, link.get(side)).items()
        },
    }


# --- export ---------------------------------------------------------------------------------


def region_list(db: sqlite_utils.Database) -> list[str]:
    """Return the ids of every region in the store, sorted."""
    return [row["id"] for row in db["regions"].rows_where(order_by="id")]


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None, an empty string, list or dict (False and 0 stay)."""
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}


@dataclass(frozen=True)
class Part:
    """Some offers and organisations of a region, read by :func:`read_region` without the rest.

    An organisation comes with all its offers and locations (unless
    ``whole_organisations`` is False: then with neither); an offer with the
    organisations, locations and referral links its record names.  Only the
    shapes of the neighbourhoods these offers are restricted to are read,
    unless ``all_shapes``.
    """

    offers: Sequence[str] = ()
    organisations: Sequence[str] = ()
    whole_organisations: bool = True
    all_shapes: bool = False


def read_region(db: sqlite_utils.Database, region: str, part: Part | None = None) -> dict[str, Any]:
    """Return one region of the store as a ``socialmap-dataset/1`` document.

    With ``part``, only that part of its offers and organisations (see
    :class:`Part`) — with the region's neighbourhoods and target groups, which
    do not grow with the offers: what one page of the HSDS API needs, read in
    time proportional to the page.
    """
    with store.snapshot(db):
        return _read_region(db, region, part)


def _read_region(db: sqlite_utils.Database, region: str, part: Part | None) -> dict[str, Any]:
    row = db.table("regions").get(region)
    rows = _whole(db, region) if part is None else _part(db, region, part)
    links = rows.links
    return {
        "format": FORMAT,
        "region": _compact(
            {
                "id": row["id"],
                "name": row["name"],
                "country": row["country"],
                "languages": [x for x in (row["languages"] or "").split(";") if x],
                "currency": row.get("currency"),
            }
        ),
        "neighbourhoods": read_neighbourhoods(db, region, rows.shapes),
        "target_groups": _target_groups(db, region),
        "organisations": [_organisation(o) for o in rows.organisations],
        "locations": [_location(loc) for loc in rows.locations],
        "offers": [_offer(o, lambda table, oid: links[table].get(oid, [])) for o in rows.offers],
        "referral_links": [_link(r) for r in rows.referral_links],
    }


def read_neighbourhoods(
    db: sqlite_utils.Database,
    region: str,
    shapes: Callable[[dict[str, Any]], bool] | None = None,
) -> list[dict[str, Any]]:
    """The neighbourhoods of ``region`` as dataset records (with the geometry ``shapes`` wants)."""
    postcodes = _grouped(db, "neighbourhood_postcodes", "neighbourhood", "postcode", region)
    tags = _grouped(db, "neighbourhood_tags", "neighbourhood", "tag", region)
    return [
        _compact(
            {
                "id": n["id"],
                "name": n["name"],
                "population": n["population"],
                "aliases": json.loads(n.get("aliases") or "[]"),
                "postcodes": postcodes.get(n["id"], []),
                "geometry": json.loads(n["geometry"])
                if n["geometry"] and (shapes is None or shapes(n))
                else None,
                "tags": tags.get(n["id"], []),
            }
        )
        for n in store.iter_rows(db, "neighbourhoods", region, "id")
    ]


def read_record(db: sqlite_utils.Database, table: str, record_id: str) -> dict[str, Any] | None:
    """One stored record of ``table`` as its ``socialmap-dataset/1`` record, or None.

    The same conversion as :func:`read_region`, for one organisation, location,
    offer or referral link (id ``"<from>-><to>"``).
    """
    rows = list(db[table].rows_where("id = ?", [record_id]))
    if not rows:
        return None
    row = rows[0]
    if table == "organisations":
        return _organisation(row)
    if table == "locations":
        return _location(row)
    if table == "offers":
        return _offer(row, lambda link_table, oid: _offer_list(db, link_table, oid))
    if table == "referral_links":
        return _link(row)
    raise ValueError(f"no single-record conversion for table {table!r}")


def _offer_list(db: sqlite_utils.Database, table: str, offer: str) -> list[Any]:
    column = LINK_TABLES[table].column
    return [r[column] for r in db[table].rows_where("offer = ?", [offer], order_by=column)]


def _organisation(row: dict[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in row.items() if k not in ("region", "version")}
    record["source"] = _unjson(record.get("source"))
    return _compact(record)


def _grouped(
    db: sqlite_utils.Database, table: str, key: str, value: str, region: str
) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    statement = sql(
        "SELECT t.{key}, t.{value} FROM {table} t JOIN neighbourhoods n ON n.id = t.{key} "
        "WHERE n.region = ? ORDER BY t.{key}, t.{value}",
        key=key,
        value=value,
        table=table,
    )
    for k, v in db.execute(statement, [region]).fetchall():
        result.setdefault(k, []).append(v)
    return result


def _target_groups(db: sqlite_utils.Database, region: str) -> list[dict[str, Any]]:
    sql = (
        "SELECT g.id, g.parent, l.language, l.label FROM region_target_groups r "
        "JOIN target_groups g ON g.id = r.target_group "
        "LEFT JOIN target_group_labels l ON l.target_group = g.id "
        "WHERE r.region = ? ORDER BY g.id, l.language"
    )
    groups: dict[str, dict[str, Any]] = {}
    for gid, parent, language, label in db.execute(sql, [region]).fetchall():
        group = groups.setdefault(gid, _compact({"id": gid, "parent": parent}) | {"labels": {}})
        if language:
            group["labels"][language] = label
    return list(groups.values())


def _location(row: dict[str, Any]) -> dict[str, Any]:
    record = {k: row[k] for k in ("id", "organisation", "name", "address", "postcode", "city")}
    record |= {"lat": row["lat"], "lon": row["lon"], "approximate": bool(row["approximate"])}
    if row["wheelchair"] is not None:
        record["wheelchair"] = bool(row["wheelchair"])
    record["neighbourhood"] = row["declared_neighbourhood"]
    record["opening_hours"] = _unjson(row.get("opening_hours"))
    record["source"] = _unjson(row.get("source"))
    return _compact(record)


def _offer(row: dict[str, Any], linked: Callable[[str, str], list]) -> dict[str, Any]:
    oid = row["id"]
    # Each list where the dataset format puts it; which table holds it is socialmap.fields' say.
    lists = {f.path: linked(f.table, oid) for f in OFFER_LISTS}
    eligibility = _compact(
        {
            "age_min": row["age_min"],
            "age_max": row["age_max"],
            "genders": lists["eligibility.genders"],
            "residence_statuses": lists["eligibility.residence_statuses"],
            "excludes_work_ban": lists["eligibility.excludes_work_ban"],
            "neighbourhoods": lists["eligibility.neighbourhoods"],
            "requires_referral_by": lists["eligibility.requires_referral_by"],
        }
    )
    unknown = set((row.get("unknown_fields") or "").split(";"))
    record = {
        "id": oid,
        "organisation": row["organisation"],
        "locations": lists["locations"],
        "online": bool(row["online"]),
        "name": row["name"],
        "description": row["description"],
        "purpose": row["purpose"],
        "category": row["category"],
        "ladder": {"accepts": lists["ladder.accepts"], "leads_to": row["leads_to"]},
        "target_groups": lists["target_groups"],
        "eligibility": eligibility,
        "languages": lists["languages"],
        "interpreter": bool(row["interpreter"]),
        "cost_eur": row["cost_eur"],
        "cost_description": row["cost_description"],
        "childcare": bool(row["childcare"]),
        **{k: row[k] for k in ("capacity", "wait_weeks", "valid_from", "valid_until", "funding")},
        "contact": contact_of(row, "contact"),
        "last_verified": row["last_verified"],
        "opening_hours": _unjson(row.get("opening_hours")),
        "cost_options": _unjson(row.get("cost_options")),
        "source": _unjson(row.get("source")),
    }
    for name in unknown & set(UNKNOWABLE):
        del record[name]
    return _compact(record)


def _link(row: dict[str, Any]) -> dict[str, Any]:
    return _compact(
        {
            "from": row["from_organisation"] or row["from_offer"],
            "to": row["to_organisation"] or row["to_offer"],
            "kind": row["kind"],
            "since": row["since"],
            "last_confirmed": row["last_confirmed"],
            "note": row["note"],
            **{side: contact_of(row, side) for side in REFERRAL_LINK_CONTACTS},
        }
    )


@dataclass
class _Rows:
    """The rows :func:`read_region` turns into a document."""

    organisations: Iterable[dict[str, Any]]
    locations: Iterable[dict[str, Any]]
    offers: Iterable[dict[str, Any]]
    referral_links: Iterable[dict[str, Any]]
    links: dict[str, dict[str, list]]
    #: the neighbourhoods whose shapes to read (None: all)
    shaped: set[str] | None = None

    def shapes(self, neighbourhood: dict[str, Any]) -> bool:
        """Read this neighbourhood's geometry?  (A part needs only its offers' areas.)"""
        wanted = self.shaped is None or neighbourhood["id"] in self.shaped
        return bool(neighbourhood["geometry"]) and wanted


def _whole(db: sqlite_utils.Database, region: str) -> _Rows:
    return _Rows(
        organisations=store.iter_rows(db, "organisations", region, "id"),
        locations=store.iter_rows(db, "locations", region, "id"),
        offers=store.iter_rows(db, "offers", region, "id"),
        referral_links=store.iter_rows(db, "referral_links", region, "id"),
        links={table: store.list_links(db, table, region) for table in LINK_TABLES},
    )


def _part(db: sqlite_utils.Database, region: str, part: Part) -> _Rows:
    """The rows of ``part`` of ``region``: work in proportion to the part, not the region."""
    own = list(part.organisations) if part.whole_organisations else []
    offers = _rows_in(db, "offers", region, "id", part.offers)
    offers += _rows_in(db, "offers", region, "organisation", own)
    offers = sorted({o["id"]: o for o in offers}.values(), key=lambda o: str(o["id"]))
    offer_ids = [o["id"] for o in offers]
    links = {table: store.list_links(db, table, region, offer_ids) for table in LINK_TABLES}
    referrers = {org for values in links["offer_referrers"].values() for org in values}
    org_ids = sorted({*part.organisations, *(o["organisation"] for o in offers), *referrers})
    places = {loc for values in links["offer_locations"].values() for loc in values}
    locations = _rows_in(db, "locations", region, "id", sorted(places))
    locations += _rows_in(db, "locations", region, "organisation", own)
    cursor = db.execute(
        "SELECT * FROM referral_links WHERE region = ? AND (from_offer IN "
        "(SELECT value FROM json_each(?)) OR from_organisation IN (SELECT value FROM json_each(?)))"
        " ORDER BY id",
        [region, json.dumps(offer_ids), json.dumps(org_ids)],
    )
    columns = [c[0] for c in cursor.description]
    return _Rows(
        organisations=_rows_in(db, "organisations", region, "id", org_ids),
        locations=sorted({x["id"]: x for x in locations}.values(), key=lambda x: str(x["id"])),
        offers=offers,
        referral_links=[dict(zip(columns, r, strict=True)) for r in cursor.fetchall()],
        links=links,
        shaped=None
        if part.all_shapes
        else {n for values in links["offer_neighbourhoods"].values() for n in values},
    )


def _rows_in(
    db: sqlite_utils.Database, table: str, region: str, column: str, values: Sequence[str]
) -> list[dict[str, Any]]:
    """The rows of ``region`` in ``table`` whose ``column`` is one of ``values``, by id."""
    if not values:
        return []
    condition = sql("region = ? AND {column} IN (SELECT value FROM json_each(?))", column=column)
    return list(db[table].rows_where(condition, [region, json.dumps(list(values))], order_by="id"))
