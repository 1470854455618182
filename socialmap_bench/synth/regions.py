"""The real polygons synthetic networks are laid over, and random points inside them.

Reads the shipped GeoJSON of Den Haag's wijken and NRW's Kreise into a
:class:`Region` (ids, names, population, geometry, adjacency) and samples
uniform random points inside chosen polygons.  It knows nothing of offers.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from socialmap.errors import DatasetError, NotFound
from socialmap.paths import data_dir
from socialmap_bench.synth.tables import REGION_SETTINGS

__all__ = ["Region", "load_region", "sample_points"]

#: Polygons closer than this (degrees, ≈100 m) count as neighbours: generalised
#: boundaries leave slivers between areas that touch in reality.
_NEIGHBOUR_DISTANCE = 1e-3


@dataclass(frozen=True)
class Region:
    """One region: its settings and, per area (neighbourhood), parallel sequences."""

    key: str
    id: str
    name: str
    country: str
    language: str
    description: str
    jobcenters: int
    area_ids: list[str]
    area_names: list[str]
    cities: list[str]
    population: list[int]
    geometries: list[dict[str, Any]]
    shapes: np.ndarray
    neighbours: list[list[int]]
    centroids: np.ndarray
    synthetic_population: bool


def load_region(key: str) -> Region:
    """Read region ``key`` (``"den-haag"`` or ``"nrw"``) from ``data/geo``.

    Parameters
    ----------
    key : str
        Which region.

    Returns
    -------
    Region
        Areas in file order, geometry exactly as in the source file.

    Raises
    ------
    NotFound
        If ``key`` is not a known region.
    DatasetError
        If the GeoJSON file is missing or unreadable.
    """
    settings = REGION_SETTINGS.get(key)
    if settings is None:
        raise NotFound(
            f"Unknown synthetic region {key!r}; expected one of {sorted(REGION_SETTINGS)}."
        )
    path = data_dir() / "geo" / settings.file
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise DatasetError(f"Cannot read region polygons {str(path)!r}: {exc}") from exc
    ids, names, population = (
        _den_haag_areas(features) if key == "den-haag" else _nrw_areas(features)
    )
    geometries = [feature["geometry"] for feature in features]
    shapes = np.array([shapely.geometry.shape(g) for g in geometries], dtype=object)
    shapely.prepare(shapes)
    return Region(
        key=key,
        id=f"synth-{key}",
        name=settings.name,
        country=settings.country,
        language=settings.language,
        description=settings.description,
        jobcenters=settings.jobcenters,
        area_ids=ids,
        area_names=names,
        cities=[settings.city or name for name in names],
        population=population,
        geometries=geometries,
        shapes=shapes,
        neighbours=_neighbours(shapes),
        centroids=shapely.get_coordinates(shapely.centroid(shapes)),
        synthetic_population=key == "den-haag",
    )


def _den_haag_areas(features: list[dict]) -> tuple[list[str], list[str], list[int]]:
    """Ids ``s-wijk-NN`` and names as the demo data has them; population invented.

    CBS publishes no population with these 2016 polygons, so each wijk gets a
    fixed plausible figure (5,000–40,000) drawn from a seed of its own: it is
    the same for every synthetic dataset and is marked synthetic in the output.
    """
    rng = random.Random("socialmap synthetic population den-haag")
    ids, names, population = [], [], []
    for feature in features:
        props = feature["properties"]
        ids.append(f"s-wijk-{props['wijkcode'][-2:]}")
        names.append(re.sub(r"^Wijk \d+ ", "", props["wijknaam"]))
        population.append(rng.randrange(5_000, 40_001, 100))
    return ids, names, population


def _nrw_areas(features: list[dict]) -> tuple[list[str], list[str], list[int]]:
    """Ids ``s-kreis-<AGS>``, names ``GEN`` and Destatis population of NRW's Kreise."""
    props = [feature["properties"] for feature in features]
    return (
        [f"s-kreis-{p['AGS']}" for p in props],
        [p["GEN"] for p in props],
        [int(p["destatis"]["population"]) for p in props],
    )


def _neighbours(shapes: np.ndarray) -> list[list[int]]:
    """For each area, the indices of the areas that touch it (itself excluded)."""
    tree = shapely.STRtree(shapes)
    near = tree.query(shapes, predicate="dwithin", distance=_NEIGHBOUR_DISTANCE)
    result: list[list[int]] = [[] for _ in range(len(shapes))]
    for a, b in zip(near[0].tolist(), near[1].tolist(), strict=True):
        if a != b:
            result[a].append(b)
    return [sorted(n) for n in result]


def sample_points(
    region: Region, areas: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw one uniform random point inside the polygon of each entry of ``areas``.

    Rejection sampling in each polygon's bounding box, vectorised with
    :func:`shapely.contains_xy`.  Coordinates are rounded to 6 decimals
    (≈10 cm) *before* the test, so the stored point is the one tested.

    Parameters
    ----------
    region : Region
        Supplies the polygons.
    areas : numpy.ndarray of int
        Area index per wanted point.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    (lon, lat) : tuple of numpy.ndarray
        Arrays parallel to ``areas``.
    """
    lon = np.empty(len(areas))
    lat = np.empty(len(areas))
    for area in np.unique(areas).tolist():
        where = np.flatnonzero(areas == area)
        lon[where], lat[where] = _points_in(region.shapes[area], len(where), rng)
    return lon, lat


def _points_in(shape: Any, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` uniform points inside one (prepared) polygon."""
    xmin, ymin, xmax, ymax = shape.bounds
    fill = max(shape.area / ((xmax - xmin) * (ymax - ymin)), 0.05)
    xs, ys, got = [], [], 0
    while got < count:
        draw = int((count - got) / fill * 1.1) + 16
        x = np.round(rng.uniform(xmin, xmax, draw), 6)
        y = np.round(rng.uniform(ymin, ymax, draw), 6)
        inside = shapely.contains_xy(shape, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        got += int(inside.sum())
    return np.concatenate(xs)[:count], np.concatenate(ys)[:count]
