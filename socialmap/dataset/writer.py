"""Write datasets: a ``socialmap-dataset/1`` JSON file or a folder of CSV files.

Writes go to a temporary file or folder first and are moved into place at the
end, so an export that fails half-way leaves nothing half-written.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .columns import CSV_TABLES, Column, csv_filename

__all__ = ["write_json", "write_csv_folder", "write_templates"]


def write_json(document: dict[str, Any], path: str | Path) -> None:
    """Write one dataset document as JSON (UTF-8, atomically replaced)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv_folder(document: dict[str, Any], folder: str | Path) -> None:
    """Write one dataset document as a folder of CSV files, one per table."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        for table, columns in CSV_TABLES.items():
            records = [document["region"]] if table == "region" else document.get(table) or []
            _write_table(tmp / csv_filename(table), columns, records)
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_templates(folder: str | Path) -> None:
    """Write the blank CSV templates (headers only) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for table, columns in CSV_TABLES.items():
        _write_table(folder / csv_filename(table), columns, [])


def _write_table(file: Path, columns: tuple[Column, ...], records: list[dict[str, Any]]) -> None:
    with file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in columns])
        for record in records:
            writer.writerow([_cell(record, c) for c in columns])


def _cell(record: dict[str, Any], column: Column) -> str:
    value: Any = record
    for part in column.path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if column.type in {"list", "intlist"}:
        return ";".join(str(v) for v in value)
    if column.type == "bool":
        return "true" if value else "false"
    if column.type == "json":
        return json.dumps(value, separators=(",", ":"))
    return str(value)
