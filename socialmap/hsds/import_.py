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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dataset.reader import FORMAT, Document
from ..errors import DatasetError, shown
from ..fields import REFERRAL_LINK_DETAILS
from .ids import slug
from .offers import OfferMapper
from .read import HsdsInput, read_input
from .source import Source
from .tables import Tables, compact

__all__ = ["read_hsds", "read_hsds_files", "to_document", "FileRead"]

_COUNTRY = re.compile(r"^[A-Z]{2}$")
#: HSDS tables socialmap has no place for at all.
_UNMAPPED_TABLES = {
    "program": "programs",
    "required_document": "required documents",
    "organization_identifier": "organization identifiers",
    "metadata": "metadata (change history) records",
    "meta_table_description": "table descriptions",
}
#: HSDS tables socialmap maps in part: what it does not map travels with the record.
_PARTLY_MAPPED = {
    "accessibility": "accessibility records",
    "service_area": "service areas",
    "cost_option": "cost options",
    "schedule": "schedules",
    "contact": "contacts",
    "phone": "phones",
    "address": "addresses",
    "language": "languages",
    "funding": "funding records",
}


def read_hsds(path: str | Path) -> Document:
    """Read HSDS data (JSON record, list, page, tabular JSON, JSON folder or CSV package).

    Returns a :class:`~socialmap.dataset.reader.Document` holding a
    ``socialmap-dataset/1`` dict, with what could not be mapped in ``notes``.
    """
    found = read_input(Path(path))
    found.tables.check_required()
    return to_document(found)


def read_hsds_files(paths: list[Path], region: str) -> tuple[Document, list[FileRead]]:
    """Read several HSDS files (API pages, one publisher's files) as the one region ``region``.

    A record that comes again (on two pages, or nested in two files) is kept once.
    Every file is read before anything is mapped: a file that cannot be read is
    reported in its :class:`FileRead`, the others are still read, and then
    :class:`DatasetError` names every failed file at once.
    """
    found = HsdsInput(Tables(), ", ".join(str(p) for p in paths), region)
    reads = []
    for path in paths:
        before = (sum(len(r) for r in found.tables.rows.values()), *found.tables.repeated)
        try:
            read_input(Path(path), found)
        except DatasetError as exc:
            reads.append(FileRead(str(path), error=str(exc)))
            continue
        after = (sum(len(r) for r in found.tables.rows.values()), *found.tables.repeated)
        new, identical, differing = (a - b for a, b in zip(after, before, strict=True))
        reads.append(FileRead(str(path), new, identical, differing))
    failed = [r for r in reads if r.error]
    if failed:
        raise DatasetError(
            f"{len(failed)} of {len(paths)} files cannot be read, nothing was imported: "
            + "; ".join(str(r.error) for r in failed)
        )
    found.tables.check_required()
    return to_document(found, region={"id": region, "name": region}), reads


@dataclass(frozen=True)
class FileRead:
    """What one file of a merged import gave: new records, repeats, or why it failed."""

    path: str
    new: int = 0
    identical: int = 0
    differing: int = 0
    error: str | None = None

    def summary(self) -> str:
        """One line, e.g. ``page2.json: read — 40 new records, 3 given before``."""
        if self.error:
            return f"{self.path}: failed — {self.error}"
        again = f", {self.identical} given before (kept once)" if self.identical else ""
        differ = (
            f", {self.differing} given before with other values (the first kept)"
            if self.differing
            else ""
        )
        return f"{self.path}: read — {self.new} new records{again}{differ}"


def to_document(found: HsdsInput, region: dict[str, Any] | None = None) -> Document:
    """Map HSDS records read by :func:`~socialmap.hsds.read.read_input` to a dataset.

    ``region`` (id and name) names the region, whatever the records say.
    """
    source = Source(found.tables)
    doc = Document(data={"format": FORMAT}, source=found.source)
    doc.warnings += found.warnings
    doc.notes += found.notes
    data = doc.data
    data["region"] = _region(source, found, doc) if region is None else _named(source, region)
    data["neighbourhoods"] = _neighbourhoods(source, data["region"]["id"])
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


def _named(source: Source, region: dict[str, Any]) -> dict[str, Any]:
    """The region asked for: its whole record when the input carries it (a socialmap export
    or API pages of several regions), else just its id and name."""
    found = [r for r in source.region_records() if r["id"] == region["id"]]
    return dict(found[0]) if found else region


