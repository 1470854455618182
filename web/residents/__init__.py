"""Residents' screens: the neighbourhood map beside the list of offers, and detail pages.

No account, no cookies but the language choice.  The list is the accessible
twin of the map: the same filter drives both, and everything the map shows
can be reached from the list with a keyboard or a screen reader.
"""

from __future__ import annotations

import dataclasses
from math import ceil
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from socialmap import search, vocab
from socialmap.errors import NotFound

from .. import maps
from ..data import cached, get_db, offer_page
from ..errors import FieldError
from ..filters import FILTER_FIELDS, NEAR_FIELDS, parse_filter, parse_near, parse_paging
from ..i18n import current_language, labels_in
from ..pagemaps import common_map_args, default_region, page_assets

__all__ = ["bp"]

bp = Blueprint("residents", __name__)


@bp.get("/")
def index() -> str:
    """The map and the list of offers, filtered by the query string.

    ``postcode`` (or ``near=lat,lon`` from the browser's location) sorts the
    list by distance and centres the map; an unknown postcode is said beside
    its box and the list stays as it would be without it.
    """
    db = get_db()
    lang = current_language()
    regions = search.list_regions(db)
    offer_filter = parse_filter(request.args, db)
    if offer_filter.region is None:
        offer_filter = dataclasses.replace(offer_filter, region=default_region(regions, lang))
    postcode_error = ""
    try:
        near = parse_near(request.args, _region_country(regions, offer_filter.region))
    except FieldError:
        near, postcode_error = None, _("This postcode is not known here. Please check it.")
    offer_filter = dataclasses.replace(offer_filter, near=near)
    config = current_app.config
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["API_MAX_PAGE_SIZE"])
    page = offer_page(db, offer_filter, paging)
    neighbourhoods = cached(
        ("neighbourhoods", offer_filter.region),
        lambda: search.list_neighbourhoods(db, offer_filter.region),
    )
    args = _filter_args(offer_filter)
    view = cached(("map view", offer_filter), lambda: _map_view(db, offer_filter, neighbourhoods))
    parts = cached(
        ("offer map", offer_filter, lang),
        lambda: _offer_map(neighbourhoods, regions, args, lang, view),
    )
    pages = max(1, ceil(page.total / paging.per_page))
    return render_template(
        "residents/index.html",
        regions=regions,
        offer_filter=offer_filter,
        options=_options(db, offer_filter.region),
        neighbourhoods=neighbourhoods,
        page=page,
        paging=paging,
        pages=pages,
        page_url=lambda n: url_for("residents.index", **args, page=n),
        map=parts,
        assets=page_assets([parts]),
        filtered=any(request.args.get(name) for name in FILTER_FIELDS if name != "region"),
        more_filters=any(
            request.args.get(name) for name in FILTER_FIELDS if name not in {"q", "region"}
        ),
        postcode=request.args.get("postcode", "").strip()[:12],
        postcode_error=postcode_error,
    )


def _region_country(regions: list[dict[str, Any]], region: str | None) -> str | None:
    return next((r["country"] for r in regions if r["id"] == region), None)


def _map_view(
    db: Any, offer_filter: search.OfferFilter, neighbourhoods: list[dict[str, Any]]
) -> list[list[float]] | None:
    """What the map opens on: around the resident, else the filtered offers, else the region."""
    if offer_filter.near is not None:
        lat, lon = offer_filter.near
        return [[lat - 0.02, lon - 0.03], [lat + 0.02, lon + 0.03]]  # some 2 km around
    extent = None
    if offer_filter.neighbourhood is not None:
        chosen = [n for n in neighbourhoods if n["id"] == offer_filter.neighbourhood]
        if chosen and chosen[0]["bounds"]:
            west, south, east, north = chosen[0]["bounds"]
            extent = [[south, west], [north, east]]
    narrowed = dataclasses.replace(offer_filter, region=None) != search.OfferFilter(
        today=offer_filter.today
    )
    if extent is None and narrowed:
        extent = search.offers_extent(db, offer_filter)
    return extent


def _offer_map(
    neighbourhoods: list[dict[str, Any]],
    regions: list[dict[str, Any]],
    args: dict[str, Any],
    lang: str,
    view: list[list[float]] | None,
) -> maps.MapParts:
    return maps.map_parts(
        maps.offer_map(
            neighbourhoods,
            offers_url=url_for("api.offers_geojson", **args, lang=lang),
            offer_url_prefix=url_for("residents.offer", offer_id="x")[:-1],
            legend=_legend(lang),
            view=view,
            **common_map_args([r for r in regions if r["id"] == args.get("region")] or regions),
        )
    )


def _options(db: Any, region: str | None) -> dict[str, list]:
    """The filter choices of a region; categories in the vocabulary's order."""
    options = search.filter_options(db, region)
    options["categories"] = [c for c in vocab.CATEGORIES if c in options["categories"]]
    return options


def _filter_args(offer_filter: search.OfferFilter) -> dict[str, Any]:
    """The query-string form of a filter (for links, the GeoJSON URL and paging)."""
    args: dict[str, Any] = {}
    for name in FILTER_FIELDS:
        attribute = {"free": "free_only"}.get(name, name)
        value = getattr(offer_filter, attribute)
        if value is True:
            args[name] = "1"
        elif value not in (None, False):
            args[name] = value
    for name in NEAR_FIELDS:
        if offer_filter.near is not None and request.args.get(name, "").strip():
            args[name] = request.args[name].strip()
    return args


def _legend(lang: str) -> dict[str, Any]:
    labels = labels_in(lang)
    return {
        "title": _("The offer leads to"),
        "rungs": {rung: labels.rung(rung) for rung in vocab.RUNGS},
        "cluster": _("Several offers close together (click to zoom in)"),
        "boundary": _("Neighbourhood (shaded: focus area)"),
    }


def load_offer(offer_id: str) -> dict[str, Any]:
    """The offer with this id, or a 404 page."""
    try:
        return search.get_offer(get_db(), offer_id)
    except NotFound:
        abort(404)


def load_organisation(organisation_id: str) -> dict[str, Any]:
    """The organisation with this id, or a 404 page."""
    try:
        return search.get_organisation(get_db(), organisation_id)
    except NotFound:
        abort(404)


@bp.get("/offers/<offer_id>")
def offer(offer_id: str) -> str:
    """Everything a resident needs to decide and to get in."""
    record = load_offer(offer_id)
    return render_template("residents/offer.html", offer=record, text_lang=_text_lang(record))


@bp.get("/organisations/<organisation_id>")
def organisation(organisation_id: str) -> str:
    """An organisation: what it is, where, how to reach it, its offers and partners."""
    record = load_organisation(organisation_id)
    return render_template(
        "residents/organisation.html", organisation=record, text_lang=_text_lang(record)
    )


def _text_lang(record: dict[str, Any]) -> str | None:
    """The language the organisation wrote in: its region's first language (None: unknown)."""
    regions = cached(("regions",), lambda: search.list_regions(get_db()))
    for region in regions:
        if region["id"] == record.get("region") and region["languages"]:
            return str(region["languages"][0])
    return None


from . import nextstep  # noqa: E402,F401  (registers /next-step on this blueprint)
