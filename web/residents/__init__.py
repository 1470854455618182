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
from ..filters import FILTER_FIELDS, parse_filter, parse_paging
from ..i18n import current_language, labels_in
from ..pagemaps import common_map_args, default_region, page_assets

__all__ = ["bp"]

bp = Blueprint("residents", __name__)


@bp.get("/")
def index() -> str:
    """The map and the list of offers, filtered by the query string."""
    db = get_db()
    lang = current_language()
    regions = search.list_regions(db)
    offer_filter = parse_filter(request.args, db)
    if offer_filter.region is None:
        offer_filter = dataclasses.replace(offer_filter, region=default_region(regions, lang))
    config = current_app.config
    paging = parse_paging(request.args, config["PAGE_SIZE"], config["API_MAX_PAGE_SIZE"])
    page = offer_page(db, offer_filter, paging)
    neighbourhoods = cached(
        ("neighbourhoods", offer_filter.region),
        lambda: search.list_neighbourhoods(db, offer_filter.region),
    )
    args = _filter_args(offer_filter)
    parts = cached(
        ("offer map", offer_filter, lang), lambda: _offer_map(neighbourhoods, regions, args, lang)
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
    )


def _offer_map(
    neighbourhoods: list[dict[str, Any]],
    regions: list[dict[str, Any]],
    args: dict[str, Any],
    lang: str,
) -> maps.MapParts:
    return maps.map_parts(
        maps.offer_map(
            neighbourhoods,
            offers_url=url_for("api.offers_geojson", **args, lang=lang),
            offer_url_prefix=url_for("residents.offer", offer_id="x")[:-1],
            legend=_legend(lang),
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
    return render_template("residents/offer.html", offer=record)


@bp.get("/organisations/<organisation_id>")
def organisation(organisation_id: str) -> str:
    """An organisation: what it is, where, how to reach it, its offers and partners."""
    record = load_organisation(organisation_id)
    return render_template("residents/organisation.html", organisation=record)
