"""Read a dataset from disk: a ``socialmap-dataset/1`` JSON file, a CSV folder, or HSDS.

The reader only parses.  It returns a :class:`Document`: the dataset as the
JSON form of DESIGN.md, plus where each record came from (``offers[3]`` or
``offers.csv line 5``) so that every later error can name file, line and field.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..csvcells import restore_cell
from ..errors import DatasetError
from .columns import CSV_TABLES, Column, csv_filename

__all__ = ["Document", "read_json", "read_csv_folder", "load_json", "FORMAT"]

FORMAT = "socialmap-dataset/1"
_TRUE = {"true", "yes", "ja", "y", "j", "1", "x", "wahr", "waar"}
_FALSE = {"false", "no", "nein", "nee", "n", "0", "falsch", "onwaar"}


@dataclass
class Document:
    """A parsed dataset and the origin of each record, for error messages."""

    data: dict[str, Any]
    source: str
    #: (table, index) -> e.g. "offers.csv line 7"; absent for JSON (``offers[3]`` is used).
    origins: dict[tuple[str, int], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Extra lines for the import summary (e.g. what HSDS could not map).
    notes: list[str] = field(default_factory=list)

    def where(self, table: str, index: int | None = None) -> str:
        """Return the file-and-record prefix of an error message."""
        if index is None:
            return f"{self.source}: {table}"
        origin = self.origins.get((table, index))
        if origin is None:
            origin = f"{self.source}: {table}[{index}]"
        records = self.data.get(table)
        if isinstance(records, list) and 0 <= index < len(records):
            record = records[index]
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                return f"{origin} (id {record['id']!r})"
        return origin


def read_json(path: Path, data: Any = None) -> Document:
    """Read a ``socialmap-dataset/1`` JSON document."""
    if data is None:
        data = load_json(path)
    if not isinstance(data, dict):
        raise DatasetError(f"{path}: expected a JSON object with 'format': {FORMAT!r}")
    if data.get("format") != FORMAT:
        raise DatasetError(
            f"{path}: format: unknown format {data.get('format')!r} (expected {FORMAT!r})"
        )
    return Document(data=data, source=str(path))


def load_json(path: Path) -> Any:
    """Parse a JSON file; a file that is not JSON is a :class:`DatasetError` naming the place."""
    try:
        with path.open("rb") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror})") from None


def read_csv_folder(folder: Path) -> Document:
    """Read a folder with one CSV file per table (``region.csv``, ``offers.csv``, …)."""
    doc = Document(data={"format": FORMAT}, source=str(folder))
    for table, columns in CSV_TABLES.items():
        file = folder / csv_filename(table)
        if not file.exists():
            raise DatasetError(
                f"{file}: file missing (every table needs its CSV file; blank templates "
                "are in socialmap/dataset/templates/)"
            )
        rows = _read_csv_file(file, table, columns, doc)
        if table == "region":
            if len(rows) != 1:
                raise DatasetError(f"{file}: expected exactly one region row, found {len(rows)}")
            doc.data["region"] = rows[0]
        else:
            doc.data[table] = rows
    return doc


def _read_csv_file(
    file: Path, table: str, columns: tuple[Column, ...], doc: Document
) -> list[dict[str, Any]]:
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise DatasetError(f"{file}: empty file (the first line must name the columns)")
            header = [h.strip() for h in header]
            _check_header(file, header, columns, doc)
            rows: list[dict[str, Any]] = []
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                where = f"{file} line {number}"
                if len(cells) > len(header):
                    raise DatasetError(
                        f"{where}: {len(cells)} cells but {len(header)} columns (a value "
                        "with a comma must be in double quotes)"
                    )
                values = dict(zip(header, cells, strict=False))
                doc.origins[(table, len(rows))] = where
                rows.append(_record(values, columns, where))
            return rows
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{file}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DatasetError(f"{file}: unreadable CSV ({exc})") from None


def _check_header(
    file: Path, header: list[str], columns: tuple[Column, ...], doc: Document
) -> None:
    if len(header) == 1 and ";" in header[0]:
        raise DatasetError(
            f"{file}: columns are separated by ';' — save as comma-separated CSV "
            "(';' separates the items of a list inside a cell)"
        )
    missing = [c.name for c in columns if c.name not in header]
    if missing:
        raise DatasetError(f"{file}: missing column {missing[0]!r}")
    known = {c.name for c in columns}
    for name in header:
        if name not in known:
            doc.warnings.append(f"{file}: unknown column {name!r} ignored")


def _record(values: dict[str, str], columns: tuple[Column, ...], where: str) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column in columns:
        raw = (values.get(column.name) or "").strip()
        if raw == "":
            continue
        if column.is_text:
            raw = restore_cell(raw)
        value = _convert(raw, column, where)
        target = record
        *parents, leaf = column.path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return record


def _convert(raw: str, column: Column, where: str) -> Any:
    def fail(expected: str) -> DatasetError:
        return DatasetError(f"{where}.{column.name}: {raw!r} is not {expected}")

    kind = column.type
    if kind == "str":
        return raw
    if kind == "list":
        return [item.strip() for item in raw.split(";") if item.strip()]
    if kind == "intlist":
        try:
            return [int(item) for item in raw.split(";") if item.strip()]
        except ValueError:
            raise fail("a ';'-separated list of whole numbers") from None
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise fail("a whole number") from None
    if kind == "float":
        try:
            return float(raw.replace(",", "."))
        except ValueError:
            raise fail("a number") from None
    if kind == "bool":
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise fail("yes or no (true/false)")
    if kind == "json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            raise fail("GeoJSON") from None
    raise AssertionError(kind)  # pragma: no cover
