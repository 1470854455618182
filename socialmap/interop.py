"""Export for other tools: Open Referral HSDS 3.0 and GeoJSON for QGIS and uMap.

``export(db, "hsds", out)`` writes one region's HSDS folder (the JSON form
and the tabular data package, see :mod:`socialmap.hsds`); with several
regions ``out`` holds one such folder per region.  ``export(db, "geojson",
out)`` writes one FeatureCollection: a Point per offer and location, with the
fields a map tool shows.  Every write is atomic: built beside its destination
and renamed into place, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlite_utils

from . import hsds, importer, vocab
from .dataset.writer import write_json
from .errors import SocialmapError
from .files import atomic_folder
from .hsds.write import write_records

__all__ = ["export", "FORMATS", "offers_geojson"]

FORMATS = ("hsds", "geojson")


def export(db: sqlite_utils.Database, format: str, out: Path, region: str | None = None) -> Path:
    """Export every region (or ``region``) of ``db`` as ``format`` to ``out``; return ``out``.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open socialmap database.
    format : {"hsds", "geojson"}
        ``hsds``: a folder (one subfolder per region when there are several);
        ``geojson``: one file.
    out : Path
        The folder or file to write; replaced if it exists.
    region : str, optional
        Only this region.
    """
    if format not in FORMATS:
        raise SocialmapError(f"unknown export format {format!r} (expected one of {FORMATS})")
    documents = importer.export_dataset(db, region)
    if not documents:
        raise SocialmapError("the database holds no region yet (run 'socialmap import' first)")
    out = Path(out)
    if format == "geojson":
        write_json(offers_geojson(documents), out)
        return out
    return _export_hsds(documents, out)


def _export_hsds(documents: list[dict[str, Any]], out: Path) -> Path:
    def write(folder: Path, document: dict[str, Any]) -> None:
        region = document["region"]
        write_records(
            hsds.to_hsds(document),
            folder,
            f"socialmap-{region['id']}",
            f"socialmap — {region['name']} (Open Referral HSDS 3.0)",
        )

    if len(documents) == 1:
        return atomic_folder(out, lambda tmp: write(tmp, documents[0]))

    def write_all(tmp: Path) -> None:
        for document in documents:
            folder = tmp / document["region"]["id"]
            folder.mkdir()
            write(folder, document)

    return atomic_folder(out, write_all)


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
    ladder = offer["ladder"]
    return {
        "id": offer["id"],
        "name": offer["name"],
        "description": offer.get("description"),
        "region": region["id"],
        "organisation": organisation["name"],
        "organisation_id": organisation["id"],
        "category": offer["category"],
        **{
            f"category_label_{lang}": vocab.label(vocab.CATEGORIES, offer["category"], lang)
            for lang in vocab.LANGUAGES
        },
        "accepts": ladder["accepts"],
        "leads_to": ladder["leads_to"],
        "ladder": f"{', '.join(map(str, ladder['accepts']))} → {ladder['leads_to']}",
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
