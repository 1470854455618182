"""Validate one record exactly as a file import would, against the rest of its region.

The record becomes a one-record ``socialmap-dataset/1`` document; the dataset
validation (:func:`socialmap.dataset.validate.validate_document`) checks it with
the ids the region already holds as the targets its references may name, and a
location is placed on the map by the importer's own
:func:`socialmap.importer.place_locations`.  So an edit meets the same rules, and
fails with the same one-line message naming the field, as an import.
"""

from __future__ import annotations

import copy
from typing import Any

import sqlite_utils

from .. import store
from ..dataset.reader import FORMAT, Document
from ..dataset.tables import read_neighbourhoods
from ..dataset.validate import validate_document
from ..errors import DatasetError, EditError
from .records import KINDS

__all__ = ["checked", "field_error", "region_record"]


def region_record(db: sqlite_utils.Database, region: str) -> dict[str, Any]:
    """The region's own dataset record (``id``, ``name``, ``country``, ``languages``)."""
    row = db.table("regions").get(region)
    record = {"id": row["id"], "name": row["name"]}
    if row["country"]:
        record["country"] = row["country"]
    languages = [x for x in (row["languages"] or "").split(";") if x]
    if languages:
        record["languages"] = languages
    return record


def _known_ids(db: sqlite_utils.Database, region: str) -> dict[str, set[str]]:
    known = {
        table: set(store.region_ids(db, table, region))
        for table in ("neighbourhoods", "organisations", "locations", "offers")
    }
    rows = db.table("region_target_groups").rows_where("region = ?", [region])
    known["target_groups"] = {r["target_group"] for r in rows}
    return known


def checked(
    db: sqlite_utils.Database, kind: str, region: str, record: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``record`` validated (unknown keys dropped) and, for a location, placed; and warnings.

    Raises :class:`EditError` naming the field, with the import's message.
    """
    table = KINDS[kind]
    data: dict[str, Any] = {
        "format": FORMAT,
        "region": region_record(db, region),
        table: [copy.deepcopy(record)],
    }
    doc = Document(data=data, source=kind, origins={(table, 0): kind})
    try:
        validate_document(doc, known=_known_ids(db, region))
        if kind == "location":
            _place(db, doc, region)
    except DatasetError as exc:
        raise field_error(doc, table, exc) from None
    return doc.data[table][0], list(doc.warnings)


def _place(db: sqlite_utils.Database, doc: Document, region: str) -> None:
    from ..importer import place_locations  # the importer imports this package's history

    doc.data["neighbourhoods"] = read_neighbourhoods(db, region)
    place_locations(doc)


def field_error(doc: Document, table: str, exc: DatasetError) -> EditError:
    """The validation error as an :class:`EditError` that knows which field it names."""
    message = str(exc)
    for prefix in (doc.where(table, 0), doc.origins.get((table, 0), "")):
        if prefix and message.startswith(prefix + "."):
            return EditError(message[len(prefix) + 1 :].split(": ", 1)[0], message)
    return EditError("", message)
