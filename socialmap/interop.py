"""Export: the dataset (JSON or CSV folder), Open Referral HSDS 3.0, and GeoJSON.

:func:`export` is the one export of the CLI and the library.  ``dataset``
writes one ``socialmap-dataset/1`` JSON file (``--out x.json``, one region) or
a folder with one ``<region>.json`` each; ``csv`` writes one region's CSV
folder, or a folder with one such folder per region; ``hsds`` writes one
region's HSDS folder (the JSON form and the tabular data package, see
:mod:`socialmap.hsds`), or one per region; ``geojson`` writes one
FeatureCollection: a Point per offer and location, with the fields a map tool
shows.

Every write goes through :mod:`socialmap.files`: built in full and renamed into
place, so a failed export leaves nothing half-written; an existing file, or a
folder that is not empty, is written to only with ``force``, and then only the
files the export writes are replaced — nothing else is ever deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from . import hsds, importer, vocab
from .dataset.writer import write_csv_tables, write_json
from .errors import SocialmapError
from .files import atomic_folder
from .hsds.write import write_records

__all__ = ["export", "FORMATS", "offers_geojson"]

FORMATS = ("dataset", "csv", "hsds", "geojson")


def export(
    db: sqlite_utils.Database,
    format: str,
    out: Path,
    region: str | None = None,
    *,
    force: bool = False,
) -> Path:
    """Export every region (or ``region``) of ``db`` as ``format`` to ``out``; return ``out``.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open socialmap database.
    format : {"dataset", "csv", "hsds", "geojson"}
        See the module docstring for what each writes.
    out : Path
        The file or folder to write.
    region : str, optional
        Only this region.
    force : bool
        Replace an existing file, or write into a folder that is not empty (replacing
        only the files of the export).  Without it either is an
        :class:`~socialmap.errors.OutputExists` error and nothing is written.
    """
    if format not in FORMATS:
        raise SocialmapError(f"unknown export format {format!r} (expected one of {FORMATS})")
    documents = importer.export_dataset(db, region)
    if not documents:
        raise SocialmapError("the database holds no region yet (run 'socialmap import' first)")
    out = Path(out)
    if format == "geojson":
        write_json(offers_geojson(documents), out, force=force)
    elif format == "dataset" and len(documents) == 1 and out.suffix == ".json":
        write_json(documents[0], out, force=force)
    elif format == "dataset":
        atomic_folder(out, lambda tmp: _dataset_files(tmp, documents), force=force)
    else:
        write = write_csv_tables if format == "csv" else _write_hsds
        atomic_folder(out, lambda tmp: _region_folders(tmp, documents, write), force=force)
    return out


def _dataset_files(folder: Path, documents: list[dict[str, Any]]) -> None:
    for document in documents:
        write_json(document, folder / f"{document['region']['id']}.json")


def _region_folders(
    folder: Path,
    documents: list[dict[str, Any]],
    write: Callable[[dict[str, Any], Path], None],
) -> None:
    """One region: into ``folder`` itself; several: one subfolder each, named by region."""
    if len(documents) == 1:
        write(documents[0], folder)
        return
    for document in documents:
        sub = folder / document["region"]["id"]
        sub.mkdir()
        write(document, sub)


def _write_hsds(document: dict[str, Any], folder: Path) -> None:
    region = document["region"]
    write_records(
        hsds.to_hsds(document),
        folder,
        f"socialmap-{region['id']}",
        f"socialmap — {region['name']} (Open Referral HSDS 3.0)",
    )


def offers_geojson(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection: one Point per offer at each located location.

    Online-only offers and locations without coordinates have no point and
    are left out.  ``url`` is the offer's page on the socialmap site
    (``/offers/<id>``, relative to wherever it is served).
    """
    features = []
    for document in documents:
        organisations = {o["id"]: o for o in document.get("organisations") or []}
        locations = {loc["id"]: loc for loc in document.get("locations") or []}
        for offer in document.get("offers") or []:
            for lid in offer.get("locations") or []:
                location = locations[lid]
                if location.get("lat") is None:
                    continue
                properties = _properties(
                    document["region"], offer, location, organisations[offer["organisation"]]
                )
                features.append(
                    {
                        "type": "Feature",
                        "id": f"{offer['id']}@{lid}",
                        "geometry": {
                            "type": "Point",
                            "coordinates": [location["lon"], location["lat"]],
                        },
                        "properties": properties,
                    }
                )
    return {"type": "FeatureCollection", "name": "socialmap offers", "features": features}


def _properties(
    region: dict[str, Any],
    offer: dict[str, Any],
    location: dict[str, Any],
    organisation: dict[str, Any],
) -> dict[str, Any]:
    ladder = offer.get("ladder") or {"accepts": [], "leads_to": None}  # absent: not known
    category = offer.get("category")
    return {
        "id": offer["id"],
        "name": offer["name"],
        "description": offer.get("description"),
        "region": region["id"],
        "organisation": organisation["name"],
        "organisation_id": organisation["id"],
        "category": category,
        **{
            f"category_label_{lang}": vocab.label(vocab.CATEGORIES, category, lang)
            if category
            else None
            for lang in vocab.LANGUAGES
        },
        "accepts": ladder["accepts"],
        "leads_to": ladder["leads_to"],
        "ladder": f"{', '.join(map(str, ladder['accepts']))} → {ladder['leads_to']}"
        if ladder["leads_to"]
        else None,
        "target_groups": offer.get("target_groups") or [],
        "languages": offer.get("languages") or [],
        "interpreter": bool(offer.get("interpreter")),
        "cost_eur": offer.get("cost_eur"),
        "cost_description": offer.get("cost_description"),
        "online": bool(offer.get("online")),
        "childcare": bool(offer.get("childcare")),
        "location_id": location["id"],
        "location_name": location.get("name"),
        "address": location.get("address"),
        "postcode": location.get("postcode"),
        "city": location.get("city"),
        "wheelchair": location.get("wheelchair"),
        "approximate": bool(location.get("approximate")),
        "url": f"/offers/{offer['id']}",
        "valid_until": offer.get("valid_until"),
        "last_verified": offer.get("last_verified"),
    }
