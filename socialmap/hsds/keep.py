"""Lossless HSDS: what a foreign record said, kept verbatim and exported again.

A record of another tool (an organization, service or location without a
``socialmap-id``) is mapped onto socialmap's fields as far as they go, and the
whole record — its own fields and everything that belongs to it (phones,
contacts, addresses, accessibility, schedules, languages, cost options,
funding, service areas, required documents, programs, identifiers, its
service-at-locations, attributes of other taxonomies with their terms, and its
metadata) — is kept as it came in the dataset record's ``source``::

    "source": {"hsds": {…the HSDS record, nested…}, "imported": {…the mapped record…}}

``imported`` is the socialmap record as the import mapped it.  Export starts
from the kept record and replaces only the HSDS fields whose socialmap fields
were edited since (:func:`overlay`): a record nobody touched goes out exactly
as it came in, an edit wins where it was made.  Pure functions over
:class:`~socialmap.hsds.tables.Tables` and plain dicts.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .tables import _ARRAYS, Tables

__all__ = ["kept_record", "overlay", "source_of", "GROUPS", "kept_virtual_location"]

#: For a child table, the keys that may name its owner, most specific first: a row
#: belongs to the first one that names a record of the input.
_OWNERS: dict[str, tuple[str, ...]] = {
    "phone": (
        "contact_id",
        "service_at_location_id",
        "service_id",
        "location_id",
        "organization_id",
    ),
    "contact": ("service_at_location_id", "service_id", "location_id", "organization_id"),
    "schedule": ("service_at_location_id", "service_id", "location_id"),
    "language": ("phone_id", "service_id", "location_id"),
    "funding": ("service_id", "organization_id"),
}
#: Nestings a kept record does not take in: other records, kept on their own.
_SEPARATE = {("organization", "services"), ("organization", "locations")}

#: Per kind: (HSDS keys, the socialmap fields they come from).  When none of the fields
#: changed since import, the kept keys go out; otherwise socialmap's.
GROUPS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "service": (
        (("name",), ("name",)),
        (("description",), ("description",)),
        (("organization_id",), ("organisation",)),
        (("minimum_age",), ("eligibility.age_min",)),
        (("maximum_age",), ("eligibility.age_max",)),
        (("service_areas",), ("eligibility.neighbourhoods",)),
        (("languages",), ("languages",)),
        (("interpretation_services",), ("interpreter",)),
        (("cost_options", "fees_description"), ("cost_eur", "cost_description", "cost_options")),
        (("funding",), ("funding",)),
        (("contacts",), ("contact",)),
        (("assured_date", "last_modified"), ("last_verified",)),
        (("schedules",), ("opening_hours",)),
        (("status",), ("valid_from", "valid_until")),
        (("eligibility_description",), ("target_groups", "eligibility")),
        (("application_process",), ("eligibility.requires_referral_by",)),
        (("wait_time",), ("wait_weeks",)),
    ),
    "location": (
        (("name",), ("name",)),
        (("organization_id",), ("organisation",)),
        (("addresses",), ("address", "postcode", "city")),
        (("latitude", "longitude"), ("lat", "lon")),
        (("accessibility",), ("wheelchair",)),
        (("schedules",), ("opening_hours",)),
    ),
    "organization": (
        (("name",), ("name",)),
        (("description",), ("description",)),
        (("website",), ("website",)),
        (("email",), ("email",)),
        (("phones",), ("phone",)),
    ),
}


def _owner(tables: Tables, child: str, row: Mapping[str, Any]) -> str | None:
    """The key column of the record ``row`` belongs to (None: to every one it names)."""
    for key in _OWNERS.get(child, ()):
        value = row.get(key)
        if value not in (None, "") and value in tables.rows[key.removesuffix("_id")]:
            return key
    return None


def kept_record(
    tables: Tables,
    table: str,
    rid: str,
    ours: Callable[[dict[str, Any]], bool],
    seen: set[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The HSDS record ``rid`` of ``table`` with everything that belongs to it, nested.

    ``ours(attribute)`` tells the attributes socialmap maps itself (its own
    taxonomy): those are left out, every other attribute is kept with its term.
    ``seen`` collects ``(table, id)`` of every row kept, for the import summary.
    """
    seen = set() if seen is None else seen
    seen.add((table, rid))
    record = dict(tables.rows[table][rid])
    for prop, child in _ARRAYS.get(table, {}).items():
        if (table, prop) in _SEPARATE:
            continue
        key = f"{table}_id"
        rows = [
            r for r in tables.children(child, key, rid) if _owner(tables, child, r) in (key, None)
        ]
        if rows:
            record[prop] = [kept_record(tables, child, r["id"], ours, seen) for r in rows]
    if table == "service_at_location":
        location = tables.rows["location"].get(record.get("location_id", ""))
        if location is not None and location.get("location_type") == "virtual":
            # A virtual location stands for "online": socialmap keeps no location for it.
            record["location"] = kept_record(tables, "location", location["id"], ours, seen)
    attributes = [
        _attribute(tables, a, seen)
        for a in tables.children("attribute", "link_id", rid)
        if not ours(a)
    ]
    if attributes:
        record["attributes"] = attributes
    metadata = [dict(m) for m in tables.children("metadata", "resource_id", rid)]
    seen.update(("metadata", m["id"]) for m in metadata)
    if metadata:
        record["metadata"] = metadata
    return record