def _neighbourhoods(source: Source, region: str) -> list[dict[str, Any]]:
    result = []
    several = len(source.region_records()) > 1
    for code, term in source.terms_of_group("neighbourhood"):
        if several and source.code_of(term.get("parent_id")) != f"region:{region}":
            continue  # another region's (pages of an API that serves several)
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
            source.kept(
                "organization",
                row["id"],
                _organisation(source, row, kinds, phones),
            )
        )
    if no_kind:
        doc.notes.append(f"{no_kind} organisations have no socialmap kind: set to 'other'")
    return result


def _organisation(
    source: Source, row: dict[str, Any], kinds: list[str], phones: list[dict[str, Any]]
) -> dict[str, Any]:
    return compact(
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
        mapped = compact(
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
                "opening_hours": source.opening_hours("location_id", row["id"]),
            }
        )
        result.append(source.kept("location", row["id"], mapped))
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


def _mapped_as_own(source: Source, table: str) -> bool:
    """True when every record of the input is socialmap's own (their parts are mapped)."""
    return not any(
        (t, rid) in source.seen
        for t in ("service", "organization", "location")
        for rid in source.tables.rows[t]
    ) and bool(source.tables.rows[table])


def _note_unmapped(source: Source, doc: Document) -> None:
    kept, lost = [], []
    for table, label in _UNMAPPED_TABLES.items():
        rows = source.tables.rows[table]
        n = sum((table, rid) in source.seen for rid in rows)
        kept += [f"{n} {label}"] if n else []
        lost += [f"{len(rows) - n} {label}"] if len(rows) > n else []
    for table, label in _PARTLY_MAPPED.items():
        n = sum((table, rid) not in source.seen for rid in source.tables.rows[table])
        lost += [f"{n} {label}"] if n and not _mapped_as_own(source, table) else []
    if kept:
        doc.notes.append(
            "kept verbatim with their records and exported again (socialmap has no field for "
            f"them): {', '.join(kept)}"
        )
    foreign = [
        a for a in source.rows("attribute") if source.code_of(a.get("taxonomy_term_id")) is None
    ]
    orphans = [a for a in foreign if ("attribute", a["id"]) not in source.seen]
    if len(foreign) > len(orphans):
        names = Counter(
            source.term_name(a.get("taxonomy_term_id"))
            for a in foreign
            if ("attribute", a["id"]) in source.seen
        )
        listed = ", ".join(f"{n} × {shown(name)}" for name, n in sorted(names.items()))
        doc.notes.append(f"attributes of other taxonomies kept verbatim: {listed}")
    lost += [f"{len(orphans)} attributes"] if orphans else []
    for table, label in (("taxonomy_term", "terms"), ("taxonomy", "taxonomies")):
        label = f"{label} of other taxonomies" if table == "taxonomy_term" else "other taxonomies"
        unused = [
            row
            for row in source.rows(table)
            if (table, row["id"]) not in source.seen and not source.is_socialmap_row(table, row)
        ]
        lost += [f"{len(unused)} {label}"] if unused else []
    if lost:
        doc.notes.append(
            "not kept (they name no record of this import, or one socialmap wrote itself): "
            + ", ".join(lost)
        )
    schedules = len(source.tables.rows["schedule"])
    left = schedules - len(source.mapped_schedules)
    if left:
        doc.notes.append(
            f"{left} of {schedules} schedules are not plain weekly opening hours (or belong to a "
            "service at one location only): not mapped to opening_hours"
        )
    if source.schedule_fields:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(source.schedule_fields.items()))
        doc.notes.append(f"schedule fields not mapped to opening_hours: {listed}")
    extra = source.tables.ignored
    if extra:
        listed = ", ".join(f"{t}.{prop} ({n})" for (t, prop), n in sorted(extra.items()))
        doc.notes.append(f"fields that are not part of HSDS 3.0 were not read: {listed}")
    for (table, kept_with), fields in source.unmapped_fields().items():
        listed = ", ".join(f"{field} ({n})" for field, n in sorted(fields.items()))
        how = "kept verbatim (no socialmap field)" if kept_with else "not mapped"
        doc.notes.append(f"{table} fields {how}: {listed}")
