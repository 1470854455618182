"""Read HSDS 3.0 from disk into :class:`~socialmap.hsds.tables.Tables`.

Accepted: one JSON record (``organization``, ``service``,
``service_at_location``, ``location``, ``taxonomy``, ``taxonomy_term``), a
list of them, a page of an HSDS API (``{"contents": […]}``), the tabular form
as one JSON object (``{"organizations.csv": […], …}``), the API's root
document (no records), a folder of JSON files named after their tables (what
``socialmap export --format hsds`` writes), and a tabular data package (CSV
files, normally with ``datapackage.json``).  This module only parses; mapping
to socialmap is :mod:`socialmap.hsds.import_`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..csvcells import restore_cell
from ..dataset.reader import check_header, load_json
from ..errors import DatasetError, shown
from . import legacy
from .tables import TABLES, Tables, entity_for_name

__all__ = ["HsdsInput", "read_input", "looks_like_hsds", "is_hsds_folder", "classify"]

#: The files of the JSON form, in the order they are read.
JSON_FILES = (
    "taxonomies.json",
    "taxonomy_terms.json",
    "organizations.json",
    "locations.json",
    "services.json",
    "service_at_locations.json",
)
_PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page"}
_ROOT_KEYS = {"openapi_url", "profile", "version"}


@dataclass
class HsdsInput:
    """HSDS records read from a file or folder, and what the reader noticed."""

    tables: Tables
    source: str
    stem: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def classify(record: dict[str, Any]) -> str | None:
    """Tell which HSDS table a JSON record belongs to, from its keys (None when unclear).

    >>> classify({"id": "1", "name": "Advice", "status": "active"})
    'service'
    >>> classify({"id": "1", "location": {}, "service": {}}), classify({"id": "1"})
    ('service_at_location', None)
    """
    keys = set(record)
    if {"service_id", "location_id"} <= keys or any(
        isinstance(record.get(k), dict) for k in ("location", "service")
    ):
        return "service_at_location"
    if keys & {
        "status",
        "service_at_locations",
        "service_areas",
        "cost_options",
        "eligibility_description",
        "program_id",
        "minimum_age",
        "maximum_age",
        "fees_description",
        "interpretation_services",
        "application_process",
    }:
        return "service"
    if keys & {
        "services",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "parent_organization_id",
        "organization_identifiers",
        "programs",
    }:
        return "organization"
    if keys & {
        "location_type",
        "latitude",
        "longitude",
        "addresses",
        "accessibility",
        "transportation",
    }:
        return "location"
    if keys & {"code", "parent_id", "taxonomy", "taxonomy_id", "taxonomy_detail", "term_uri"}:
        return "taxonomy_term"
    if keys & {"version", "uri"} and "id" in keys:
        return "taxonomy"
    return None


def _tabular_keys(data: dict[str, Any]) -> bool:
    return bool(data) and all(
        entity_for_name(k) is not None and isinstance(v, list) for k, v in data.items()
    )


def _is_root(data: dict[str, Any]) -> bool:
    """The API's ``/`` document: ``version``, ``profile``, ``openapi_url`` and no records."""
    return data.keys() <= _ROOT_KEYS and bool(data.keys() & {"openapi_url", "profile"})


def looks_like_hsds(data: Any) -> bool:
    """True when parsed JSON looks like HSDS (records, a page, tabular JSON or an API root)."""
    if isinstance(data, list):  # one recognisable record is enough; the reader names the rest
        return any(isinstance(r, dict) and "id" in r and classify(r) for r in data[:5])
    if not isinstance(data, dict) or "format" in data:
        return False
    if isinstance(data.get("contents"), list) or _tabular_keys(data):
        return True
    if _is_root(data):
        return True
    return "id" in data and classify(data) is not None


def is_hsds_folder(folder: Path) -> bool:
    """True when ``folder`` holds HSDS: a data package, HSDS CSVs or the JSON form."""
    names = {"datapackage.json", "services.csv", "organizations.csv", *JSON_FILES}
    names |= set(legacy.MARKERS["1.1"]) | set(legacy.MARKERS["2.0"])
    if any((folder / name).exists() for name in names):
        return True
    if (folder / "csv" / "datapackage.json").exists():
        return True
    # A folder of HSDS JSON files under other names (API pages, organization_full.json …).
    return not (folder / "region.csv").exists() and any(
        _is_hsds_file(file) for file in _json_files(folder)
    )


def _json_files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.glob("*.json") if f.name != "datapackage.json")


def _is_hsds_file(file: Path) -> bool:
    try:
        return looks_like_hsds(load_json(file))
    except DatasetError:
        return True  # an HSDS-named folder's broken file: the reader names its line


def read_input(path: Path, found: HsdsInput | None = None) -> HsdsInput:
    """Read an HSDS file or folder; raise :class:`DatasetError` naming file, record and field.

    With ``found``, the records join those read before (several files of one publisher:
    a record given twice is kept once, see :meth:`Tables.add`).
    """
    stem = path.name if path.is_dir() else path.stem
    found = found if found is not None else HsdsInput(Tables(), str(path), stem)
    if path.is_dir():
        _read_folder(path, found)
    else:
        _read_json(path, load_json(path), found, None)
    return found