def _attribute(
    tables: Tables, attribute: dict[str, Any], seen: set[tuple[str, str]]
) -> dict[str, Any]:
    kept = dict(attribute)
    seen.add(("attribute", attribute["id"]))
    term = tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id", ""))
    if term is not None:
        kept["taxonomy_term"] = dict(term)
        seen.add(("taxonomy_term", term["id"]))
        taxonomy = tables.rows["taxonomy"].get(term.get("taxonomy_id", ""))
        if taxonomy is not None:
            kept["taxonomy_term"]["taxonomy_detail"] = dict(taxonomy)
            seen.add(("taxonomy", taxonomy["id"]))
    return kept


def source_of(kept: dict[str, Any], mapped: dict[str, Any]) -> dict[str, Any]:
    """The ``source`` of a dataset record: the kept HSDS record and the record as mapped."""
    return {"hsds": kept, "imported": copy.deepcopy(mapped)}


def _get(record: Mapping[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def changed_fields(record: Mapping[str, Any], fields: Iterable[str]) -> set[str]:
    """The ``fields`` of a dataset record that differ from the record as imported."""
    imported = (record.get("source") or {}).get("imported") or {}
    return {f for f in fields if _get(record, f) != _get(imported, f)}


def overlay(kind: str, built: dict[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """The HSDS record to export: the kept one, with socialmap's keys where they were edited.

    ``built`` is socialmap's own HSDS record of ``record`` (a dataset record with a
    ``source``).  Attributes: the kept ones (other taxonomies) and socialmap's.

    >>> record = {"name": "New", "source": {"hsds": {"id": "S", "name": "Old", "alert": "!"},
    ...           "imported": {"name": "Old"}}}
    >>> overlay("service", {"id": "S", "name": "New"}, record)
    {'id': 'S', 'name': 'New', 'alert': '!'}
    """
    kept = copy.deepcopy(record["source"]["hsds"])
    out = dict(kept)
    for keys, fields in GROUPS[kind]:
        if changed_fields(record, fields):
            for key in keys:
                if key in built:
                    out[key] = built[key]
                else:
                    out.pop(key, None)
    out["id"] = built["id"]
    attributes = list(kept.get("attributes") or []) + list(built.get("attributes") or [])
    if attributes:
        out["attributes"] = attributes
    return out


def kept_virtual_location(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The virtual location a kept service was offered at (online), if any."""
    for sal in ((record.get("source") or {}).get("hsds") or {}).get("service_at_locations") or []:
        location = sal.get("location")
        if isinstance(location, dict) and location.get("location_type") == "virtual":
            return location
    return None
