"""The JSON API: offers (filtered, paged, or as GeoJSON points), one offer, one
organisation, neighbourhoods as GeoJSON, and referral routing.

Documented by the hand-written OpenAPI 3.1 document ``openapi.json`` next to
this module (served at ``/api/openapi.json``); the tests validate every
response against it.  Bad input is a 400 ``{"error", "field"}``, an unknown id
a 404 — the errors blueprint writes both.  A body must be a JSON object nested at
most ``MAX_DEPTH`` deep (the dataset reader's limit, read by the same
``parse_json``) and at most ``MAX_CONTENT_LENGTH`` long (else 413).
The API keeps no session, so its POST is exempt from CSRF; the profile it receives
is used once and forgotten.
"""

from __future__ import annotations

import json
from functools import cache
from math import ceil
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from socialmap import routing, search
from socialmap.dataset.reader import MAX_DEPTH, parse_json
from socialmap.errors import shown

from ..data import cached, get_db, offer_page
from ..errors import FieldError
from ..filters import parse_box, parse_filter, parse_int, parse_paging
from ..i18n import LANGUAGES, RESIDENT_LANGUAGES, current_language, labels_in
from ..routing import run_route

__all__ = ["bp", "json_object"]

bp = Blueprint("api", __name__)

_OPENAPI = Path(__file__).with_name("openapi.json")


@cache
def _openapi_document() -> dict[str, Any]:
    return json.loads(_OPENAPI.read_text(encoding="utf-8"))


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return jsonify(_openapi_document())


@bp.get("/offers")
def offers() -> Response:
    """Offers matching the filters, one page at a time."""
    _language()
    db = get_db()
    offer_filter = parse_filter(request.args, db)
    config = current_app.config
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["API_MAX_PAGE_SIZE"])
    page = offer_page(db, offer_filter, paging)
    prefix = url_for("api.offer", offer_id="_")[:-1]
    items = [{**item, "url": prefix + quote(item["id"], safe="")} for item in page.items]
    pages = max(1, ceil(page.total / paging.per_page))
    return jsonify(
        total=page.total,
        page=paging.page,
        per_page=paging.per_page,
        pages=pages,
        next=_page_link(paging.page + 1) if paging.page < pages else None,
        items=items,
    )


def _page_link(page: int) -> str:
    args: dict[str, Any] = request.args.to_dict()
    args["page"] = str(page)
    return url_for("api.offers", **args)


@bp.get("/offers.geojson")
def offers_geojson() -> Response:
    """The offer locations matching the filters in the view ``?bbox=`` as GeoJSON (for the map).

    Up to ``MAP_MAX_POINTS`` locations come as points; a view with more comes as
    points that each count the locations of one grid cell (``cluster: true``).
    """
    _language(RESIDENT_LANGUAGES)
    db = get_db()
    offer_filter = parse_filter(request.args, db)
    box = parse_box(request.args)
    lang = current_language()
    limit = int(current_app.config["MAP_MAX_POINTS"])
    body = cached(
        ("points", offer_filter, box, lang),
        lambda: _offer_points(search.map_points(db, offer_filter, box, limit=limit), lang),
    )
    return Response(body, mimetype="application/geo+json")


def _offer_points(found: search.MapPoints, lang: str) -> bytes:
    labels = labels_in(lang)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
            "properties": {
                "id": p["id"],
                "name": p["name"],
                "organisation": p["organisation"],
                "category": p["category"],
                "category_label": labels.category(p["category"]),
                "leads_to": p["leads_to"],
                "location": p["location"],
                # placed at its postcode's centre: drawn as an area, not a pin
                "approximate": p["approximate"],
            },
        }
        for p in found.points
    ] + [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c["lon"], c["lat"]]},
            "properties": {"cluster": True, "count": c["count"], "bounds": c["bounds"]},
        }
        for c in found.cells
    ]
    collection = {"type": "FeatureCollection", "total": found.total, "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@bp.get("/offers/<offer_id>")
def offer(offer_id: str) -> Response:
    """One offer with everything known about it."""
    return jsonify(search.get_offer(get_db(), offer_id))


@bp.get("/organisations/<organisation_id>")
def organisation(organisation_id: str) -> Response:
    """One organisation with its locations, current offers and partners."""
    return jsonify(search.get_organisation(get_db(), organisation_id))


@bp.get("/neighbourhoods")
def neighbourhoods() -> Response:
    """Neighbourhoods (of ``region``, or all) as a GeoJSON FeatureCollection."""
    db = get_db()
    region = request.args.get("region") or None
    if region is not None and region not in {r["id"] for r in search.list_regions(db)}:
        raise FieldError("region", f"region: unknown region {shown(region)}")
    features = [
        {
            "type": "Feature",
            "id": n["id"],
            "geometry": n["geometry"],
            "properties": {key: n[key] for key in ("id", "name", "region", "population", "tags")},
        }
        for n in search.list_neighbourhoods(db, region)
    ]
    response = jsonify(type="FeatureCollection", features=features)
    response.mimetype = "application/geo+json"
    return response


@bp.post("/route")
def route() -> Response:
    """Ranked referral paths for a client profile (DESIGN.md's routing contract)."""
    body = json_object("the client profile")
    k = parse_int(request.args, "k", 1, 10) or 3
    result = run_route(routing.parse_profile(body), k=k, lang=_language())
    return jsonify(result.to_json())


def _language(offered: tuple[str, ...] = LANGUAGES) -> str | None:
    """The ``lang`` argument (de, nl or en; empty or absent: None); another value is a 400.

    The map's GeoJSON, part of the residents' pages, takes their languages too.
    """
    lang = request.args.get("lang") or None
    if lang is not None and lang not in offered:
        raise FieldError("lang", f"lang: expected {', '.join(offered)}, got {shown(lang)}")
    return lang


def json_object(what: str) -> dict[str, Any]:
    """The request body as a JSON object; anything else is a 400 naming ``body``."""
    expected = f"body: expected a JSON object ({what})"
    if not request.is_json:
        raise FieldError("body", f"{expected} sent as application/json")
    try:
        body = parse_json(request.get_data())
    except ValueError as exc:  # not JSON or not UTF-8; nested or a number too long to parse
        raise FieldError("body", f"body: {exc}") from None
    if _deeper_than(body, MAX_DEPTH):
        raise FieldError(
            "body", f"body: arrays or objects nested more than {MAX_DEPTH} levels deep"
        )
    if not isinstance(body, dict):
        raise FieldError("body", expected)
    return body


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects in ``value`` nest more than ``limit`` levels (no recursion).

    >>> _deeper_than({"home": {"lat": 1}}, 2), _deeper_than([[[1]]], 2)
    (False, True)
    """
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return False
