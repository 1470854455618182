"""The records and queries behind the read-only HSDS API (``web/hsds``), without Flask.

:class:`Catalogue` holds every region of the store as HSDS records (built from
the dataset export with :func:`~socialmap.hsds.export.to_hsds`, terms nested
in the attributes as the API's full records have them) plus what the filters
need.  The query functions take parsed values (the web layer parses and
rejects bad parameters) and return plain dicts shaped by
``schema/openapi.json``; paging is :func:`page`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Point, shape

from .. import geo
from ..errors import NotFound
from .export import service_id, to_hsds
from .tables import TABLES

__all__ = ["Catalogue", "ServiceQuery", "page", "list_item", "parse_datetime", "root_document"]

#: The scalar fields of a list item (``compiled/*_list.json``): the table's columns.
_SCALARS = {name: set(TABLES[name].columns) for name in ("service", "organization", "location")}
API_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"


def list_item(record: dict[str, Any], table: str) -> dict[str, Any]:
    """The one-to-one fields of a record, as HSDS list endpoints return them."""
    return {k: v for k, v in record.items() if k in _SCALARS[table]}


def page(items: list[Any], number: int, per_page: int) -> dict[str, Any]:
    """One page of ``items`` with the HSDS ``Page`` fields.

    >>> p = page(list(range(5)), 2, 2)
    >>> p["contents"], p["total_pages"], p["first_page"], p["last_page"], p["size"]
    ([2, 3], 3, False, False, 2)
    """
    total_pages = max(1, math.ceil(len(items) / per_page))
    contents = items[(number - 1) * per_page : number * per_page]
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": number,
        "number": number,  # the name some HSDS API clients use for page_number
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not items,
        "contents": contents,
    }


def parse_datetime(value: str) -> dt.datetime:
    """An ISO 8601 date or date-time (UTC when no zone is given); ValueError if it is not.

    >>> parse_datetime("2026-01-01").isoformat()
    '2026-01-01T00:00:00+00:00'
    """
    moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass
class ServiceQuery:
    """The filters of ``/services`` and ``/service_at_locations``.

    ``service_ids`` are the services whose text matches the ``search``
    parameter, found by :func:`socialmap.search.matching_offers` (the one
    full-text search; None: no search).
    """

    service_ids: set[str] | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: dt.datetime | None = None
    #: ``(lat, lon)`` of the postcode asked about, and the postcode itself
    centre: tuple[float, float] | None = None
    postcode: str | None = None
    proximity_m: float | None = None


@dataclass
class Catalogue:
    """Every region of the store as HSDS records, indexed for the API."""

    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    service_at_locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomies: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy_terms: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: service id -> (shapes, postcodes) of the neighbourhoods it is restricted to
    _areas: dict[str, tuple[list[Any], set[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Iterable[dict[str, Any]]) -> Catalogue:
        """Build the catalogue from ``socialmap-dataset/1`` documents (one per region)."""
        catalogue = cls()
        for document in documents:
            catalogue._add(document)
        return catalogue

    def _add(self, document: dict[str, Any]) -> None:
        records = to_hsds(document, nest_terms=True)
        for org in records.organizations:
            self.organizations[org["id"]] = org
        for service in records.services:
            self.services[service["id"]] = service
        for sal in records.service_at_locations:
            self.service_at_locations[sal["id"]] = sal
        for taxonomy in records.taxonomies:
            self.taxonomies[taxonomy["id"]] = taxonomy
        for term in records.taxonomy_terms:
            self.taxonomy_terms.setdefault(term["id"], term)
        neighbourhoods = {n["id"]: n for n in document.get("neighbourhoods") or []}
        for offer in document.get("offers") or []:
            restricted = [
                neighbourhoods[n]
                for n in (offer.get("eligibility") or {}).get("neighbourhoods") or []
            ]
            if restricted:
                shapes = [shape(n["geometry"]) for n in restricted if n.get("geometry")]
                codes = {c for n in restricted for c in n.get("postcodes") or []}
                self._areas[service_id(offer["id"])] = (shapes, codes)

    # --- look-ups ---------------------------------------------------------------------------

    def get(self, kind: str, hsds_id: str) -> dict[str, Any]:
        """One record of ``kind`` (``services``, ``organizations`` …) or :class:`NotFound`."""
        record = getattr(self, kind).get(hsds_id)
        if record is None:
            raise NotFound(f"{kind[:-1].replace('_', ' ')} {hsds_id!r} does not exist")
        return record

    def organization(self, hsds_id: str, full_service: bool = False) -> dict[str, Any]:
        """An organization with its locations; its services as list items unless full."""
        org = self.get("organizations", hsds_id)
        if full_service:
            return org
        return {**org, "services": [list_item(s, "service") for s in org.get("services", [])]}

    # --- lists ------------------------------------------------------------------------------

    def find_services(self, query: ServiceQuery) -> list[dict[str, Any]]:
        """Services matching every filter of ``query`` (postcode and proximity ignored)."""
        return [s for s in self.services.values() if self._matches(s, query)]

    def find_service_at_locations(self, query: ServiceQuery) -> list[dict[str, Any]]:
        """Services at locations matching ``query``; nearest first when a proximity is given."""
        centre = query.centre
        found: list[tuple[float, int, dict[str, Any]]] = []
        for sal in self.service_at_locations.values():
            service = self.services[sal["service_id"]]
            if not self._matches(service, query):
                continue
            distance = self._distance(sal, centre)
            if centre is not None and not self._covers(service, centre, query.postcode):
                continue
            if query.proximity_m is not None and (distance is None or distance > query.proximity_m):
                continue
            found.append((distance if distance is not None else math.inf, len(found), sal))
        if query.proximity_m is not None:
            found.sort(key=lambda item: (item[0], item[1]))
        return [sal for _, _, sal in found]

    def find_organizations(self, search: str | None) -> list[dict[str, Any]]:
        """Organizations whose name or description contains ``search``."""
        return [
            o for o in self.organizations.values() if _contains(search, o, "name", "description")
        ]

    def find_taxonomies(self, search: str | None) -> list[dict[str, Any]]:
        """Taxonomies whose name or description contains ``search``."""
        return [t for t in self.taxonomies.values() if _contains(search, t, "name", "description")]

    def find_terms(
        self, search: str | None, taxonomy_id: str | None, parent_id: str | None, top_only: bool
    ) -> list[dict[str, Any]]:
        """Taxonomy terms matching every filter."""
        return [
            t
            for t in self.taxonomy_terms.values()
            if _contains(search, t, "name", "description", "code")
            and (taxonomy_id is None or t.get("taxonomy_id") == taxonomy_id)
            and (parent_id is None or t.get("parent_id") == parent_id)
            and not (top_only and t.get("parent_id"))
        ]

    # --- filters ----------------------------------------------------------------------------

    def _matches(self, service: dict[str, Any], query: ServiceQuery) -> bool:
        terms = {a.get("taxonomy_term_id") for a in service.get("attributes", [])}
        if query.service_ids is not None and service["id"] not in query.service_ids:
            return False
        if query.taxonomy_term_id is not None and query.taxonomy_term_id not in terms:
            return False
        if query.taxonomy_id is not None and not any(
            self.taxonomy_terms.get(t or "", {}).get("taxonomy_id") == query.taxonomy_id
            for t in terms
        ):
            return False
        if (
            query.organization_id is not None
            and service["organization_id"] != query.organization_id
        ):
            return False
        if query.modified_after is not None:
            modified = service.get("last_modified")
            if modified is None or parse_datetime(modified) < query.modified_after:
                return False
        return True

    @staticmethod
    def _distance(sal: dict[str, Any], centre: tuple[float, float] | None) -> float | None:
        location = sal.get("location") or {}
        if centre is None or location.get("latitude") is None:
            return None
        km = geo.haversine_km(centre[0], centre[1], location["latitude"], location["longitude"])
        return km * 1000

    def _covers(
        self, service: dict[str, Any], centre: tuple[float, float], postcode: str | None
    ) -> bool:
        """Does the service's area (if it has one) cover the postcode?"""
        area = self._areas.get(service["id"])
        if area is None:
            return True
        shapes, codes = area
        point = Point(centre[1], centre[0])
        return geo.normalise_postcode(postcode) in codes or any(s.covers(point) for s in shapes)


def _contains(search: str | None, record: dict[str, Any], *fields: str) -> bool:
    if not search:
        return True
    needle = search.casefold()
    return any(needle in str(record.get(f) or "").casefold() for f in fields)


def root_document() -> dict[str, Any]:
    """The response of ``/``: the HSDS version and where the API's OpenAPI file is."""
    return {"version": API_VERSION, "openapi_url": OPENAPI_URL}
