"""Turn one ``socialmap-dataset/1`` region into HSDS 3.0 records (the JSON form).

What HSDS has a field for goes there (names, descriptions, ages, languages,
cost options, funding, contacts, addresses, coordinates, service areas), so
any HSDS tool can read it.  What it has no field for travels in attributes of
the published ``socialmap`` taxonomy (:mod:`socialmap.hsds.taxonomy`), so
that :mod:`socialmap.hsds.import_` restores the region exactly.  Pure
functions of the dataset: no database, no files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from ..fields import REFERRAL_LINK_DETAILS
from ..geo import postcode_state
from . import describe
from .ids import hsds_id, is_uuid
from .keep import kept_virtual_location, overlay
from .schedules import to_schedules
from .tables import TABLES, Tables, compact, entity_for_name
from .taxonomy import (
    FIXED_TERMS,
    Term,
    attribute,
    region_terms,
    taxonomy_record,
    term_record,
)

__all__ = ["HsdsRecords", "to_hsds", "to_tables", "organization_id", "service_id"]


@dataclass
class HsdsRecords:
    """One region as HSDS JSON: full nested records of each kind the API serves."""

    organizations: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    service_at_locations: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    taxonomies: list[dict[str, Any]] = field(default_factory=list)
    taxonomy_terms: list[dict[str, Any]] = field(default_factory=list)

    def files(self) -> dict[str, list[dict[str, Any]]]:
        """``{file name: records}`` of the JSON form, e.g. ``services.json``."""
        return {f"{name}.json": records for name, records in vars(self).items()}


def organization_id(sid: str) -> str:
    """The HSDS id of organisation ``sid``: ``sid`` itself when it is a UUID (an id another
    tool gave it, kept), else the stable UUID of socialmap's id."""
    return sid if is_uuid(sid) else hsds_id("organization", sid)


def service_id(sid: str) -> str:
    """The HSDS id of offer ``sid`` (``sid`` itself when it is a UUID)."""
    return sid if is_uuid(sid) else hsds_id("service", sid)


def _location_id(sid: str) -> str:
    return sid if is_uuid(sid) else hsds_id("location", sid)


def _virtual_location_id(organisation: str) -> str:
    return hsds_id("virtual-location", organisation)


def _flag(value: Any) -> str:
    return "true" if value else "false"


def _uri(value: str | None) -> str | None:
    """HSDS wants an absolute URI; ``www.example.org`` becomes ``https://www.example.org``."""
    if not value:
        return None
    parts = urlparse(value)
    return value if parts.scheme and parts.netloc else f"https://{value.lstrip('/')}"


def _email(value: str | None) -> str | None:
    return value if value and "@" in value else None


def _phones(owner: str, owner_id: str, source: str, number: str | None) -> list[dict[str, Any]]:
    """The HSDS ``phone`` list of an ``organization`` or ``contact`` (empty without a number)."""
    if not number:
        return []
    return [{"id": hsds_id("phone", owner, source), f"{owner}_id": owner_id, "number": number}]


def to_hsds(
    data: dict[str, Any],
    *,
    nest_terms: bool = False,
    today: dt.date | None = None,
    other_offers: Collection[str] = (),
    taxonomy: bool = True,
    organizations: Collection[str] | None = None,
) -> HsdsRecords:
    """Return the HSDS records of one dataset (a validated ``socialmap-dataset/1`` dict).

    Parameters
    ----------
    data : dict
        One region, as :func:`socialmap.importer.export_dataset` returns it.
    nest_terms : bool
        Nest each attribute's taxonomy term (the HSDS API does; the files do not,
        they list the terms once in ``taxonomy_terms.json``).
    today : datetime.date, optional
        The date that decides a service's ``status`` (default: today).
    other_offers : collection of str
        Ids of offers of the region that ``data`` (a part of it) leaves out: a
        referral link to one of them points to a service, not an organization.
    taxonomy : bool
        Include the taxonomy and its terms (a page of the API's services or
        organizations needs neither: its attributes nest their terms).
    organizations : collection of str, optional
        Socialmap ids of the organisations whose full records to build
        (default: every one; a service nests its organization either way).
    """
    exporter = _Exporter(data, nest_terms, today or dt.date.today())
    exporter.offer_ids |= set(other_offers)
    return exporter.records(taxonomy, organizations)


