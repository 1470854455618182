"""HSDS 1.1 and 2.0 data packages, read into the HSDS 3.0 tables.

Most published HSDS is older than 3.0: ``services_at_location.csv``,
``regular_schedules.csv``, ``physical_addresses.csv`` / ``postal_addresses.csv``,
``accessibility_for_disabilities.csv``, ``services_taxonomy.csv`` (1.1), or
``service_attributes.csv`` and ``taxonomy_terms.csv`` with a ``term`` column (2.0).
:func:`detect` names the version from the file names; :func:`read_legacy` turns
each old table into its 3.0 counterpart (renamed columns, a weekday as ``byday``,
an address type from its file, a service's eligibility rows as its
``eligibility_description``) and counts what 3.0 has no place for (holiday
schedules, accepted payments, ``address_3``/``address_4``, ``taxonomy_ids``) for
the summary.  Every problem of a package is collected and reported at once,
under "this looks like HSDS 1.1 …".  Files in the 3.0 form beside them are read
as they are.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dataset.reader import check_header
from ..errors import DatasetError, shown
from .ids import hsds_id
from .tables import REQUIRED, TABLES, TABULAR_REQUIRED

if TYPE_CHECKING:
    from .read import HsdsInput

__all__ = ["detect", "read_legacy", "MARKERS"]

#: Files only the old versions have, by version (the first that matches names it).
MARKERS: dict[str, tuple[str, ...]] = {
    "2.0": ("service_attributes.csv", "other_attributes.csv"),
    "1.1": (
        "services_at_location.csv",
        "regular_schedules.csv",
        "holiday_schedules.csv",
        "physical_addresses.csv",
        "postal_addresses.csv",
        "accessibility_for_disabilities.csv",
        "services_taxonomy.csv",
        "payments_accepted.csv",
        "eligibility.csv",
    ),
}
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {
    name: code
    for code, name in zip(
        _DAYS,
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        strict=True,
    )
}
_CODE = re.compile(r"^[a-z]{2,3}$")

Row = dict[str, str]


def detect(folder: Path) -> tuple[str, list[str]] | None:
    """``(version, the files that say so)`` for an HSDS 1.1 or 2.0 folder, else None."""
    names = {p.name for p in folder.glob("*.csv")}
    terms = folder / "taxonomy_terms.csv"
    if terms.exists() and "term" in _header(terms):
        return "2.0", ["taxonomy_terms.csv (a 'term' column)"]
    for version, markers in MARKERS.items():
        found = sorted(names & set(markers))
        if found:
            return version, found
    return None


def _header(file: Path) -> list[str]:
    with file.open(newline="", encoding="utf-8-sig") as handle:
        return [h.strip() for h in next(csv.reader(handle), [])]


class _Reader:
    """Reads one old package into ``found``; collects problems instead of stopping."""

    def __init__(self, folder: Path, found: HsdsInput, version: str):
        self.folder = folder
        self.found = found
        self.version = version
        self.problems: list[str] = []
        self.left: Counter[str] = Counter()
        self.eligibility: dict[str, list[str]] = {}

    def rows(self, name: str) -> list[tuple[str, Row]]:
        """``(origin, row)`` of every non-empty row of ``name`` (none if the file is absent)."""
        file = self.folder / name
        if not file.exists():
            return []
        result = []
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.reader(handle)
                header = [h.strip() for h in next(reader, [])]
                check_header(file, header)
                number = reader.line_num + 1
                for cells in reader:
                    number, start = reader.line_num + 1, number
                    if not any(c.strip() for c in cells):
                        continue
                    if len(cells) > len(header):
                        self.problems.append(
                            f"{file} line {start}: {len(cells)} cells but {len(header)} columns"
                        )
                        continue
                    row = {k: v for k, v in zip(header, cells, strict=False) if v.strip()}
                    result.append((f"{file} line {start}", row))
        except (UnicodeDecodeError, csv.Error, DatasetError) as exc:
            self.problems.append(f"{file}: {exc}")
        return result

    def add(self, table: str, row: dict[str, Any], origin: str) -> None:
        try:
            self.found.tables.add(table, row, origin)
        except DatasetError as exc:
            self.problems.append(str(exc))

    def copy(
        self,
        name: str,
        table: str,
        renames: dict[str, str] | None = None,
        fixed: dict[str, str] | None = None,
        change: Callable[[Row, str], Row | None] | None = None,
    ) -> None:
        """Every row of file ``name`` into ``table``, columns renamed; others counted."""
        columns = set(TABLES[table].columns)
        for origin, row in self.rows(name):
            row = {(renames or {}).get(k, k): v for k, v in row.items()}
            if change is not None:
                changed = change(row, origin)
                if changed is None:
                    continue
                row = changed
            for key in set(row) - columns:
                self.left[f"{name}: {key}"] += 1
            self.add(table, {**(fixed or {}), **row}, origin)

    # --- the tables that change shape -------------------------------------------------------

    def weekday(self, row: Row, origin: str) -> Row | None:
        value = row.pop("weekday", "").strip()
        if value:
            code = _day(value)
            if code is None:
                self.problems.append(
                    f"{origin}.weekday: {shown(value)} is not a day (1–7, 1 = Monday, or a name)"
                )
                return None
            row["byday"] = code
            row.setdefault("freq", "WEEKLY")
        return row

    def address(self, row: Row, origin: str) -> Row:
        extra = [row.pop(k) for k in ("address_3", "address_4") if k in row]
        if extra:
            self.left["address_3/address_4 (joined to address_2)"] += 1
            row["address_2"] = ", ".join(filter(None, [row.get("address_2", ""), *extra]))
        return row

    def language(self, row: Row, origin: str) -> Row:
        name = row.pop("language", "")
        code = name.strip().lower()
        return {**row, "name": name, **({"code": code} if _CODE.match(code) else {})}

    def phone(self, row: Row, origin: str) -> Row:
        language = row.pop("language", "")
        if language:
            code = language.strip().lower()
            self.add(
                "language",
                {
                    "id": hsds_id("language", "phone", row.get("id", "")),
                    "phone_id": row.get("id", ""),
                    "name": language,
                    **({"code": code} if _CODE.match(code) else {}),
                },
                origin,
            )
        return row

    def keep_eligibility(self, row: Row, origin: str) -> None:
        if row.get("service_id") and row.get("eligibility"):
            self.eligibility.setdefault(row["service_id"], []).append(row["eligibility"])


def _day(value: str) -> str | None:
    text = value.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 7:
        return _DAYS[int(text) - 1]
    return _DAY_NAMES.get(text)


def read_legacy(folder: Path, found: HsdsInput, version: str, markers: list[str]) -> None:
    """Read the HSDS ``version`` package in ``folder`` into ``found`` (as HSDS 3.0 tables)."""
    r = _Reader(folder, found, version)
    r.copy("organizations.csv", "organization", {"url": "website"})
    r.copy("programs.csv", "program", fixed={"description": ""})  # 1.1 has none
    r.copy("services.csv", "service", change=_without("taxonomy_ids", r))
    for name in ("services_at_location.csv", "service_at_location.csv"):
        r.copy(name, "service_at_location")
    r.copy("locations.csv", "location", fixed={"location_type": "physical"})
    r.copy("phones.csv", "phone", change=r.phone)
    r.copy("contacts.csv", "contact")
    r.copy(
        "physical_addresses.csv", "address", fixed={"address_type": "physical"}, change=r.address
    )
    r.copy("postal_addresses.csv", "address", fixed={"address_type": "postal"}, change=r.address)
    r.copy("regular_schedules.csv", "schedule", change=r.weekday)
    r.copy("schedules.csv", "schedule", change=r.weekday)
    r.copy("funding.csv", "funding")
    r.copy("service_areas.csv", "service_area", {"service_area": "name"})
    r.copy("required_documents.csv", "required_document")
    r.copy("languages.csv", "language", change=r.language)
    r.copy("accessibility_for_disabilities.csv", "accessibility", {"accessibility": "description"})
    r.copy("accessibility.csv", "accessibility", {"accessibility": "description"})
    r.copy("cost_options.csv", "cost_option")
    r.copy("organization_identifiers.csv", "organization_identifier")
    r.copy(
        "taxonomy.csv",
        "taxonomy_term",
        {"vocabulary": "taxonomy"},
        fixed={"description": ""},
        change=_without("parent_name", r),
    )
    r.copy("taxonomy_terms.csv", "taxonomy_term", {"term": "name"}, fixed={"description": ""})
    r.copy(
        "services_taxonomy.csv",
        "attribute",
        {"service_id": "link_id", "taxonomy_id": "taxonomy_term_id", "taxonomy_detail": "value"},
        fixed={"link_entity": "service"},
    )
    r.copy(
        "service_attributes.csv",
        "attribute",
        {"service_id": "link_id"},
        fixed={"link_entity": "service"},
    )
    r.copy("other_attributes.csv", "attribute")
    r.copy("metadata.csv", "metadata", change=_resource_type(found))
    r.copy("meta_table_descriptions.csv", "meta_table_description")
    for origin, row in r.rows("eligibility.csv"):
        r.keep_eligibility(row, origin)
    for name, what in (
        ("holiday_schedules.csv", "holiday schedules"),
        ("payments_accepted.csv", "accepted payments"),
    ):
        n = len(r.rows(name))
        if n:
            r.left[f"{what} (HSDS 3.0 has no place for them)"] += n
    services = found.tables.rows["service"]
    for sid, texts in r.eligibility.items():
        if sid in services:
            services[sid]["eligibility_description"] = "; ".join(texts)
        else:
            r.problems.append(f"{folder / 'eligibility.csv'}: unknown service {shown(sid)}")
    r.problems += _missing_required(found)
    if r.problems:
        raise DatasetError(
            f"{folder}: this looks like HSDS {version} ({', '.join(markers)}); it cannot be "
            f"imported — {len(r.problems)} problem{'s' if len(r.problems) != 1 else ''}: "
            + "; ".join(r.problems)
        )
    found.notes.append(
        f"{folder}: read as HSDS {version} ({', '.join(markers)}), mapped to HSDS 3.0"
        + (" (weekday 1 = Monday)" if r.rows("regular_schedules.csv") else "")
    )
    if r.left:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(r.left.items()))
        found.notes.append(f"HSDS {version} fields and tables not mapped to HSDS 3.0: {listed}")


def _without(column: str, r: _Reader) -> Callable[[Row, str], Row]:
    def change(row: Row, origin: str) -> Row:
        if row.pop(column, ""):
            r.left[f"{column}"] += 1
        return row

    return change


def _resource_type(found: HsdsInput) -> Callable[[Row, str], Row]:
    def change(row: Row, origin: str) -> Row:
        rid = row.get("resource_id", "")
        for table in ("organization", "service", "location", "service_at_location"):
            if rid in found.tables.rows[table]:
                return {"resource_type": table, **row}
        return {"resource_type": "unknown", **row}

    return change


def _missing_required(found: HsdsInput) -> list[str]:
    """Every missing field HSDS 3.0 requires (not only the first)."""
    problems = []
    tables = found.tables
    for spec in (REQUIRED, TABULAR_REQUIRED):
        for table, fields in spec.items():
            for rid, row in tables.rows[table].items():
                problems += [
                    f"{tables.where(table, rid)}.{name}: missing required field"
                    for name in fields
                    if row.get(name) is None
                ]
    return problems
