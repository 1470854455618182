"""Check a neighbourhood's GeoJSON boundary before it is placed on the map.

A boundary must be a Polygon or MultiPolygon of closed rings of at least four
``[lon, lat]`` positions within −180..180 / −90..90, and a valid polygon for
shapely (no self-intersection, no hole outside its shell): an invalid one
would place locations in the wrong neighbourhood, or in none, without a word.
:func:`geometry_problem` says what is wrong in one phrase; validation adds
the file, the record and the field.  Nothing here reads or writes a database.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from ..errors import shown

__all__ = ["geometry_problem"]

#: How deep the rings of each type lie in ``coordinates``.
_POLYGON_DEPTH = {"Polygon": 1, "MultiPolygon": 2}


def geometry_problem(geometry: dict[str, Any]) -> str | None:
    """Return what is wrong with a GeoJSON Polygon or MultiPolygon, or None when it is valid.

    >>> geometry_problem({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})
    >>> geometry_problem({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})
    'coordinates[0]: the ring is not closed (its last position must repeat the first, [0, 0])'
    >>> bow_tie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]
    >>> geometry_problem({"type": "Polygon", "coordinates": [bow_tie]})
    'Self-intersection at (0.5, 0.5)'
    """
    kind = geometry.get("type")
    rings = _rings(geometry.get("coordinates"), _POLYGON_DEPTH.get(str(kind), 1), "coordinates")
    if isinstance(rings, str):
        return rings
    for path, ring in rings:
        problem = _ring_problem(ring, path)
        if problem:
            return problem
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        return f"not readable as a {kind} ({shown(str(exc))})"
    if polygon.is_empty:
        return "no coordinates"
    if not polygon.is_valid:
        return _explained(explain_validity(polygon))
    return None


def _rings(value: Any, depth: int, path: str) -> list[tuple[str, list[Any]]] | str:
    """The rings of a polygon (``depth`` 1) or multipolygon (2) with their paths, or a problem."""
    if not isinstance(value, list) or not value:
        return f"{path}: {shown(value)} is not a list of {'rings' if depth == 1 else 'polygons'}"
    found: list[tuple[str, list[Any]]] = []
    for index, item in enumerate(value):
        here = f"{path}[{index}]"
        if depth > 1:
            inner = _rings(item, depth - 1, here)
            if isinstance(inner, str):
                return inner
            found += inner
        elif not isinstance(item, list):
            return f"{here}: {shown(item)} is not a ring (a list of [lon, lat] positions)"
        else:
            found.append((here, item))
    return found


def _ring_problem(ring: list[Any], path: str) -> str | None:
    for index, position in enumerate(ring):
        problem = _position_problem(position)
        if problem:
            return f"{path}[{index}]: {problem}"
    if len(ring) < 4:
        return (
            f"{path}: a ring needs at least 4 positions (the last repeating the first), "
            f"found {len(ring)}"
        )
    if ring[0] != ring[-1]:
        return (
            f"{path}: the ring is not closed (its last position must repeat the first, "
            f"{shown(ring[0])})"
        )
    return None


def _position_problem(position: Any) -> str | None:
    if (
        not isinstance(position, list)
        or len(position) not in (2, 3)
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in position)
    ):
        return f"{shown(position)} is not a [lon, lat] position"
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"{shown(position)} lies outside −180..180 (longitude) / −90..90 (latitude)"
    return None


def _explained(reason: str) -> str:
    """``'Self-intersection[0.5 0.5]'`` -> ``'Self-intersection at (0.5, 0.5)'``."""
    name, bracket, rest = reason.partition("[")
    if not bracket or not rest.endswith("]"):
        return reason
    return f"{name} at ({', '.join(rest[:-1].split())})"
