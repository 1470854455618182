"""The read-only Open Referral HSDS 3.0 API under ``/hsds/`` (JSON only, no templates).

Follows the HSDS ``schema/openapi.json``: ``/``, ``/services``, ``/services/{id}``,
``/organizations``, ``/organizations/{id}``, ``/taxonomies``, ``/taxonomies/{id}``,
``/taxonomy_terms``, ``/taxonomy_terms/{id}``, ``/service_at_locations`` (with
``postcode`` and ``proximity`` in metres) and ``/service_at_locations/{id}``,
with the spec's paging fields and its ``search``, ``taxonomy_term_id``,
``taxonomy_id``, ``organization_id``, ``modified_after``, ``full``,
``full_service``, ``minimal`` and ``format`` (``json`` or ``ndjson``)
parameters.  The records are read a page at a time straight from the store
(:mod:`socialmap.search.hsds`), so a page costs work in proportion to the
page; ``per_page`` is at most ``HSDS_MAX_PAGE_SIZE`` (1000), and ``region`` (a
socialmap extension) keeps one region's records.  ``format=ndjson``
streams the whole list, a page at a time, until the request's time limit
(its last line is then an ``{"error"}`` object).  The small lists (taxonomy
terms) and the maps from HSDS ids back to records are kept per data version
in the result cache.  Bad parameters are a 400 ``{"error", "field"}``,
unknown ids a 404 (the errors blueprint writes both).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from socialmap import geo
from socialmap.dataset.tables import region_list
from socialmap.errors import NotFound, shown
from socialmap.hsds.api import (
    find_record,
    find_taxonomies,
    find_terms,
    list_item,
    organization_view,
    page,
    parse_datetime,
    root_document,
)
from socialmap.search import hsds as records
from socialmap.search.hsds import Listing, ServiceQuery

from ..data import RequestTimeout, cached, check_time, get_db, keep_time_limit, timed_out
from ..errors import FieldError
from ..filters import parse_bool, parse_paging

__all__ = ["bp"]

bp = Blueprint("hsds", __name__)


# --- what is kept per data version ----------------------------------------------------------


def _terms() -> list[dict[str, Any]]:
    return cached(("hsds", "taxonomy_terms"), lambda: records.taxonomy_terms(get_db()))


def _taxonomies() -> list[dict[str, Any]]:
    return cached(("hsds", "taxonomies"), lambda: records.taxonomies(get_db()))


def _keys(kind: str, read: Callable[[Any], dict[str, Any]], hsds_id: str) -> Any:
    """The socialmap key of the record ``hsds_id`` of ``kind``, or NotFound."""
    keys = cached(("hsds", "keys", kind), lambda: read(get_db()))
    if hsds_id not in keys:
        raise NotFound(f"{kind[:-1].replace('_', ' ')} {hsds_id!r} does not exist")
    return keys[hsds_id]


# --- parameters -----------------------------------------------------------------------------


def _text(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value or None


def _flag(name: str) -> bool:
    return parse_bool(request.args, name) if name in request.args else False


def _region() -> str | None:
    """The ``region`` parameter (a socialmap id): one region's records, e.g. to re-import."""
    region = _text("region")
    if region is not None and region not in region_list(get_db()):
        raise FieldError("region", f"region: unknown region {shown(region)}")
    return region


def _service_query() -> ServiceQuery:
    terms = _terms()
    query = ServiceQuery(search=_text("search"), taxonomy_id=_text("taxonomy_id"), region=_region())
    query.taxonomy_ids = frozenset(t["taxonomy_id"] for t in terms)
    term = _text("taxonomy_term_id")
    if term is not None:
        query.term_code = next((t["code"] for t in terms if t["id"] == term), "")
    organization = _text("organization_id")
    if organization is not None:
        try:
            query.organisations = (
                _keys("organizations", records.organization_keys, organization)[1],
            )
        except NotFound:
            query.organisations = ()
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


# --- answers --------------------------------------------------------------------------------


def _output() -> str:
    output = _text("format") or "json"
    if output not in {"json", "ndjson"}:
        raise FieldError("format", f"format: expected json or ndjson, got {shown(output)}")
    return output


def _listing(listing: Listing, item: Callable[[Any], Any]) -> Response:
    """One page of ``listing`` (or all of it, streamed, as ndjson), shaped by ``item``."""
    config = current_app.config
    if _output() == "ndjson":
        lines = keep_time_limit(_ndjson(listing, item, int(config["API_MAX_PAGE_SIZE"])))
        return Response(stream_with_context(lines), mimetype="application/x-ndjson")
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["HSDS_MAX_PAGE_SIZE"])
    contents = [item(x) for x in listing.page(paging.per_page, paging.offset)]
    total = cached(("hsds", "count", listing.select, *listing.params), listing.count)
    return jsonify(page(contents, total, paging.page, paging.per_page))


