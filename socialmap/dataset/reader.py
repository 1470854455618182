"""Read a dataset from disk: a ``socialmap-dataset/1`` JSON file, a CSV folder, or HSDS.

The reader only parses.  It returns a :class:`Document`: the dataset as the
JSON form of DESIGN.md, plus where each record came from (``offers[3]`` or
``offers.csv line 5``) so that every later error can name file, line and field.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..csvcells import restore_cell
from ..errors import DatasetError, shown
from ..hours import parse_hours
from .columns import CSV_TABLES, Column, csv_filename

__all__ = [
    "Document",
    "read_json",
    "read_csv_folder",
    "load_json",
    "parse_json",
    "check_header",
    "MAX_DEPTH",
    "FORMAT",
]

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
                return f"{origin} (id {shown(record['id'])})"
        return origin


def read_json(path: Path, data: Any = None) -> Document:
    """Read a ``socialmap-dataset/1`` JSON document."""
    if data is None:
        data = load_json(path)
    if not isinstance(data, dict):
        raise DatasetError(f"{path}: expected a JSON object with 'format': {FORMAT!r}")
    if data.get("format") != FORMAT:
        raise DatasetError(
            f"{path}: format: unknown format {shown(data.get('format'))} (expected {FORMAT!r})"
        )
    return Document(data=data, source=str(path))


def load_json(path: Path) -> Any:
    """Parse a JSON file; a file that is not JSON is a :class:`DatasetError` naming the place."""
    try:
        with path.open("rb") as handle:
            return parse_json(handle.read())
    except json.JSONDecodeError as exc:
        raise DatasetError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror})") from None


def parse_json(text: str | bytes) -> Any:
    """``json.loads``, with the limits of Python's parser as a ``JSONDecodeError`` with a place.

    NaN and Infinity are parsed (validation names the field that holds them).  Arrays and
    objects nested deeper than Python's parser goes, and numbers with more digits than
    Python turns into an int, raise ``JSONDecodeError`` at the line and column where the
    nesting passes :data:`MAX_DEPTH` or the long number starts, instead of
    ``RecursionError`` or a hint about interpreter settings.

    >>> parse_json('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    Traceback (most recent call last):
    json.decoder.JSONDecodeError: arrays or objects nested more than 64 levels deep: line 1 ...
    >>> parse_json("[1, " + "9" * 5000 + "]")
    Traceback (most recent call last):
    json.decoder.JSONDecodeError: a number with more than 4300 digits: line 1 column 5 (char 4)
    """
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise
    except RecursionError:
        raise _too_deep(_as_text(text)) from None
    except ValueError:  # the only other one: int("…") past sys.get_int_max_str_digits()
        raise _too_long(_as_text(text), sys.get_int_max_str_digits()) from None


#: Deeper than any field of the format nests (a MultiPolygon's numbers lie 8 levels down).
MAX_DEPTH = 64
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_BRACKETS = re.compile(_STRING + r"|[\[\]{}]")

# The helpers below run only on a text that failed to parse: their pace does not matter.


def _as_text(text: str | bytes) -> str:
    return text if isinstance(text, str) else text.decode(json.detect_encoding(text), "replace")


def _too_deep(text: str) -> json.JSONDecodeError:
    """An error at the bracket that first nests deeper than :data:`MAX_DEPTH`."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                message = f"arrays or objects nested more than {MAX_DEPTH} levels deep"
                return json.JSONDecodeError(message, text, match.start())
        elif token in "]}":
            depth -= 1
    return json.JSONDecodeError("arrays or objects nested too deeply", text, 0)


def _too_long(text: str, digits: int) -> json.JSONDecodeError:
    """An error at the first number (outside strings) with more than ``digits`` digits."""
    message = f"a number with more than {digits} digits"
    for match in re.finditer(_STRING + rf"|-?\d{{{digits + 1},}}", text):
        if not match.group().startswith('"'):
            return json.JSONDecodeError(message, text, match.start())
    return json.JSONDecodeError(message, text, 0)


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
            check_header(file, header)
            _check_columns(file, header, columns, doc)
            rows: list[dict[str, Any]] = []
            # The physical line a record starts on (a quoted cell may span several lines).
            number = reader.line_num + 1
            for cells in reader:
                number, start = reader.line_num + 1, number
                if not any(c.strip() for c in cells):
                    continue
                where = f"{file} line {start}"
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
        raise DatasetError(f"{file} line {reader.line_num}: unreadable CSV ({exc})") from None


def check_header(file: Path, header: list[str]) -> None:
    """Refuse a header that is not a list of distinct column names (both CSV readers).

    A column given twice would silently lose one of its two values.
    """
    if len(header) == 1 and ";" in header[0]:
        raise DatasetError(
            f"{file}: columns are separated by ';' — save as comma-separated CSV "
            "(';' separates the items of a list inside a cell)"
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name:  # the empty columns a spreadsheet leaves at the end name no field
            continue
        if name in seen:
            raise DatasetError(
                f"{file} line 1: column {shown(name)} appears twice (columns {seen[name]} "
                f"and {number}); keep one"
            )
        seen[name] = number


def _check_columns(
    file: Path, header: list[str], columns: tuple[Column, ...], doc: Document
) -> None:
    missing = [c.name for c in columns if c.name not in header and not c.optional]
    if missing:
        raise DatasetError(f"{file}: missing column {missing[0]!r}")
    known = {c.name for c in columns}
    for name in header:
        if name not in known:
            doc.warnings.append(f"{file}: unknown column {shown(name)} ignored")


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
        return DatasetError(f"{where}.{column.name}: {shown(raw)} is not {expected}")

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
            return parse_json(raw)
        except ValueError:
            raise fail("GeoJSON" if column.name == "geometry" else "JSON") from None
    if kind == "hours":
        try:
            return parse_hours(raw)
        except ValueError as exc:
            raise DatasetError(f"{where}.{column.name}: {exc}") from None
    raise AssertionError(kind)  # pragma: no cover
