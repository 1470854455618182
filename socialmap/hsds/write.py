"""Write HSDS records to a folder: the JSON form and the tabular data package.

Layout of one region's folder::

    organizations.json  services.json  service_at_locations.json
    locations.json  taxonomies.json  taxonomy_terms.json
    csv/datapackage.json  csv/organizations.csv  csv/services.csv  …

The folder is built by :func:`socialmap.files.atomic_folder`, so a failed
export leaves nothing half-written and files it does not write are kept.
Text cells of the CSV files are kept safe from spreadsheet formulas
(:meth:`~socialmap.hsds.tables.Tables.csv_rows`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..files import atomic_folder
from .export import HsdsRecords, to_tables
from .tables import TABLES, datapackage

__all__ = ["write_folder", "write_records"]


def write_records(records: HsdsRecords, folder: Path, name: str, title: str) -> None:
    """Write ``records`` into an existing empty ``folder`` (JSON files and ``csv/``)."""
    for file, items in records.files().items():
        _write_json(folder / file, items)
    package = folder / "csv"
    package.mkdir()
    tables = to_tables(records)
    for table, definition in TABLES.items():
        with (package / definition.file).open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(tables.csv_rows(table))
    _write_json(package / "datapackage.json", datapackage(name, title))


def write_folder(
    records: HsdsRecords, folder: Path, name: str, title: str, *, force: bool = False
) -> Path:
    """Write ``records`` as ``folder`` atomically.

    A folder that is not empty is written into only with ``force``, and then only the
    files of the export replace their namesakes (see :func:`socialmap.files.atomic_folder`).
    """
    return atomic_folder(folder, lambda tmp: write_records(records, tmp, name, title), force=force)


def _write_json(path: Path, value: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
