"""Geography: postcode gazetteer, distances, and which neighbourhood a point lies in.

Offline by default: postcodes become the GeoNames centroid shipped in
``data/geo/postcodes.csv`` (marked approximate).  Online geocoding through
geopy's Nominatim is opt-in, rate-limited and never used by the tests.
This module reads no database and writes nothing.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from .errors import GeocodingError, NotFound, shown
from .paths import data_dir

__all__ = [
    "haversine_km",
    "normalise_postcode",
    "postcode_centroid",
    "NeighbourhoodIndex",
    "geocode_online",
    "USER_AGENT",
]

USER_AGENT = "socialmap/0.1 (social map of local offers; https://socialmap.example.org)"
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(52.0786, 4.3130, 51.5713, 6.9827), 1)  # Den Haag -> Gladbeck
    191.9
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


_POSTCODE = re.compile(r"^\s*(\d{4,5})\s*([A-Za-z]{2})?\s*$")


def normalise_postcode(postcode: str | None) -> str | None:
    """Return the numeric part of a German PLZ or Dutch PC4/PC6, else None.

    >>> normalise_postcode("2513 AM"), normalise_postcode("45964"), normalise_postcode("x")
    ('2513', '45964', None)
    """
    if not postcode:
        return None
    match = _POSTCODE.match(str(postcode))
    return match.group(1) if match else None


@cache
def _gazetteer_rows() -> list[dict[str, str]]:
    with (data_dir() / "geo" / "postcodes.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def _gazetteer() -> dict[tuple[str, str], tuple[float, float]]:
    table: dict[tuple[str, str], tuple[float, float]] = {}
    for row in _gazetteer_rows():
        if row["accuracy"] == "0":
            continue  # a PLZ of one large recipient, not an area
        key = (row["country_code"], row["postal_code"])
        table[key] = (float(row["latitude"]), float(row["longitude"]))
    return table


@cache
def _states() -> dict[tuple[str, str], str]:
    return {
        (row["country_code"], row["postal_code"]): row["admin1"]
        for row in _gazetteer_rows()
        if row["admin1"]
    }


def postcode_state(postcode: str | None, country: str | None = None) -> str | None:
    """The state or province (Land, provincie) of a postcode in the offline gazetteer, or None.

    >>> postcode_state("45964", "DE"), postcode_state("2513 AM"), postcode_state("SW1A 1AA")
    ('Nordrhein-Westfalen', 'South Holland', None)
    """
    code = normalise_postcode(postcode)
    if code is None:
        return None
    return _states().get((country or ("NL" if len(code) == 4 else "DE"), code))


def postcode_centroid(postcode: str, country: str | None = None) -> tuple[float, float]:
    """Return the (lat, lon) centroid of a postcode from the offline gazetteer.

    >>> postcode_centroid("45964", "DE")
    (51.5713, 6.9827)
    >>> postcode_centroid("2513 AM")
    (52.0788, 4.3014)
    """
    code = normalise_postcode(postcode)
    if code is None:
        raise NotFound(f"postcode {shown(postcode)} is not a German or Dutch postcode")
    countries = [country] if country else ["NL" if len(code) == 4 else "DE"]
    for candidate in countries:
        found = _gazetteer().get((candidate, code))
        if found:
            return found
    raise NotFound(f"postcode {shown(postcode)} is not in the offline gazetteer")


@dataclass(frozen=True)
class Placement:
    """Where a location lies: the neighbourhood id (or None) and why."""

    neighbourhood: str | None
    method: str  # geometry | declared | postcode | none | ambiguous


class NeighbourhoodIndex:
    """Answers "which neighbourhood is this point in?" for one set of neighbourhoods.

    Geometry first (shapely STRtree, point-in-polygon), then a declared
    neighbourhood, then the postcode set when exactly one neighbourhood has it.

    >>> square = {"type": "Polygon", "coordinates": [[[4, 52], [5, 52], [5, 53], [4, 53], [4, 52]]]}
    >>> index = NeighbourhoodIndex([{"id": "n1", "geometry": square, "postcodes": ["2511"]}])
    >>> index.place(52.5, 4.5).neighbourhood, index.place(10.0, 10.0, postcode="2511 AB").method
    ('n1', 'postcode')
    """

    def __init__(self, neighbourhoods: Iterable[dict[str, Any]]):
        self.ids: list[str] = []
        geometries = []
        self.by_postcode: dict[str, list[str]] = {}
        self.has_geometry: set[str] = set()
        for n in neighbourhoods:
            geometry = n.get("geometry")
            if isinstance(geometry, str):
                geometry = json.loads(geometry)
            if geometry:
                self.ids.append(n["id"])
                geometries.append(shapely.make_valid(shape(geometry)))
                self.has_geometry.add(n["id"])
            for code in n.get("postcodes") or []:
                norm = normalise_postcode(code) or code
                self.by_postcode.setdefault(norm, []).append(n["id"])
        self.geometries = np.array(geometries, dtype=object)
        self.tree = shapely.STRtree(self.geometries) if geometries else None

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(min_lon, min_lat, max_lon, max_lat) of all geometries, or None."""
        if self.tree is None:
            return None
        return tuple(shapely.total_bounds(self.geometries))  # type: ignore[return-value]

    def contains_many(self, lats: Sequence[float], lons: Sequence[float]) -> list[str | None]:
        """Vectorised point-in-polygon: the neighbourhood id of each point, or None."""
        result: list[str | None] = [None] * len(lats)
        if self.tree is None or not len(lats):
            return result
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        point_index, geometry_index = self.tree.query(points, predicate="within")
        for p, g in sorted(zip(point_index.tolist(), geometry_index.tolist(), strict=True)):
            if result[p] is None:
                result[p] = self.ids[g]
        return result

    def place(
        self,
        lat: float | None,
        lon: float | None,
        postcode: str | None = None,
        declared: str | None = None,
        *,
        by_geometry: str | None = None,
    ) -> Placement:
        """Place one point; ``by_geometry`` short-cuts a result of :meth:`contains_many`."""
        if by_geometry is None and lat is not None and lon is not None:
            by_geometry = self.contains_many([lat], [lon])[0]
        if by_geometry is not None:
            return Placement(by_geometry, "geometry")
        if declared is not None:
            return Placement(declared, "declared")
        candidates = self.by_postcode.get(normalise_postcode(postcode) or "", [])
        if len(candidates) == 1:
            return Placement(candidates[0], "postcode")
        return Placement(None, "ambiguous" if candidates else "none")

    def neighbourhoods_for_postcode(self, postcode: str) -> list[str]:
        """Every neighbourhood whose postcode set holds ``postcode``."""
        return list(self.by_postcode.get(normalise_postcode(postcode) or "", []))


def geocode_online(address: str, country: str | None = None) -> tuple[float, float]:
    """Geocode an address with OpenStreetMap Nominatim (opt-in; one request per second).

    Not used by the tests: it needs the internet and Nominatim's usage policy
    asks for a proper user agent and at most one request per second.
    """
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    geocode = _rate_limited(RateLimiter, Nominatim)
    try:
        found = geocode(address, country_codes=country.lower() if country else None)
    except Exception as exc:  # geopy raises many kinds; all mean "not geocoded"
        raise GeocodingError(f"address {shown(address)}: geocoding failed ({exc})") from None
    if found is None:
        raise GeocodingError(f"address {shown(address)}: not found by Nominatim")
    return (found.latitude, found.longitude)


@cache
def _rate_limited(rate_limiter: Any, nominatim: Any) -> Any:
    return rate_limiter(nominatim(user_agent=USER_AGENT, timeout=10).geocode, min_delay_seconds=1.1)
