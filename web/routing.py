"""The web layer's use of the routing engine: run a query, explain an exclusion, and
turn the engine's JSON into what a page shows (names, addresses, contacts, map points).

The engine (:mod:`socialmap.routing`) works on the cached graph of
:mod:`web.data`.  The profile passed in is used for one request and not kept,
logged or written anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from socialmap import geo, routing
from socialmap.errors import NotFound
from socialmap.graph import node_id

from .data import get_graph

__all__ = ["RouteRequest", "run_route", "why_not", "describe_paths", "home_point"]


@dataclass(frozen=True)
class RouteRequest:
    """One routing query: the profile (routing contract JSON), number of paths, language."""

    profile: Mapping[str, Any]
    k: int = 3
    lang: str | None = None


def run_route(request: RouteRequest) -> routing.RouteResult:
    """Ranked referral paths (the engine's ``RouteResult``) for a profile.

    Raises :class:`~socialmap.errors.InvalidProfile` naming the bad field.
    """
    profile = routing.parse_profile(dict(request.profile))
    return routing.referral_paths(get_graph(), profile, k=request.k, lang=request.lang)


def why_not(profile: Mapping[str, Any], offer_id: str, lang: str | None = None) -> list[str]:
    """The rules that exclude ``offer_id`` for this client (empty when it is eligible)."""
    G = get_graph()
    if node_id("offer", offer_id) not in G:
        raise NotFound(f"offer {offer_id!r} does not exist")
    reasons = routing.check_eligibility(G, dict(profile), offer_id, lang=lang)
    return [str(reason) for reason in reasons]


def home_point(result: routing.RouteResult) -> tuple[float, float] | None:
    """(lat, lon) where the engine placed the client's home, for the map; None without one."""
    home = result.home
    if home is None or home.lat is None or home.lon is None:
        return None
    return float(home.lat), float(home.lon)


def _location(
    G: nx.MultiDiGraph,
    offer: Mapping[str, Any],
    step: Mapping[str, Any],
    home: tuple[float, float] | None,
) -> dict[str, Any] | None:
    """The place of a step: the engine's choice, else the offer location nearest home."""
    chosen = step.get("location")
    candidates = [
        G.nodes[node_id("location", loc)]
        for loc in offer.get("locations", ())
        if node_id("location", loc) in G
    ]
    for loc in candidates:
        if chosen and loc["id"] == chosen:
            return dict(loc)
    placed = [loc for loc in candidates if loc.get("lat") is not None]
    if not placed:
        return dict(candidates[0]) if candidates else None
    if home is None:
        return dict(placed[0])
    return dict(
        min(placed, key=lambda loc: geo.haversine_km(home[0], home[1], loc["lat"], loc["lon"]))
    )


def _describe_step(
    G: nx.MultiDiGraph, number: int, step: Mapping[str, Any], home: tuple[float, float] | None
) -> dict[str, Any]:
    offer = dict(G.nodes.get(node_id("offer", step["offer"]), {}))
    org = dict(
        G.nodes.get(
            node_id("organisation", step.get("organisation") or offer.get("organisation")), {}
        )
    )
    location = _location(G, offer, step, home)
    referrers = [
        G.nodes[node_id("organisation", o)].get("name", o)
        for o in offer.get("requires_referral_by", ())
        if node_id("organisation", o) in G
    ]
    return {
        "number": number,
        "offer": offer,
        "id": step["offer"],
        "name": step.get("name") or offer.get("name") or step["offer"],
        "organisation": org,
        "location": location,
        "lat": step.get("lat", location.get("lat") if location else None),
        "lon": step.get("lon", location.get("lon") if location else None),
        "distance_km": step.get("distance_km"),
        "handover": step.get("handover", "cold"),
        "reasons": list(step.get("reasons") or []),
        "accepts": step.get("accepts") or list(offer.get("accepts", ())),
        "leads_to": step.get("leads_to") or offer.get("leads_to"),
        "referrers": referrers,
    }


def describe_paths(
    G: nx.MultiDiGraph, result: Mapping[str, Any], home: tuple[float, float] | None
) -> list[dict[str, Any]]:
    """The paths of a route result with each step's offer, organisation and place."""
    return [
        {
            "number": index,
            "cost": path.get("cost"),
            "reaches_rung": path.get("reaches_rung"),
            "steps": [
                _describe_step(G, n, step, home)
                for n, step in enumerate(path.get("steps", []), start=1)
            ],
        }
        for index, path in enumerate(result.get("paths", []), start=1)
    ]
