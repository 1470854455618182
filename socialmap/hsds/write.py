"""Write HSDS records to a folder: the JSON form and the tabular data package.

Layout of one region's folder::

    organizations.json  services.json  service_at_locations.json
    locations.json  taxonomies.json  taxonomy_terms.json
    csv/datapackage.json  csv/organizations.csv  csv/services.csv  …

The folder is built beside its destination and moved into place at the end,
so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .export import HsdsRecords, to_tables
from .tables import TABLES, datapackage

__all__ = ["write_folder", "write_records", "atomic_folder"]


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


def write_folder(records: HsdsRecords, folder: Path, name: str, title: str) -> Path:
    """Write ``records`` as ``folder`` atomically (replacing an earlier export there)."""
    return atomic_folder(folder, lambda tmp: write_records(records, tmp, name, title))


def atomic_folder(folder: Path, fill: Callable[[Path], Any]) -> Path:
    """Create ``folder`` by filling a temporary folder beside it, then renaming it into place."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        fill(tmp)
        if folder.exists():
            shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _write_json(path: Path, value: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
