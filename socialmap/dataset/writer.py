"""Write datasets: a ``socialmap-dataset/1`` JSON file or a folder of CSV files.

Writes go through :mod:`socialmap.files`, so an export that fails half-way
leaves nothing half-written, and an existing file or non-empty folder is
written to only with ``force``.  Text cells of the CSV files are kept safe
from spreadsheet formulas (:mod:`socialmap.csvcells`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from ..csvcells import neutralise_cell
from ..files import atomic_folder, atomic_write
from ..hours import format_hours
from .columns import CSV_TABLES, Column, csv_filename

__all__ = ["write_json", "write_csv_folder", "write_csv_tables", "write_templates"]


def write_json(document: dict[str, Any], path: str | Path, *, force: bool = False) -> None:
    """Write one dataset document as JSON (UTF-8); an existing file is replaced with ``force``."""

    def fill(handle: IO[str]) -> None:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    atomic_write(path, fill, force=force)


def write_csv_folder(document: dict[str, Any], folder: str | Path, *, force: bool = False) -> None:
    """Write one dataset document as a folder of CSV files, one per table.

    A folder that is not empty is written into only with ``force`` (see
    :func:`socialmap.files.atomic_folder`).
    """
    atomic_folder(folder, lambda tmp: write_csv_tables(document, tmp), force=force)


def write_csv_tables(document: dict[str, Any], folder: Path) -> None:
    """Write the CSV files of one dataset document into the existing folder ``folder``."""
    for table, columns in CSV_TABLES.items():
        records = [document["region"]] if table == "region" else document.get(table) or []
        _write_table(folder / csv_filename(table), columns, records)


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
    text = _text(record, column)
    return neutralise_cell(text) if column.is_text else text


def _text(record: dict[str, Any], column: Column) -> str:
    value: Any = record
    for part in column.path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if column.type in {"list", "intlist"}:
        return ";".join(str(v) for v in value)
    if column.type == "bool":
        return "true" if value else "false"
    if column.type == "hours":
        return format_hours(value)
    if column.type == "json":
        return json.dumps(value, separators=(",", ":"))
    return str(value)
