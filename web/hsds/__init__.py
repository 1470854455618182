"""The read-only Open Referral HSDS 3.0 API under ``/hsds/`` (JSON only, no templates).

Follows the HSDS ``schema/openapi.json``: ``/``, ``/services``, ``/services/{id}``,
``/organizations``, ``/organizations/{id}``, ``/taxonomies``, ``/taxonomies/{id}``,
``/taxonomy_terms``, ``/taxonomy_terms/{id}``, ``/service_at_locations`` (with
``postcode`` and ``proximity`` in metres) and ``/service_at_locations/{id}``,
with the spec's paging fields and its ``search``, ``taxonomy_term_id``,
``taxonomy_id``, ``organization_id``, ``modified_after``, ``full``,
``full_service``, ``minimal`` and ``format`` (``json`` or ``ndjson``)
parameters.  The records come from :class:`socialmap.hsds.api.Catalogue`,
built from the dataset export once per data change, never per request.  Bad
parameters are a 400 ``{"error", "field"}``, unknown ids a 404 (the errors
blueprint writes both).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from socialmap import geo, search, store
from socialmap.errors import NotFound, shown
from socialmap.hsds.api import (
    Catalogue,
    ServiceQuery,
    list_item,
    page,
    parse_datetime,
    root_document,
)
from socialmap.hsds.export import service_id
from socialmap.importer import export_dataset

from ..data import get_db
from ..errors import FieldError
from ..filters import parse_bool, parse_paging

__all__ = ["bp", "get_catalogue"]

bp = Blueprint("hsds", __name__)

_lock = threading.Lock()


def get_catalogue() -> Catalogue:
    """The HSDS records of every region, rebuilt only when the database content changed."""
    db = get_db()
    fingerprint = store.data_version(db)
    cached = current_app.extensions.get("socialmap.hsds")
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        catalogue = Catalogue.build(export_dataset(db))
        current_app.extensions["socialmap.hsds"] = (fingerprint, catalogue)
    return catalogue


# --- parameters -----------------------------------------------------------------------------


def _text(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value or None


def _flag(name: str) -> bool:
    return parse_bool(request.args, name) if name in request.args else False


def _service_query() -> ServiceQuery:
    found = search.matching_offers(get_db(), _text("search"))
    query = ServiceQuery(
        service_ids=None if found is None else {service_id(offer) for offer in found},
        taxonomy_term_id=_text("taxonomy_term_id"),
        taxonomy_id=_text("taxonomy_id"),
        organization_id=_text("organization_id"),
    )
    modified_after = _text("modified_after")
    if modified_after is not None:
        try:
            query.modified_after = parse_datetime(modified_after)
        except ValueError:
            raise FieldError(
                "modified_after",
                f"modified_after: {shown(modified_after)} is not a date or date-time (ISO 8601)",
            ) from None
    return query


def _place(query: ServiceQuery) -> ServiceQuery:
    postcode, proximity = _text("postcode"), _text("proximity")
    if postcode is not None:
        try:
            query.centre = geo.postcode_centroid(postcode)
        except NotFound as exc:
            raise FieldError("postcode", f"postcode: {exc}") from None
        query.postcode = postcode
    if proximity is not None:
        if postcode is None:
            raise FieldError("proximity", "proximity: give a postcode to measure it from")
        try:
            query.proximity_m = float(proximity)
        except ValueError:
            query.proximity_m = -1.0
        if not 0 <= query.proximity_m < float("inf"):
            raise FieldError(
                "proximity",
                f"proximity: expected metres (a number of 0 or more), got {shown(proximity)}",
            )
    return query


def _listing(items: list[Any], item: Callable[[Any], Any]) -> Response:
    """One page of ``items`` (or all of them as ndjson), each shaped by ``item``."""
    output = _text("format") or "json"
    if output == "ndjson":
        lines = "".join(json.dumps(item(x), ensure_ascii=False) + "\n" for x in items)
        return Response(lines, mimetype="application/x-ndjson")
    if output != "json":
        raise FieldError("format", f"format: expected json or ndjson, got {shown(output)}")
    config = current_app.config
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["API_MAX_PAGE_SIZE"])
    result = page(items, paging.page, paging.per_page)
    result["contents"] = [item(x) for x in result["contents"]]
    return jsonify(result)


def _service_item(service: dict[str, Any]) -> dict[str, Any]:
    if _flag("full"):
        return service
    if _flag("minimal"):
        return {k: service[k] for k in ("id", "name", "status", "last_modified") if k in service}
    return list_item(service, "service") | {
        "organization": list_item(service["organization"], "organization")
    }


def _sal_item(sal: dict[str, Any]) -> dict[str, Any]:
    if _flag("full"):
        return sal
    bare = {k: v for k, v in sal.items() if k not in {"location", "service"}}
    return bare | {
        "location": list_item(sal["location"], "location"),
        "service": list_item(sal["service"], "service"),
    }


# --- endpoints ------------------------------------------------------------------------------


@bp.get("/")
def root() -> Response:
    """The HSDS version of this API and where its OpenAPI description is."""
    return jsonify(root_document())


@bp.get("/services")
def services() -> Response:
    """Services, filtered and paged."""
    return _listing(get_catalogue().find_services(_service_query()), _service_item)


@bp.get("/services/<service_id>")
def service(service_id: str) -> Response:
    """One service, fully nested."""
    return jsonify(get_catalogue().get("services", service_id))


@bp.get("/organizations")
def organizations() -> Response:
    """Organizations, searched and paged (``full`` nests locations and services)."""
    catalogue = get_catalogue()
    found = catalogue.find_organizations(_text("search"))
    full, full_service = _flag("full"), _flag("full_service")

    def item(org: dict[str, Any]) -> dict[str, Any]:
        if full or full_service:
            return catalogue.organization(org["id"], full_service)
        return list_item(org, "organization")

    return _listing(found, item)


@bp.get("/organizations/<organization_id>")
def organization(organization_id: str) -> Response:
    """One organization with its locations and services (``full_service`` nests them fully)."""
    return jsonify(get_catalogue().organization(organization_id, _flag("full_service")))


@bp.get("/taxonomies")
def taxonomies() -> Response:
    """Taxonomies (socialmap publishes one: ``socialmap``)."""
    return _listing(get_catalogue().find_taxonomies(_text("search")), lambda t: t)


@bp.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str) -> Response:
    """One taxonomy."""
    return jsonify(get_catalogue().get("taxonomies", taxonomy_id))


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    """Taxonomy terms, filtered by taxonomy, parent or top level, and searched."""
    found = get_catalogue().find_terms(
        _text("search"), _text("taxonomy_id"), _text("parent_id"), _flag("top_only")
    )
    return _listing(found, lambda t: t)


@bp.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str) -> Response:
    """One taxonomy term."""
    return jsonify(get_catalogue().get("taxonomy_terms", term_id))


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    """Services at their locations, filtered, near a postcode when ``proximity`` is given."""
    query = _place(_service_query())
    return _listing(get_catalogue().find_service_at_locations(query), _sal_item)


@bp.get("/service_at_locations/<sal_id>")
def service_at_location(sal_id: str) -> Response:
    """One service at a location, with the location and the service nested."""
    return jsonify(get_catalogue().get("service_at_locations", sal_id))
