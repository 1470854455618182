"""The shapes of the read-only HSDS API's answers (``web/hsds``), without Flask or a database.

The records come a page at a time from :mod:`socialmap.search.hsds` (full
records, terms nested in the attributes); this module shapes them as
``schema/openapi.json`` asks: the ``Page`` fields (:func:`page`), list items
(:func:`list_item`), an organization with or without full services
(:func:`organization_view`), and the filters of the small lists (taxonomies
and terms, which do not grow with the offers).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..errors import NotFound
from .tables import TABLES

__all__ = [
    "page",
    "list_item",
    "organization_view",
    "find_taxonomies",
    "find_terms",
    "find_record",
    "parse_datetime",
    "root_document",
]

#: The scalar fields of a list item (``compiled/*_list.json``): the table's columns.
_SCALARS = {name: set(TABLES[name].columns) for name in ("service", "organization", "location")}
API_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"


def list_item(record: dict[str, Any], table: str) -> dict[str, Any]:
    """The one-to-one fields of a record, as HSDS list endpoints return them."""
    return {k: v for k, v in record.items() if k in _SCALARS[table]}


def page(contents: list[Any], total: int, number: int, per_page: int) -> dict[str, Any]:
    """One page (``contents``, of ``total`` items in all) with the HSDS ``Page`` fields.

    >>> p = page([2, 3], 5, 2, 2)
    >>> p["contents"], p["total_pages"], p["first_page"], p["last_page"], p["size"]
    ([2, 3], 3, False, False, 2)
    """
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "number": number,  # the name some HSDS API clients use for page_number
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def organization_view(org: dict[str, Any], full_service: bool = False) -> dict[str, Any]:
    """An organization with its locations; its services as list items unless ``full_service``."""
    if full_service:
        return org
    return {**org, "services": [list_item(s, "service") for s in org.get("services", [])]}


def find_record(records: list[dict[str, Any]], kind: str, hsds_id: str) -> dict[str, Any]:
    """The record with ``hsds_id`` among ``records`` of ``kind`` (``taxonomies`` …) or NotFound."""
    for record in records:
        if record["id"] == hsds_id:
            return record
    raise NotFound(f"{kind[:-1].replace('_', ' ')} {hsds_id!r} does not exist")


def find_taxonomies(taxonomies: list[dict[str, Any]], search: str | None) -> list[dict[str, Any]]:
    """Taxonomies whose name or description contains ``search``."""
    return [t for t in taxonomies if _contains(search, t, "name", "description")]


def find_terms(
    terms: list[dict[str, Any]],
    search: str | None,
    taxonomy_id: str | None,
    parent_id: str | None,
    top_only: bool,
) -> list[dict[str, Any]]:
    """Taxonomy terms matching every filter."""
    return [
        t
        for t in terms
        if _contains(search, t, "name", "description", "code")
        and (taxonomy_id is None or t.get("taxonomy_id") == taxonomy_id)
        and (parent_id is None or t.get("parent_id") == parent_id)
        and not (top_only and t.get("parent_id"))
    ]


def parse_datetime(value: str) -> dt.datetime:
    """An ISO 8601 date or date-time (UTC when no zone is given); ValueError if it is not.

    >>> parse_datetime("2026-01-01").isoformat()
    '2026-01-01T00:00:00+00:00'
    """
    moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _contains(search: str | None, record: dict[str, Any], *fields: str) -> bool:
    if not search:
        return True
    needle = search.casefold()
    return any(needle in str(record.get(f) or "").casefold() for f in fields)


def root_document() -> dict[str, Any]:
    """The response of ``/``: the HSDS version and where the API's OpenAPI file is."""
    return {"version": API_VERSION, "openapi_url": OPENAPI_URL}