def _read_folder(folder: Path, found: HsdsInput) -> None:
    files = [folder / name for name in JSON_FILES if (folder / name).exists()]
    if files:
        for file in files:
            _read_json(file, load_json(file), found, entity_for_name(file.name))
        return
    others = _json_files(folder)
    if others and not any((folder / t.file).exists() for t in TABLES.values()):
        for file in others:  # records of any kind, each file read as it says
            _read_json(file, load_json(file), found, None)
        return
    if not (folder / "datapackage.json").exists() and (folder / "csv").is_dir():
        _read_folder(folder / "csv", found)
        return
    old = legacy.detect(folder)
    if old is not None:
        legacy.read_legacy(folder, found, *old)
        return
    _read_package(folder, found)


def _read_json(path: Path, data: Any, found: HsdsInput, entity: str | None) -> None:
    tables = found.tables
    if isinstance(data, dict) and _tabular_keys(data):
        for key, rows in data.items():
            table = entity_for_name(key)
            assert table is not None
            for index, row in enumerate(rows):
                tables.add_nested(table, row, f"{path}: {key}[{index}]")
        return
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        records, prefix = data["contents"], "contents"
    elif isinstance(data, list):
        records, prefix = data, ""
    elif isinstance(data, dict) and _is_root(data):
        version = data.get("version", "?")
        found.notes.append(
            f"{path}: an HSDS API description (version {version}) that holds no records"
        )
        return
    elif isinstance(data, dict):
        records, prefix = [data], None
    else:
        raise DatasetError(f"{path}: expected HSDS records (a JSON object or list)")
    for index, record in enumerate(records):
        table = entity or (classify(record) if isinstance(record, dict) else None)
        origin = f"{path}: {prefix}[{index}]" if prefix is not None else str(path)
        if table is None:
            raise DatasetError(
                f"{origin}: cannot tell which kind of HSDS record this is (expected an "
                "organization, service, service_at_location, location, taxonomy or "
                "taxonomy_term)"
            )
        tables.add_nested(table, record, origin if prefix is not None else f"{path}: {table}")


def _read_package(folder: Path, found: HsdsInput) -> None:
    files = _package_files(folder, found)
    if not files:
        raise DatasetError(f"{folder}: no HSDS tables found (expected services.csv, …)")
    for table, file in files.items():
        _read_csv(file, table, found)


def _package_files(folder: Path, found: HsdsInput) -> dict[str, Path]:
    """Map each table to its CSV file: from ``datapackage.json``, else by the HSDS file names."""
    package = folder / "datapackage.json"
    files: dict[str, Path] = {}
    resources = _resources(package, found) if package.exists() else None
    if resources is not None:
        for resource in resources:
            resource = resource if isinstance(resource, dict) else {}
            path = resource.get("path")
            table = entity_for_name(str(path or resource.get("name", "")))
            if table is None or not isinstance(path, str):
                found.warnings.append(
                    f"{package}: resource {shown(path)} is not an HSDS table; ignored"
                )
            elif (folder / path).exists():
                files[table] = folder / path
            else:
                raise DatasetError(f"{package}: resource {shown(path)}: file missing")
        return files
    for table, definition in TABLES.items():
        if (folder / definition.file).exists():
            files[table] = folder / definition.file
    return files


def _resources(package: Path, found: HsdsInput) -> list[Any] | None:
    try:
        data = json.loads(package.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        text = package.read_text(encoding="utf-8", errors="replace").strip()
        hint = f" (it holds only {text!r}: an unresolved link?)" if len(text) < 80 else ""
        found.warnings.append(
            f"{package}: not valid JSON{hint}; reading the CSV files by their HSDS names"
        )
        return None
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        raise DatasetError(f"{package}: resources: missing (a data package lists its CSV files)")
    return resources


def _csv_value(cell: str, number: bool) -> str:
    """A cell as the writer had it: blank is "", a text cell loses its formula guard."""
    if not cell.strip():
        return ""
    return cell if number else restore_cell(cell)


def _read_csv(file: Path, table: str, found: HsdsInput) -> None:
    columns = set(TABLES[table].columns)
    numbers = set(TABLES[table].numbers)
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            check_header(file, header)
            if "id" not in header:
                raise DatasetError(f"{file}: missing column 'id'")
            for name in header:
                if name not in columns:
                    found.warnings.append(f"{file}: unknown column {shown(name)} ignored")
            # The physical line a record starts on (a quoted cell may span several lines).
            number = reader.line_num + 1
            for cells in reader:
                number, start = reader.line_num + 1, number
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    raise DatasetError(
                        f"{file} line {start}: {len(cells)} cells but {len(header)} columns"
                    )
                row = {k: _csv_value(v, k in numbers) for k, v in zip(header, cells, strict=False)}
                found.tables.add(table, row, f"{file} line {start}")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{file}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DatasetError(f"{file} line {reader.line_num}: unreadable CSV ({exc})") from None