def _items(found: list[Any], item: Callable[[Any], Any]) -> Response:
    """Like :func:`_listing` for a short list held in memory (taxonomies, terms)."""
    config = current_app.config
    if _output() == "ndjson":
        lines = "".join(json.dumps(item(x), ensure_ascii=False) + "\n" for x in found)
        return Response(lines, mimetype="application/x-ndjson")
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["HSDS_MAX_PAGE_SIZE"])
    contents = [item(x) for x in found[paging.offset : paging.offset + paging.per_page]]
    return jsonify(page(contents, len(found), paging.page, paging.per_page))


def _ndjson(listing: Listing, item: Callable[[Any], Any], chunk: int) -> Iterator[str]:
    """Every record of ``listing``, one JSON line each, a chunk at a time.

    The answer has begun (200) by the time the time limit could strike, so
    the stream then ends with an ``{"error"}`` line instead of a 503.
    """
    try:
        for part in listing.stream(chunk):
            yield "".join(json.dumps(item(x), ensure_ascii=False) + "\n" for x in part)
            check_time()
    except (RequestTimeout, sqlite3.OperationalError) as exc:
        if isinstance(exc, sqlite3.OperationalError) and not timed_out(exc):
            raise
        current_app.logger.warning("%s ran past its time limit; stream cut", request.path)
        yield json.dumps({"error": "the request took too long; the list is incomplete"}) + "\n"


def _service_item() -> Callable[[dict[str, Any]], dict[str, Any]]:
    full, minimal = _flag("full"), _flag("minimal")

    def item(service: dict[str, Any]) -> dict[str, Any]:
        if full:
            return service
        if minimal:
            return {
                k: service[k] for k in ("id", "name", "status", "last_modified") if k in service
            }
        return list_item(service, "service") | {
            "organization": list_item(service["organization"], "organization")
        }

    return item


def _sal_item() -> Callable[[dict[str, Any]], dict[str, Any]]:
    full = _flag("full")

    def item(sal: dict[str, Any]) -> dict[str, Any]:
        if full:
            return sal
        bare = {k: v for k, v in sal.items() if k not in {"location", "service"}}
        return bare | {
            "location": list_item(sal["location"], "location"),
            "service": list_item(sal["service"], "service"),
        }

    return item


# --- endpoints ------------------------------------------------------------------------------


@bp.get("/")
def root() -> Response:
    """The HSDS version of this API and where its OpenAPI description is."""
    return jsonify(root_document())


@bp.get("/services")
def services() -> Response:
    """Services, filtered and paged."""
    return _listing(records.services(get_db(), _service_query()), _service_item())


@bp.get("/services/<service_id>")
def service(service_id: str) -> Response:
    """One service, fully nested."""
    key = _keys("services", records.service_keys, service_id)
    return jsonify(records.build_services(get_db(), [key])[0])


@bp.get("/organizations")
def organizations() -> Response:
    """Organizations, searched and paged (``full`` nests locations and services)."""
    full, full_service = _flag("full"), _flag("full_service")

    def item(org: dict[str, Any]) -> dict[str, Any]:
        if full or full_service:
            return organization_view(org, full_service)
        return list_item(org, "organization")

    listing = records.organizations(get_db(), _text("search"), full or full_service, _region())
    return _listing(listing, item)


@bp.get("/organizations/<organization_id>")
def organization(organization_id: str) -> Response:
    """One organization with its locations and services (``full_service`` nests them fully)."""
    key = _keys("organizations", records.organization_keys, organization_id)
    org = records.build_organizations(get_db(), [key])[0]
    return jsonify(organization_view(org, _flag("full_service")))


@bp.get("/taxonomies")
def taxonomies() -> Response:
    """Taxonomies (socialmap publishes one: ``socialmap``)."""
    return _items(find_taxonomies(_taxonomies(), _text("search")), lambda t: t)


@bp.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str) -> Response:
    """One taxonomy."""
    return jsonify(find_record(_taxonomies(), "taxonomies", taxonomy_id))


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    """Taxonomy terms, filtered by taxonomy, parent or top level, and searched."""
    found = find_terms(
        _terms(), _text("search"), _text("taxonomy_id"), _text("parent_id"), _flag("top_only")
    )
    return _items(found, lambda t: t)


@bp.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str) -> Response:
    """One taxonomy term."""
    return jsonify(find_record(_terms(), "taxonomy_terms", term_id))


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    """Services at their locations, filtered, near a postcode when ``proximity`` is given."""
    query = _place(_service_query())
    return _listing(records.service_at_locations(get_db(), query), _sal_item())


@bp.get("/service_at_locations/<sal_id>")
def service_at_location(sal_id: str) -> Response:
    """One service at a location, with the location and the service nested."""
    key = _keys("service_at_locations", records.service_at_location_keys, sal_id)
    return jsonify(records.build_service_at_locations(get_db(), [key])[0])
