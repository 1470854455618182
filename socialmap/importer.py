"""Import and export whole regions: read, validate, place on the map, store.

Import is all-or-nothing and idempotent.  Everything that can fail — parsing,
the schema, references, ids that belong to another region, swapped
coordinates — is checked before the one write transaction starts, so a bad
file leaves the database byte-for-byte unchanged.  Importing the same content
again writes nothing; an edited file replaces its region's records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
from shapely.geometry import shape

from . import geo, hsds, store
from .dataset.reader import FORMAT, Document, load_json, read_csv_folder, read_json
from .dataset.tables import dataset_to_tables, read_region, region_list
from .dataset.validate import validate_document
from .editing.history import web_changes_since_import
from .errors import Conflict, DatasetError, GeocodingError, NotFound, SocialmapError, shown

__all__ = [
    "ImportReport",
    "FileOutcome",
    "read_path",
    "import_path",
    "import_paths",
    "import_document",
    "export_dataset",
]

Progress = Callable[[int, int], None]
_REGION_TABLES = ("neighbourhoods", "organisations", "locations", "offers")


@dataclass
class ImportReport:
    """What an import did: the region, record counts, warnings, and whether anything changed."""

    region: str
    source: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchanged: bool = False

    def summary(self) -> str:
        """One line for the CLI, e.g. ``den-haag: 92 offers, 31 organisations, …``."""
        counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in self.counts.items())
        state = "unchanged (same content as the last import)" if self.unchanged else "imported"
        return f"{self.region}: {state} — {counts}"


def read_path(path: str | Path) -> Document:
    """Read a dataset JSON file, a CSV folder, or Open Referral HSDS data."""
    # Here, above both readers, so that neither the dataset nor the HSDS package imports the other's
    # caller: the dataset reader knows nothing of HSDS.
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"{path}: no such file or folder")
    if path.is_dir():
        if hsds.is_hsds_folder(path):
            return hsds.read_hsds(path)
        return read_csv_folder(path)
    data = load_json(path)
    if isinstance(data, dict) and "format" in data:
        return read_json(path, data)
    if hsds.looks_like_hsds(data):
        return hsds.read_hsds(path)
    if not isinstance(data, dict):
        raise DatasetError(f"{path}: expected a JSON object with 'format': {FORMAT!r}")
    raise DatasetError(f"{path}: format: missing (expected {FORMAT!r})")


def import_path(
    db: sqlite_utils.Database,
    path: str | Path,
    *,
    online_geocoding: bool = False,
    progress: Progress | None = None,
    replace_web_changes: bool = False,
) -> ImportReport:
    """Import a dataset JSON file, a CSV folder or HSDS data into ``db``."""
    return import_document(
        db,
        read_path(path),
        online_geocoding=online_geocoding,
        progress=progress,
        replace_web_changes=replace_web_changes,
    )


@dataclass
class FileOutcome:
    """One file of a multi-file import: ``imported``, ``unchanged`` or ``failed`` (and why)."""

    path: str
    state: str
    message: str = ""
    report: ImportReport | None = None

    def summary(self) -> str:
        """One line for the CLI, e.g. ``a.json: failed — a.json line 7 …``."""
        if self.state == "failed":
            return f"{self.path}: failed — {self.message}"
        return f"{self.path}: {self.state}" + (f" — {self.message}" if self.message else "")


def import_paths(
    db: sqlite_utils.Database,
    paths: list[str | Path],
    *,
    region: str | None = None,
    currency: str | None = None,
    online_geocoding: bool = False,
    progress_for: Callable[[str], Progress] | None = None,
    replace_web_changes: bool = False,
) -> list[FileOutcome]:
    """Import several files; every file's outcome is returned, none is skipped silently.

    Without ``region`` each file is its own region and is imported on its own: a file that
    fails is reported (with the line it failed at) and the files after it are still
    imported.  With ``region`` the files are HSDS of one publisher (files, or pages of an
    API) merged into that one region, records given twice kept once: if any file cannot
    be read, nothing is written and every failed file is named.  ``progress_for(name)``
    gives the progress callback of the write of file (or region) ``name``.
    """

    def options(name: str) -> dict[str, Any]:
        return {
            "online_geocoding": online_geocoding,
            "progress": progress_for(name) if progress_for else None,
            "replace_web_changes": replace_web_changes,
        }

    if region is not None:
        return _import_merged(db, [Path(p) for p in paths], region, currency, options(region))
    outcomes = []
    for path in paths:
        try:
            doc = read_path(path)
            _set_currency(doc, currency)
            report = import_document(db, doc, **options(Path(path).name))
        except SocialmapError as exc:
            outcomes.append(FileOutcome(str(path), "failed", " ".join(str(exc).splitlines())))
            continue
        state = "unchanged" if report.unchanged else "imported"
        outcomes.append(FileOutcome(str(path), state, f"region {report.region!r}", report))
    return outcomes


def _import_merged(
    db: sqlite_utils.Database,
    paths: list[Path],
    region: str,
    currency: str | None,
    options: dict[str, Any],
) -> list[FileOutcome]:
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".json":
            try:
                data = load_json(path)
            except DatasetError:
                continue  # the HSDS reader names it with the others
            if isinstance(data, dict) and "format" in data:
                raise DatasetError(
                    f"{path}: a socialmap dataset, not HSDS (--region merges the HSDS files of "
                    "one publisher; import a dataset on its own)"
                )
    doc, reads = hsds.read_hsds_files(paths, region)
    _set_currency(doc, currency)
    report = import_document(db, doc, **options)
    state = "unchanged" if report.unchanged else "imported"
    outcomes = [FileOutcome(r.path, "read", r.summary().split(" — ", 1)[1]) for r in reads]
    outcomes.append(FileOutcome(f"region {region!r}", state, f"{len(paths)} files", report))
    return outcomes


def _set_currency(doc: Document, currency: str | None) -> None:
    """Give the region the default currency asked for (refused if it states another)."""
    if currency is None:
        return
    region = doc.data.get("region")
    if not isinstance(region, dict):
        return
    stated = region.get("currency")
    if stated and stated != currency:
        raise DatasetError(
            f"{doc.source}: region.currency: the file says {shown(stated)}, --currency "
            f"{shown(currency)}"
        )
    region["currency"] = currency


def import_document(
    db: sqlite_utils.Database,
    doc: Document,
    *,
    online_geocoding: bool = False,
    progress: Progress | None = None,
    replace_web_changes: bool = False,
) -> ImportReport:
    """Validate ``doc``, place its locations, and replace its region in ``db``.

    A region edited on the web since its last import is not overwritten
    silently: the import raises :class:`~socialmap.errors.Conflict`, naming the
    number of web changes, unless ``replace_web_changes``.
    """
    canonical = validate_document(doc)
    data = doc.data
    region = data["region"]["id"]
    _check_other_regions(db, doc, region)
    web_changes = web_changes_since_import(db, region)
    if web_changes and not replace_web_changes:
        raise Conflict(
            f"{doc.source}: region {region!r} has {web_changes} web "
            f"change{'s' if web_changes != 1 else ''} since its last import; importing "
            "would overwrite them (use --replace-web-changes to replace them)"
        )
    content_hash = _content_hash(canonical, online_geocoding)
    del canonical  # as large as the file: not kept while the region is placed and stored
    report = ImportReport(region=region, source=doc.source, notes=list(doc.notes))
    report.counts = {
        t: len(data.get(t) or [])
        for t in (
            "offers",
            "organisations",
            "locations",
            "neighbourhoods",
            "target_groups",
            "referral_links",
        )
    }
    if store.region_hash(db, region) == content_hash and not web_changes:
        # Placed and stored before: no second geocoding (online, perhaps) or PIP pass.
        report.warnings = list(doc.warnings)
        report.unchanged = True
        return report
    place_locations(doc, online_geocoding)
    report.warnings = list(doc.warnings)
    data["_hash"] = content_hash
    data["_imported_at"] = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    data["_source"] = Path(doc.source).name
    store.replace_region(db, dataset_to_tables(data), progress=progress)
    return report


def _content_hash(canonical: bytes, online_geocoding: bool) -> str:
    """The sha256 of ``[document, online_geocoding]`` as canonical JSON (sorted keys).

    >>> import json
    >>> data = {"b": 1, "a": "ü"}
    >>> canonical = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    >>> text = json.dumps([data, True], sort_keys=True, ensure_ascii=False)
    >>> _content_hash(canonical, True) == hashlib.sha256(text.encode()).hexdigest()
    True
    """
    digest = hashlib.sha256(b"[")
    digest.update(canonical)
    digest.update(b", true]" if online_geocoding else b", false]")
    return digest.hexdigest()


def _check_other_regions(db: sqlite_utils.Database, doc: Document, region: str) -> None:
    for table in _REGION_TABLES:
        owners = store.region_ids(db, table)
        for index, record in enumerate(doc.data.get(table) or []):
            owner = owners.get(record["id"])
            if owner is not None and owner != region:
                raise DatasetError(
                    f"{doc.where(table, index)}.id: already used by region {owner!r} "
                    "(ids must be unique across regions)"
                )


# --- geography ------------------------------------------------------------------------------


def place_locations(doc: Document, online_geocoding: bool = False) -> None:
    """Give locations coordinates and a neighbourhood; give neighbourhoods a shape summary."""
    data = doc.data
    country = data["region"].get("country")
    neighbourhoods = data.get("neighbourhoods") or []
    index = geo.NeighbourhoodIndex(neighbourhoods)
    for n in neighbourhoods:
        n["_shape"] = _shape_summary(n, country)
    locations = data.get("locations") or []
    for i, loc in enumerate(locations):
        if loc.get("lat") is None:
            _geocode(doc, i, loc, country, online_geocoding)
    extent = _extent(neighbourhoods, index)
    for i, loc in enumerate(locations):
        if loc.get("lat") is not None:
            _check_extent(doc, i, loc, extent, data["region"]["id"])
    located = [loc for loc in locations if loc.get("lat") is not None]
    inside = index.contains_many([loc["lat"] for loc in located], [loc["lon"] for loc in located])
    by_geometry = {id(loc): n for loc, n in zip(located, inside, strict=True)}
    for i, loc in enumerate(locations):
        placement = index.place(
            None,
            None,
            loc.get("postcode"),
            loc.get("neighbourhood"),
            by_geometry=by_geometry.get(id(loc)),
        )
        loc["_neighbourhood"] = placement.neighbourhood
        _warn_placement(doc, i, loc, placement, index)


def _shape_summary(n: dict[str, Any], country: str | None) -> dict[str, Any]:
    if n.get("geometry"):
        geometry = shape(n["geometry"])
        point = geometry.representative_point()
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        return {
            "lat": point.y,
            "lon": point.x,
            "min_lat": min_lat,
            "min_lon": min_lon,
            "max_lat": max_lat,
            "max_lon": max_lon,
        }
    points = []
    for code in n.get("postcodes") or []:
        try:
            points.append(geo.postcode_centroid(code, country))
        except NotFound:
            continue
    if not points:
        return {}
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return {
        "lat": sum(lats) / len(lats),
        "lon": sum(lons) / len(lons),
        "min_lat": min(lats),
        "min_lon": min(lons),
        "max_lat": max(lats),
        "max_lon": max(lons),
    }


def _geocode(
    doc: Document, index: int, loc: dict[str, Any], country: str | None, online: bool
) -> None:
    where = doc.where("locations", index)
    if online and loc.get("address"):
        query = ", ".join(filter(None, [loc.get("address"), loc.get("postcode"), loc.get("city")]))
        try:
            loc["lat"], loc["lon"] = geo.geocode_online(query, country)
            loc["approximate"] = False
            return
        except GeocodingError as exc:
            doc.warnings.append(f"{where}: {exc}; using the postcode centroid")
    if loc.get("postcode"):
        try:
            loc["lat"], loc["lon"] = geo.postcode_centroid(loc["postcode"], country)
            loc["approximate"] = True
            return
        except NotFound as exc:
            doc.warnings.append(
                f"{where}.postcode: {exc} (the offline gazetteer knows German and Dutch "
                "postcodes only); the location has no coordinates — give latitude and "
                "longitude, or import with --geocode-online"
            )
            return
    doc.warnings.append(f"{where}: no coordinates and no postcode; it is not on the map")


_MARGIN_DEG = 0.25  # about 25 km: a location just outside the region is a warning, not swapped


def _extent(
    neighbourhoods: list[dict[str, Any]], index: geo.NeighbourhoodIndex
) -> tuple[float, float, float, float] | None:
    boxes = [n["_shape"] for n in neighbourhoods if n.get("_shape")]
    if not boxes:
        return None
    return (
        min(b["min_lat"] for b in boxes) - _MARGIN_DEG,
        min(b["min_lon"] for b in boxes) - _MARGIN_DEG,
        max(b["max_lat"] for b in boxes) + _MARGIN_DEG,
        max(b["max_lon"] for b in boxes) + _MARGIN_DEG,
    )


def _check_extent(doc: Document, index: int, loc: dict[str, Any], extent: Any, region: str) -> None:
    if extent is None:
        return
    min_lat, min_lon, max_lat, max_lon = extent

    def inside(lat: float, lon: float) -> bool:
        return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon

    lat, lon = loc["lat"], loc["lon"]
    if inside(lat, lon):
        return
    where = doc.where("locations", index)
    if inside(lon, lat):
        raise DatasetError(
            f"{where}.lat/lon: ({lat}, {lon}) lies outside region {region!r} but ({lon}, {lat}) "
            "lies inside — latitude and longitude look swapped"
        )
    doc.warnings.append(f"{where}: ({lat}, {lon}) lies outside region {region!r}")


def _warn_placement(
    doc: Document,
    index: int,
    loc: dict[str, Any],
    placement: geo.Placement,
    nindex: geo.NeighbourhoodIndex,
) -> None:
    where = doc.where("locations", index)
    declared = loc.get("neighbourhood")
    if placement.method == "ambiguous":
        names = ", ".join(nindex.neighbourhoods_for_postcode(loc.get("postcode") or ""))
        doc.warnings.append(
            f"{where}.postcode: {shown(loc.get('postcode'))} belongs to several neighbourhoods "
            f"({names}); set 'neighbourhood' to say which — located in none for now"
        )
    elif placement.method == "none" and loc.get("lat") is not None:
        doc.warnings.append(
            f"{where}: ({loc['lat']}, {loc['lon']}) lies in no neighbourhood of the region"
        )
    elif declared and placement.neighbourhood != declared:
        doc.warnings.append(
            f"{where}.neighbourhood: declared {shown(declared)} but the point lies in "
            f"{shown(placement.neighbourhood)}; using the geometry"
        )
    elif (
        declared
        and loc.get("postcode")
        and declared not in nindex.neighbourhoods_for_postcode(loc["postcode"])
        and nindex.by_postcode
    ):
        doc.warnings.append(
            f"{where}.neighbourhood: postcode {shown(loc['postcode'])} is not in the postcode set "
            f"of {shown(declared)}"
        )


# --- export ---------------------------------------------------------------------------------


def export_dataset(db: sqlite_utils.Database, region: str | None = None) -> list[dict[str, Any]]:
    """Return one ``socialmap-dataset/1`` document per region (or just ``region``), all
    read from one snapshot."""
    with store.snapshot(db):
        regions = region_list(db)
        if region is not None:
            if region not in regions:
                raise NotFound(f"region {region!r} is not in the database (have: {regions})")
            regions = [region]
        return [read_region(db, r) for r in regions]
