"""Write datasets: a ``socialmap-dataset/1`` JSON file or a folder of CSV files.

Writes go through :mod:`socialmap.files`, so an export that fails half-way
leaves nothing half-written.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from ..files import atomic_folder, atomic_write
from .columns import CSV_TABLES, Column, csv_filename

__all__ = ["write_json", "write_csv_folder", "write_templates"]


def write_json(document: dict[str, Any], path: str | Path) -> None:
    """Write one dataset document as JSON (UTF-8, atomically replaced)."""

    def fill(handle: IO[str]) -> None:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    atomic_write(path, fill)


def write_csv_folder(document: dict[str, Any], folder: str | Path) -> None:
    """Write one dataset document as a folder of CSV files, one per table."""

    def fill(tmp: Path) -> None:
        for table, columns in CSV_TABLES.items():
            records = [document["region"]] if table == "region" else document.get(table) or []
            _write_table(tmp / csv_filename(table), columns, records)

    atomic_folder(folder, fill)


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
