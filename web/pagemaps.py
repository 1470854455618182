"""What every page map shares: tiles, asset URLs, credits, and the region shown.

The glue between the request (config, ``url_for``, the interface language)
and the pure map builders of :mod:`web.maps`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app, url_for

from . import maps
from .config import TileLayer

__all__ = ["common_map_args", "default_region", "page_assets"]


def common_map_args(regions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Keyword arguments of :func:`maps.offer_map` / :func:`maps.route_map` for this app."""
    tiles: TileLayer | None = current_app.config["TILE_LAYER"]
    return {
        "tiles": tiles,
        "static_url": lambda path: url_for("static", filename=path),
        "attribution": maps.data_attribution(r["country"] for r in regions),
    }


def default_region(regions: Sequence[dict[str, Any]], lang: str) -> str | None:
    """The region to show when none was chosen: one that speaks ``lang``, else the first."""
    for region in regions:
        if lang in region["languages"]:
            return str(region["id"])
    return str(regions[0]["id"]) if regions else None


def page_assets(parts: Sequence[maps.MapParts]) -> dict[str, list[str]]:
    """The distinct script and stylesheet URLs of the maps of one page, in order."""
    js: list[str] = []
    css: list[str] = []
    for part in parts:
        js += [url for url in part.js if url not in js]
        css += [url for url in part.css if url not in css]
    js.append(url_for("static", filename="js/map.js"))
    return {"js": js, "css": css}
