"""Map HSDS 3.0 records onto one ``socialmap-dataset/1`` region.

Records written by socialmap carry the ``socialmap`` taxonomy's attributes
and come back exactly (ids, rungs, target groups, eligibility, referral
links, the region with its neighbourhoods).  Records from other tools are
mapped as far as HSDS allows; every gap is counted in ``Document.notes``
(e.g. "37 services have no ladder rung …") and nothing is dropped silently.
Broken references raise :class:`~socialmap.errors.DatasetError` with one line
naming the file, the record and the field, before anything is stored.  The
offer-level mapping is in :mod:`socialmap.hsds.offers`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..dataset.reader import FORMAT, Document
from ..errors import DatasetError, shown
from ..fields import REFERRAL_LINK_DETAILS
from .ids import slug
from .offers import OfferMapper
from .read import HsdsInput, read_input
from .source import Source
from .tables import compact

__all__ = ["read_hsds", "to_document"]

_COUNTRY = re.compile(r"^[A-Z]{2}$")
#: HSDS tables socialmap has no place for at all.
_UNMAPPED_TABLES = {
    "program": "programs",
    "schedule": "schedules",
    "required_document": "required documents",
    "organization_identifier": "organization identifiers",
    "metadata": "metadata (change history) records",
    "meta_table_description": "table descriptions",
}


def read_hsds(path: str | Path) -> Document:
    """Read HSDS data (JSON record, list, page, tabular JSON, JSON folder or CSV package).

    Returns a :class:`~socialmap.dataset.reader.Document` holding a
    ``socialmap-dataset/1`` dict, with what could not be mapped in ``notes``.
    """
    found = read_input(Path(path))
    found.tables.check_required()
    return to_document(found)


def to_document(found: HsdsInput) -> Document:
    """Map HSDS records read by :func:`~socialmap.hsds.read.read_input` to a dataset."""
    source = Source(found.tables)
    doc = Document(data={"format": FORMAT}, source=found.source)
    doc.warnings += found.warnings
    doc.notes += found.notes
    data = doc.data
    data["region"] = _region(source, found, doc)
    data["neighbourhoods"] = _neighbourhoods(source)
    data["target_groups"] = _target_groups(source, doc)
    data["organisations"] = _organisations(source, doc)
    data["locations"] = _locations(source, doc)
    offers = OfferMapper(source, doc, {n["id"] for n in data["neighbourhoods"]})
    data["offers"] = offers.map_all()
    for area, origin in zip(offers.new_neighbourhoods, offers.new_origins, strict=True):
        doc.origins[("neighbourhoods", len(data["neighbourhoods"]))] = origin
        data["neighbourhoods"].append(area)
    data["referral_links"] = _referral_links(source)
    _note_unmapped(source, doc)
    doc.notes += offers.notes()
    doc.warnings += source.warnings
    return doc


# --- region ---------------------------------------------------------------------------------


def _region(source: Source, found: HsdsInput, doc: Document) -> dict[str, Any]:
    records = source.region_records()
    if len(records) > 1:
        ids = ", ".join(sorted(r["id"] for r in records))
        raise DatasetError(
            f"{found.source}: holds several socialmap regions ({ids}); export and import "
            "them one at a time"
        )
    if records:
        region = records[0]
        if not source.has_record(f"region:{region['id']}"):
            doc.notes.append(
                f"region {region['id']!r}: its country, languages and neighbourhoods are in "
                "taxonomy_terms.json, which is not part of this import (import the whole "
                "export folder to keep them)"
            )
        return region
    rid = slug(found.stem)
    region = compact({"id": rid, "name": found.stem or rid, "country": _country(source)})
    doc.notes.append(
        f"HSDS has no region: imported as region {rid!r}, named after the file or folder"
    )
    return region


def _country(source: Source) -> str | None:
    countries = {(a.get("country") or "").strip().upper() for a in source.rows("address")}
    countries.discard("")
    if len(countries) == 1 and _COUNTRY.match(next(iter(countries))):
        return countries.pop()
    return None


def _neighbourhoods(source: Source) -> list[dict[str, Any]]:
    result = []
    for code, term in source.terms_of_group("neighbourhood"):
        record = source.term_record(code)
        result.append(
            dict(record)
            if record
            else {"id": code.split(":", 1)[1], "name": term.get("name") or code}
        )
    return result


def _target_groups(source: Source, doc: Document) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for code, term in source.terms_of_group("target-group"):
        record = source.term_record(code)
        if record is None:
            record = {"id": code.split(":", 1)[1], "labels": {"en": term.get("name") or code}}
            parent = source.code_of(term.get("parent_id"))
            if parent and parent.startswith("target-group:"):
                record["parent"] = parent.split(":", 1)[1]
        groups[record["id"]] = dict(record)
    for group in groups.values():
        if group.get("parent") and group["parent"] not in groups:
            doc.warnings.append(
                f"target group {shown(group['id'])}: parent {shown(group['parent'])} is not in the "
                "import; the group is imported without it"
            )
            group.pop("parent")
    return list(groups.values())


# --- organisations and locations ------------------------------------------------------------


def _organisations(source: Source, doc: Document) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    no_kind = 0
    for row in source.rows("organization"):
        codes = source.codes(row["id"])
        kinds = [c.split(":", 1)[1] for c in codes if c.startswith("organisation-kind:")]
        no_kind += not kinds
        phones = [
            p
            for p in source.children("phone", "organization_id", row["id"])
            if not p.get("contact_id") and not p.get("service_id")
        ]
        doc.origins[("organisations", len(result))] = source.tables.origins[
            ("organization", row["id"])
        ]
        result.append(
            compact(
                {
                    "id": source.sid("organization", row["id"]),
                    "name": row.get("name"),
                    "kind": kinds[0] if kinds else "other",
                    "description": row.get("description"),
                    "website": row.get("website"),
                    "email": row.get("email"),
                    "phone": phones[0].get("number") if phones else None,
                    "last_verified": source.date(source.value(row["id"], "field:last-verified")),
                }
            )
        )
    if no_kind:
        doc.notes.append(f"{no_kind} organisations have no socialmap kind: set to 'other'")
    return result


def _locations(source: Source, doc: Document) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for row in source.rows("location"):
        if row.get("location_type") == "virtual":
            continue
        where = source.tables.where("location", row["id"])
        doc.origins[("locations", len(result))] = source.tables.origins[("location", row["id"])]
        org = row.get("organization_id")
        if org and org not in source.tables.rows["organization"]:
            doc.warnings.append(
                f"{where}.organization_id: unknown organization {shown(org)}; "
                "the location is imported without it"
            )
            org = None
        address = _address(source, row["id"])
        codes = source.codes(row["id"])
        declared = [c.split(":", 1)[1] for c in codes if c.startswith("neighbourhood:")]
        result.append(
            compact(
                {
                    "id": source.sid("location", row["id"]),
                    "organisation": source.sid("organization", org) if org else None,
                    "name": row.get("name"),
                    "address": ", ".join(
                        filter(None, [address.get("address_1"), address.get("address_2")])
                    )
                    or None,
                    "postcode": address.get("postal_code"),
                    "city": address.get("city"),
                    **_coordinates(row, where, doc),
                    "approximate": source.flag(row["id"], "field:approximate"),
                    "wheelchair": source.flag(row["id"], "field:wheelchair"),
                    "neighbourhood": declared[0] if declared else None,
                }
            )
        )
    return result


def _address(source: Source, location: str) -> dict[str, Any]:
    addresses = source.children("address", "location_id", location)
    physical = [a for a in addresses if a.get("address_type") == "physical"]
    return (physical or addresses or [{}])[0]


def _coordinates(row: dict[str, Any], where: str, doc: Document) -> dict[str, float]:
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None and lon is None:
        return {}
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        doc.warnings.append(
            f"{where}.latitude/longitude: ({lat}, {lon}) are not valid coordinates; "
            "the location is placed by its postcode instead, if it has one"
        )
        return {}
    return {"lat": float(lat), "lon": float(lon)}


# --- referral links -------------------------------------------------------------------------


def _referral_links(source: Source) -> list[dict[str, Any]]:
    links = []
    for attr, kind, value in source.referral_attributes():
        where = source.tables.where("attribute", attr["id"])
        link_from = _node(source, attr["link_id"])
        target = value.get("to") if isinstance(value, dict) else None
        link_to = _node(source, target)
        if link_from is None:
            raise DatasetError(
                f"{where}.link_id: unknown organization or service {shown(attr['link_id'])}"
            )
        if link_to is None:
            raise DatasetError(
                f"{where}.value: referral link to unknown organization or service {shown(target)}"
            )
        links.append(
            compact(
                {
                    "from": link_from,
                    "to": link_to,
                    "kind": kind,
                    **{k: value.get(k) for k in REFERRAL_LINK_DETAILS},
                }
            )
        )
    return links


def _node(source: Source, hsds: Any) -> str | None:
    for table in ("organization", "service"):
        if hsds in source.tables.rows[table]:
            return source.sid(table, hsds)
    return None


# --- the summary ----------------------------------------------------------------------------


def _note_unmapped(source: Source, doc: Document) -> None:
    counts = [
        f"{len(source.tables.rows[t])} {label}"
        for t, label in _UNMAPPED_TABLES.items()
        if source.tables.rows[t]
    ]
    if counts:
        doc.notes.append(f"not mapped (socialmap has no place for them): {', '.join(counts)}")
    foreign = Counter(source.foreign_taxonomy_names())
    if foreign:
        names = ", ".join(f"{n} × {shown(name)}" for name, n in sorted(foreign.items()))
        doc.notes.append(f"attributes with terms of other taxonomies are not mapped: {names}")
    extra = source.tables.ignored
    if extra:
        listed = ", ".join(f"{t}.{prop} ({n})" for (t, prop), n in sorted(extra.items()))
        doc.notes.append(f"fields that are not part of HSDS 3.0 were not read: {listed}")
    for table, fields in source.unmapped_fields().items():
        listed = ", ".join(f"{field} ({n})" for field, n in sorted(fields.items()))
        doc.notes.append(f"{table} fields not mapped: {listed}")