def to_tables(records: HsdsRecords) -> Tables:
    """Flatten HSDS records into the tabular form (one row per record, joined by ids)."""
    tables = Tables()
    for name, items in records.files().items():
        table = entity_for_name(name)
        assert table is not None, name
        for index, record in enumerate(items):
            tables.add_nested(table, record, f"{name}[{index}]")
    return tables


_SERVICE_FIELDS = frozenset(TABLES["service"].columns)


class _Exporter:
    """Builds the records of one region; one instance per export."""

    def __init__(self, data: dict[str, Any], nest_terms: bool, today: dt.date):
        self.data = data
        self.nest_terms = nest_terms
        self.today = today.isoformat()
        self.region = data["region"]
        self.terms: dict[str, Term] = dict(FIXED_TERMS)
        self.terms.update((t.code, t) for t in region_terms(data))
        self.organisations = {o["id"]: o for o in data.get("organisations") or []}
        self.locations = {loc["id"]: loc for loc in data.get("locations") or []}
        self.neighbourhoods = {n["id"]: n for n in data.get("neighbourhoods") or []}
        self.offer_ids = {o["id"] for o in data.get("offers") or []}
        self.group_names = {
            code.split(":", 1)[1]: t.name
            for code, t in self.terms.items()
            if code.startswith("target-group:")
        }
        self.location_records: dict[str, dict[str, Any]] = {}
        self.links: dict[str, list[dict[str, Any]]] = {}
        for link in data.get("referral_links") or []:
            self.links.setdefault(link["from"], []).append(link)

    # --- attributes -----------------------------------------------------------------------

    def _attr(self, entity: str, link_id: str, code: str, value: str | None = None) -> dict:
        # Region terms are nested even in files: their ids cannot be computed by a reader
        # that only knows the fixed vocabulary, and a single services.json must stay readable.
        nest = self.nest_terms or code not in FIXED_TERMS
        return attribute(entity, link_id, code, value, self.terms.get(code) if nest else None)

    def _referral_attrs(self, entity: str, link_id: str, source: str) -> Iterator[dict]:
        for link in self.links.get(source, []):
            target = link["to"]
            to_offer = target in self.offer_ids
            value = {
                "to": service_id(target) if to_offer else organization_id(target),
                "to_entity": "service" if to_offer else "organization",
                **{k: link[k] for k in REFERRAL_LINK_DETAILS if link.get(k)},
            }
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            yield self._attr(entity, link_id, f"referral-kind:{link['kind']}", text)

    # --- records --------------------------------------------------------------------------

    def records(self, taxonomy: bool = True, wanted: Collection[str] | None = None) -> HsdsRecords:
        locations = [self.location(loc) for loc in self.locations.values()]
        locations += [self.virtual_location(org) for org in self._online_organisations()]
        kept_virtual = {
            loc["id"]: loc
            for loc in (kept_virtual_location(o) for o in self.data.get("offers") or [])
            if loc is not None
        }
        locations += [loc for lid, loc in kept_virtual.items() if lid not in self.locations]
        self.location_records = {loc["id"]: loc for loc in locations}
        services = {o["id"]: self.service(o) for o in self.data.get("offers") or []}
        # A service_at_location nests its service's one-to-one fields only (as the list
        # endpoints do): the full service is in services.json already.
        sals = [
            {**sal, "service": {k: v for k, v in service.items() if k in _SERVICE_FIELDS}}
            for service in services.values()
            for sal in service.get("service_at_locations", [])
        ]
        by_org: dict[str | None, dict[str, list]] = {}
        for loc in locations:
            by_org.setdefault(loc.get("organization_id"), {}).setdefault("locations", []).append(
                loc
            )
        for service in services.values():
            by_org.setdefault(service["organization_id"], {}).setdefault("services", []).append(
                service
            )
        organizations = [
            self.organization_basic(o) | by_org.get(organization_id(o["id"]), {})
            for o in self.organisations.values()
            if wanted is None or o["id"] in wanted
        ]
        basics = {o["id"]: self.organization_basic(o, False) for o in self.organisations.values()}
        full_services = [
            {**service, "organization": basics[offer["organisation"]]}
            for offer, service in zip(self.data.get("offers") or [], services.values(), strict=True)
        ]
        terms = [term_record(t) for t in self.terms.values()] if taxonomy else []
        taxonomies = [taxonomy_record()] if taxonomy else []
        return HsdsRecords(organizations, full_services, sals, locations, taxonomies, terms)

    def _online_organisations(self) -> list[str]:
        """Organisations with an online offer that has no virtual location of its own source."""
        online = {
            o["organisation"]
            for o in self.data.get("offers") or []
            if o.get("online") and kept_virtual_location(o) is None
        }
        return [oid for oid in self.organisations if oid in online]

    def _id_attr(self, entity: str, hid: str, record: dict[str, Any]) -> list[dict[str, Any]]:
        """The ``socialmap-id`` attribute, unless the HSDS id is the record's own kept id
        (then an import finds the record by it, and takes it for another tool's again)."""
        if hid == record["id"] and record.get("source"):
            return []
        return [self._attr(entity, hid, "field:socialmap-id", record["id"])]

    def organization_basic(self, org: dict[str, Any], links: bool = True) -> dict[str, Any]:
        """The organization without locations and services (``links``: with referral links)."""
        hid = organization_id(org["id"])
        attrs = self._id_attr("organization", hid, org)
        imported = (org.get("source") or {}).get("imported") or {}
        if not (org.get("source") and org["kind"] == "other" == imported.get("kind")):
            attrs.append(self._attr("organization", hid, f"organisation-kind:{org['kind']}"))
        attrs.append(self._attr("organization", hid, f"region:{self.region['id']}"))
        if org.get("last_verified"):
            attrs.append(
                self._attr("organization", hid, "field:last-verified", org["last_verified"])
            )
        if links:
            attrs += self._referral_attrs("organization", hid, org["id"])
        phones = _phones("organization", hid, org["id"], org.get("phone"))
        record = {"id": hid, "name": org["name"], "description": org.get("description") or ""}
        built = record | compact(
            {
                "email": _email(org.get("email")),
                "website": _uri(org.get("website")),
                "phones": phones,
                "attributes": attrs,
            }
        )
        return overlay("organization", built, org) if org.get("source") else built

    def location(self, loc: dict[str, Any]) -> dict[str, Any]:
        hid = _location_id(loc["id"])
        attrs = self._id_attr("location", hid, loc)
        if loc.get("approximate") or not loc.get("source"):
            attrs.append(
                self._attr("location", hid, "field:approximate", _flag(loc.get("approximate")))
            )
        accessibility = []
        if loc.get("wheelchair") is not None:
            attrs.append(self._attr("location", hid, "field:wheelchair", _flag(loc["wheelchair"])))
            accessibility.append(
                {
                    "id": hsds_id("accessibility", loc["id"]),
                    "location_id": hid,
                    "description": "Wheelchair accessible"
                    if loc["wheelchair"]
                    else "Not wheelchair accessible",
                }
            )
        if loc.get("neighbourhood"):
            attrs.append(self._attr("location", hid, f"neighbourhood:{loc['neighbourhood']}"))
        addresses = []
        if any(loc.get(k) for k in ("address", "postcode", "city")):
            addresses.append(
                {
                    "id": hsds_id("address", loc["id"]),
                    "location_id": hid,
                    "address_1": loc.get("address") or "",
                    "city": loc.get("city") or "",
                    # required by HSDS: the Land / provincie of the postcode, where known
                    "state_province": postcode_state(
                        loc.get("postcode"), self.region.get("country") or None
                    )
                    or "",
                    "postal_code": loc.get("postcode") or "",
                    "country": self.region.get("country") or "",
                    "address_type": "physical",
                }
            )
        org = loc.get("organisation")
        built = compact(
            {
                "id": hid,
                "location_type": "physical",
                "organization_id": organization_id(org) if org else None,
                "name": loc.get("name"),
                "latitude": loc.get("lat"),
                "longitude": loc.get("lon"),
                "addresses": addresses,
                "accessibility": accessibility,
                "schedules": to_schedules(
                    loc.get("opening_hours") or [], loc["id"], "location_id", hid
                ),
                "attributes": attrs,
            }
        )
        return overlay("location", built, loc) if loc.get("source") else built

    def virtual_location(self, org_id: str) -> dict[str, Any]:
        org = self.organisations[org_id]
        return compact(
            {
                "id": _virtual_location_id(org_id),
                "location_type": "virtual",
                "organization_id": organization_id(org_id),
                "name": f"{org['name']} (online)",
                "url": _uri(org.get("website")),
            }
        )

    def service(self, offer: dict[str, Any]) -> dict[str, Any]:
        hid = service_id(offer["id"])
        eligibility = offer.get("eligibility") or {}
        built = compact(
            {
                "id": hid,
                "organization_id": organization_id(offer["organisation"]),
                "name": offer["name"],
                "description": offer.get("description"),
                "status": describe.status(offer, self.today),
                "interpretation_services": "Interpreter available"
                if offer.get("interpreter")
                else None,
                "application_process": describe.application_process(offer, self.organisations),
                "fees_description": offer.get("cost_description"),
                "wait_time": f"{offer['wait_weeks']:g} weeks"
                if offer.get("wait_weeks") is not None
                else None,
                "eligibility_description": describe.eligibility_text(
                    offer, self.group_names, self.neighbourhoods
                ),
                "minimum_age": eligibility.get("age_min"),
                "maximum_age": eligibility.get("age_max"),
                "assured_date": offer.get("last_verified"),
                "last_modified": f"{offer['last_verified']}T00:00:00Z"
                if offer.get("last_verified")
                else None,
                "service_areas": self._service_areas(offer, hid),
                "service_at_locations": self._sals(offer, hid),
                "languages": [
                    {"id": hsds_id("language", offer["id"], code), "service_id": hid, "code": code}
                    for code in offer.get("languages") or []
                ],
                "funding": [
                    {
                        "id": hsds_id("funding", offer["id"]),
                        "service_id": hid,
                        "source": offer["funding"],
                    }
                ]
                if offer.get("funding")
                else [],
                "cost_options": self._cost_options(offer, hid),
                "contacts": self._contacts(offer, hid),
                "schedules": to_schedules(
                    offer.get("opening_hours") or [], offer["id"], "service_id", hid
                ),
                "attributes": list(self._service_attrs(offer, hid)),
            }
        )
        if not offer.get("source"):
            return built
        service = overlay("service", built, offer)
        service["service_at_locations"] = _merge_sals(
            built.get("service_at_locations") or [],
            offer["source"]["hsds"].get("service_at_locations") or [],
        )
        return compact(service)

    def _service_areas(self, offer: dict[str, Any], hid: str) -> list[dict[str, Any]]:
        areas = []
        for nid in (offer.get("eligibility") or {}).get("neighbourhoods") or []:
            n = self.neighbourhoods.get(nid, {"id": nid, "name": nid})
            area_id = hsds_id("service_area", offer["id"], nid)
            geometry = n.get("geometry")
            areas.append(
                compact(
                    {
                        "id": area_id,
                        "service_id": hid,
                        "name": n["name"],
                        "description": f"Residents of {n['name']} only"
                        + (
                            f" (postcodes {', '.join(n['postcodes'])})"
                            if n.get("postcodes")
                            else ""
                        ),
                        "extent": json.dumps(geometry, separators=(",", ":")) if geometry else None,
                        "extent_type": "geojson" if geometry else None,
                        "attributes": [self._attr("service_area", area_id, f"neighbourhood:{nid}")],
                    }
                )
            )
        return areas

    def _sals(self, offer: dict[str, Any], hid: str) -> list[dict[str, Any]]:
        targets = [(loc, _location_id(loc)) for loc in offer.get("locations") or []]
        virtual = kept_virtual_location(offer)
        if offer.get("online"):
            targets.append(
                (
                    f"online:{offer['organisation']}",
                    virtual["id"] if virtual else _virtual_location_id(offer["organisation"]),
                )
            )
        # The location is nested so that a services.json read on its own is complete.
        return [
            {
                "id": hsds_id("service_at_location", offer["id"], key),
                "service_id": hid,
                "location_id": location,
                "location": self.location_records[location],
            }
            for key, location in targets
        ]

    def _cost_options(self, offer: dict[str, Any], hid: str) -> list[dict[str, Any]]:
        if offer.get("cost_options"):
            return [
                compact(
                    {
                        "id": hsds_id("cost_option", offer["id"], index),
                        "service_id": hid,
                        "amount": option["amount"],
                        # the region's currency where the option names none; never a guess
                        "currency": option.get("currency") or self.region.get("currency"),
                        "option": option.get("conditions"),
                        "amount_description": option.get("unit"),
                        "valid_from": option.get("valid_from"),
                        "valid_to": option.get("valid_to"),
                    }
                )
                for index, option in enumerate(offer["cost_options"])
            ]
        if offer.get("cost_eur") is None:
            return []
        return [
            compact(
                {
                    "id": hsds_id("cost_option", offer["id"]),
                    "service_id": hid,
                    "amount": offer["cost_eur"],
                    "currency": "EUR",  # cost_eur is in euros by definition
                    "amount_description": offer.get("cost_description"),
                }
            )
        ]

    def _contacts(self, offer: dict[str, Any], hid: str) -> list[dict[str, Any]]:
        contact = offer.get("contact") or {}
        if not contact:
            return []
        cid = hsds_id("contact", offer["id"])
        phones = _phones("contact", cid, offer["id"], contact.get("phone"))
        return [
            compact(
                {
                    "id": cid,
                    "service_id": hid,
                    "name": contact.get("name"),
                    "email": _email(contact.get("email")),
                    "phones": phones,
                }
            )
        ]

    def _service_attrs(self, offer: dict[str, Any], hid: str) -> Iterator[dict[str, Any]]:
        def attr(code: str, value: str | None = None) -> dict[str, Any]:
            return self._attr("service", hid, code, value)

        e = offer.get("eligibility") or {}
        yield from self._id_attr("service", hid, offer)
        if offer.get("category"):  # absent: not known, so not said
            yield attr(f"category:{offer['category']}")
        if offer.get("ladder"):
            yield from (attr(f"ladder-accepts:{r}") for r in offer["ladder"]["accepts"])
            yield attr(f"ladder-leads-to:{offer['ladder']['leads_to']}")
        yield from (attr(f"target-group:{g}") for g in offer.get("target_groups") or [])
        for key, group in (
            ("genders", "gender"),
            ("residence_statuses", "residence-status"),
            ("excludes_work_ban", "excludes-work-ban"),
            ("neighbourhoods", "neighbourhood"),
        ):
            yield from (attr(f"{group}:{v}") for v in e.get(key) or [])
        for org in e.get("requires_referral_by") or []:
            yield attr("field:requires-referral-by", organization_id(org))
        for flag in ("online", "interpreter", "childcare"):
            if offer.get(flag) is not None:
                yield attr(f"field:{flag}", _flag(offer[flag]))
        for key, name in (
            ("purpose", "purpose"),
            ("capacity", "capacity"),
            ("wait_weeks", "wait-weeks"),
            ("valid_from", "valid-from"),
            ("valid_until", "valid-until"),
        ):
            if offer.get(key) is not None and offer.get(key) != "":
                yield attr(f"field:{name}", str(offer[key]))
        yield from self._referral_attrs("service", hid, offer["id"])


def _merge_sals(built: list[dict[str, Any]], kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The service's service_at_locations: socialmap's (an edit may have added or removed a
    location), each with what its kept counterpart said (its id, description, contacts …)."""
    by_location = {sal.get("location_id"): sal for sal in kept}
    merged = []
    for sal in built:
        old = by_location.get(sal["location_id"])
        if old is None:
            merged.append(sal)
        else:
            merged.append({**old, "service_id": sal["service_id"], "location": sal["location"]})
    return merged
