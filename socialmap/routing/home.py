"""Where the client lives: a profile's ``home`` as a point, its neighbourhood(s) and region(s).

``home`` may be a point, a postcode or a neighbourhood id (DESIGN.md):

* ``{"lat", "lon"}`` — the neighbourhoods whose geometry contains the point
  (several when regions overlap, e.g. a demo city inside a synthetic state).
* ``{"postcode"}`` — the point is the offline gazetteer's centroid (or, for a
  postcode the gazetteer lacks, the mean of the points of the neighbourhoods
  listing it); the neighbourhoods are those whose postcode set holds it, else
  the one containing the centroid.  Several neighbourhoods may share a
  postcode (Gladbeck): the client may live in any of them, so a residents-only
  rule counts as met when one matches, and the reason asks to check.
* ``{"neighbourhood"}`` — that neighbourhood and its representative point.

An unknown postcode or neighbourhood is an :class:`InvalidProfile` naming the
field.  This module reads the routing index only.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from ..errors import InvalidProfile, NotFound, shown
from ..geo import normalise_postcode, postcode_centroid
from ..i18n import N_
from .index import RoutingIndex
from .profile import Home

__all__ = ["ResolvedHome", "resolve_home"]


@dataclass(frozen=True)
class ResolvedHome:
    """A home on the map: point, neighbourhoods (sorted), their regions, and how it was given."""

    lat: float
    lon: float
    neighbourhoods: tuple[str, ...]
    regions: tuple[str, ...]
    source: str  # point | postcode | neighbourhood
    postcode: str | None = None
    names: tuple[str, ...] = ()  # the neighbourhoods' names, in the order of ``neighbourhoods``

    @property
    def label(self) -> str:
        """The home as the user gave it: postcode (and its areas), neighbourhood, or point.

        >>> ResolvedHome(52.07, 4.33, ("w1",), ("dh",), "postcode", "2516", ("Moerwijk",)).label
        '2516 (Moerwijk)'
        >>> ResolvedHome(52.07, 4.33, (), (), "point").label
        '52.0700, 4.3300'
        """
        places = ", ".join(self.names)
        if self.source == "postcode" and self.postcode:
            return f"{self.postcode} ({places})" if places else self.postcode
        if self.source == "neighbourhood" and places:
            return places
        return f"{self.lat:.4f}, {self.lon:.4f}"

    @property
    def ambiguous(self) -> bool:
        """Several neighbourhoods share the home's postcode: which one is not known."""
        return self.source == "postcode" and len(self.neighbourhoods) > 1


def resolve_home(index: RoutingIndex, home: Home) -> ResolvedHome:
    """Place ``home`` using the neighbourhoods of the routing index.

    Raises
    ------
    InvalidProfile
        For an unknown neighbourhood id or a postcode found nowhere.
    """
    if home.neighbourhood is not None:
        return _by_neighbourhood(index, home.neighbourhood)
    if home.postcode is not None:
        return _by_postcode(index, home.postcode)
    assert home.lat is not None and home.lon is not None
    return _finish(index, home.lat, home.lon, _containing(index, home.lat, home.lon), "point")


def _finish(
    index: RoutingIndex,
    lat: float,
    lon: float,
    nbs: list[str],
    source: str,
    postcode: str | None = None,
) -> ResolvedHome:
    ids = tuple(sorted(set(nbs)))
    regions = tuple(sorted({index.neighbourhood_region[n] for n in ids}))
    names = tuple(index.neighbourhood_name.get(n, n) for n in ids)
    return ResolvedHome(lat, lon, ids, regions, source, postcode, names)


def _containing(index: RoutingIndex, lat: float, lon: float) -> list[str]:
    nindex = index.neighbourhood_index
    if nindex.tree is None:
        return []
    hits = nindex.tree.query(shapely.points(lon, lat), predicate="within")
    return [nindex.ids[int(i)] for i in hits]


def _by_neighbourhood(index: RoutingIndex, nid: str) -> ResolvedHome:
    if nid not in index.neighbourhood_region:
        known = sorted(index.neighbourhood_region)
        sample = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
        raise InvalidProfile(
            "home.neighbourhood",
            N_("unknown neighbourhood {value} (known: {known})"),
            value=shown(nid),
            known=sample or "none",
        )
    point = index.neighbourhood_point.get(nid)
    if point is None:
        raise InvalidProfile(
            "home.neighbourhood",
            N_(
                "neighbourhood {value} has no geometry or postcode to measure distances "
                "from; give a postcode or lat/lon instead"
            ),
            value=shown(nid),
        )
    return _finish(index, point[0], point[1], [nid], "neighbourhood")


def _by_postcode(index: RoutingIndex, postcode: str) -> ResolvedHome:
    code = normalise_postcode(postcode) or postcode
    nbs = index.neighbourhood_index.neighbourhoods_for_postcode(code)
    try:
        lat, lon = postcode_centroid(code)
    except NotFound:
        points = [index.neighbourhood_point[n] for n in nbs if n in index.neighbourhood_point]
        if not points:
            raise InvalidProfile(
                "home.postcode",
                N_(
                    "{value} is neither in the offline gazetteer nor in "
                    "any neighbourhood's postcodes"
                ),
                value=shown(postcode),
            ) from None
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
    if not nbs:
        nbs = _containing(index, lat, lon)
    return _finish(index, lat, lon, nbs, "postcode", code)
