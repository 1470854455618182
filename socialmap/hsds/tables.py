"""HSDS 3.0 as tables: the table definitions, and nested JSON records flattened into them.

HSDS has two forms: nested JSON records (an ``organization`` holding its
``services``, a ``service_at_location`` holding its ``location`` …) and the
tabular data package (one CSV per table, rows joined by ``*_id`` columns).
Import and export both go through the tabular shape: :class:`Tables` holds
every record once, keyed by table and id, with where it came from so that an
error names the file, the record and the field.  Nothing here knows about
socialmap's own fields.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..csvcells import neutralise_cell
from ..errors import DatasetError, shown

__all__ = [
    "TABLES",
    "REQUIRED",
    "TABULAR_REQUIRED",
    "Tables",
    "datapackage",
    "entity_for_name",
    "compact",
]


@dataclass(frozen=True)
class Table:
    """One HSDS table: its CSV file, its scalar columns and which of them are numbers."""

    file: str
    columns: tuple[str, ...]
    numbers: tuple[str, ...] = ()


def _table(file: str, columns: str, numbers: str = "") -> Table:
    return Table(file, tuple(columns.split()), tuple(numbers.split()))


def _fields(spec: str) -> dict[str, tuple[str, ...]]:
    """``"a: x y; b: z"`` -> ``{"a": ("x", "y"), "b": ("z",)}``."""
    items = (part.split(":") for part in spec.split(";") if part.strip())
    return {name.strip(): tuple(fields.split()) for name, fields in items}


#: The HSDS 3.0 tables (from ``schema/*.json``: ``path``, scalar properties, number types).
TABLES: dict[str, Table] = {
    "organization": _table(
        "organizations.csv",
        "id name alternate_name description email website tax_status tax_id year_incorporated "
        "legal_status logo uri parent_organization_id",
        "year_incorporated",
    ),
    "program": _table(
        "programs.csv",
        "id organization_id name alternate_name description",
    ),
    "service": _table(
        "services.csv",
        "id organization_id program_id name alternate_name description url email status "
        "interpretation_services application_process fees_description wait_time fees "
        "accreditations eligibility_description minimum_age maximum_age assured_date "
        "assurer_email licenses alert last_modified",
        "minimum_age maximum_age",
    ),
    "service_at_location": _table(
        "service_at_location.csv",
        "id service_id location_id description",
    ),
    "location": _table(
        "locations.csv",
        "id location_type url organization_id name alternate_name description transportation "
        "latitude longitude external_identifier external_identifier_type",
        "latitude longitude",
    ),
    "address": _table(
        "addresses.csv",
        "id location_id attention address_1 address_2 city region state_province postal_code "
        "country address_type",
    ),
    "phone": _table(
        "phones.csv",
        "id location_id service_id organization_id contact_id service_at_location_id number "
        "extension type description",
        "extension",
    ),
    "contact": _table(
        "contacts.csv",
        "id organization_id service_id service_at_location_id location_id name title "
        "department email",
    ),
    "schedule": _table(
        "schedules.csv",
        "id service_id location_id service_at_location_id valid_from valid_to dtstart "
        "timezone until count wkst freq interval byday byweekno bymonthday byyearday "
        "description opens_at closes_at schedule_link attending_type notes",
        "timezone count interval",
    ),
    "service_area": _table(
        "service_areas.csv",
        "id service_id name description extent extent_type uri",
    ),
    "language": _table(
        "languages.csv",
        "id service_id location_id phone_id name code note",
    ),
    "funding": _table(
        "funding.csv",
        "id organization_id service_id source",
    ),
    "cost_option": _table(
        "cost_options.csv",
        "id service_id valid_from valid_to option currency amount amount_description",
        "amount",
    ),
    "required_document": _table(
        "required_documents.csv",
        "id service_id document uri",
    ),
    "accessibility": _table(
        "accessibility.csv",
        "id location_id description details url",
    ),
    "organization_identifier": _table(
        "organization_identifiers.csv",
        "id organization_id identifier_scheme identifier_type identifier",
    ),
    "attribute": _table(
        "attributes.csv",
        "id link_id taxonomy_term_id link_type link_entity value",
    ),
    "taxonomy": _table(
        "taxonomies.csv",
        "id name description uri version",
    ),
    "taxonomy_term": _table(
        "taxonomy_terms.csv",
        "id code name description parent_id taxonomy language taxonomy_id term_uri",
    ),
    "metadata": _table(
        "metadata.csv",
        "id resource_id resource_type last_action_date last_action_type field_name "
        "previous_value replacement_value updated_by",
    ),
    "meta_table_description": _table(
        "meta_table_descriptions.csv",
        "id name language character_set",
    ),
}

#: Required fields of each table (HSDS ``required``).
REQUIRED = _fields(
    "address: id address_1 city state_province postal_code country address_type; "
    "location: id location_type; metadata: id last_action_date last_action_type "
    "field_name previous_value replacement_value updated_by; organization: id name "
    "description; organization_identifier: id identifier_type identifier; phone: id "
    "number; program: id name description; service: id name status; taxonomy: id name "
    "description; taxonomy_term: id name description"
)
#: Fields the tabular form requires (HSDS ``tabular_required``): the joins between tables.
TABULAR_REQUIRED = _fields(
    "attribute: link_id taxonomy_term_id link_entity; cost_option: service_id; metadata: "
    "resource_id resource_type; organization_identifier: organization_id; program: "
    "organization_id; service: organization_id; service_at_location: service_id "
    "location_id"
)

# Nested arrays: parent table -> {property: child table}; the child's key column is <parent>_id.
_ARRAYS: dict[str, dict[str, str]] = {
    "organization": {
        "funding": "funding",
        "contacts": "contact",
        "phones": "phone",
        "locations": "location",
        "programs": "program",
        "organization_identifiers": "organization_identifier",
        "services": "service",
    },
    "service": {
        "phones": "phone",
        "schedules": "schedule",
        "service_areas": "service_area",
        "service_at_locations": "service_at_location",
        "languages": "language",
        "funding": "funding",
        "cost_options": "cost_option",
        "required_documents": "required_document",
        "contacts": "contact",
    },
    "service_at_location": {"contacts": "contact", "phones": "phone", "schedules": "schedule"},
    "location": {
        "languages": "language",
        "addresses": "address",
        "contacts": "contact",
        "accessibility": "accessibility",
        "phones": "phone",
        "schedules": "schedule",
    },
    "contact": {"phones": "phone"},
    "phone": {"languages": "language"},
}
# Nested objects: parent table -> {property: (table, the parent's key column)}.
_OBJECTS: dict[str, dict[str, tuple[str, str]]] = {
    "service": {
        "organization": ("organization", "organization_id"),
        "program": ("program", "program_id"),
    },
    "service_at_location": {
        "location": ("location", "location_id"),
        "service": ("service", "service_id"),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}

_COMMON = {"attributes": "attribute", "metadata": "metadata"}
#: Records inside records: HSDS nests four or five deep (organization, service,
#: service_at_location, location, address); this leaves room and bounds the recursion.
MAX_NESTING = 16


def _link_keys(table: str, child: str, rid: str) -> dict[str, str]:
    """The columns that tie a nested ``child`` record to its parent record."""
    if child == "attribute":
        return {"link_id": rid, "link_entity": table}
    if child == "metadata":
        return {"resource_id": rid, "resource_type": table}
    return {f"{table}_id": rid}


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None or empty ("", [], {}); keep False and 0.

    >>> compact({"a": None, "b": False, "c": 0, "d": [], "e": "x"})
    {'b': False, 'c': 0, 'e': 'x'}
    """
    return {k: v for k, v in record.items() if v is not None and v != "" and v != [] and v != {}}


def entity_for_name(name: str) -> str | None:
    """Return the table of a file or resource name (``services.csv``, ``services``, ``service``).

    >>> entity_for_name("service_at_location.csv"), entity_for_name("taxonomies")
    ('service_at_location', 'taxonomy')
    >>> entity_for_name("notes.txt") is None
    True
    """
    stem = name.rsplit("/", 1)[-1].removesuffix(".csv").removesuffix(".json")
    for entity, table in TABLES.items():
        if stem in {entity, table.file.removesuffix(".csv")}:
            return entity
    return {"service_at_locations": "service_at_location", "fundings": "funding"}.get(stem)


@dataclass
class Tables:
    """Every HSDS record once: ``rows[table][id]`` (scalar columns only) and its origin."""

    rows: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in TABLES}
    )
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Records given again (a nested copy, another page or file): [identical, differing].
    repeated: list[int] = field(default_factory=lambda: [0, 0])
    #: Properties that are neither a column nor a known nesting: (table, name) -> records.
    ignored: dict[tuple[str, str], int] = field(default_factory=dict)
    _index: dict[tuple[str, str], dict[Any, list[dict[str, Any]]]] = field(
        default_factory=dict, repr=False
    )

    def where(self, table: str, rid: str) -> str:
        """Return ``origin (id '…')``, the prefix of an error message about a record."""
        return f"{self.origins.get((table, rid), table)} (id {shown(rid)})"

    def add(self, table: str, record: dict[str, Any], origin: str) -> str:
        """Add one flat record (merging with an earlier one of the same id); return its id."""
        rid = record.get("id")
        if rid is None or rid == "":
            raise DatasetError(f"{origin}.id: missing required field")
        if not isinstance(rid, str | int) or isinstance(rid, bool):
            raise DatasetError(f"{origin}.id: {shown(rid)} is not a string")
        rid = str(rid)
        # Empty strings are kept: a required field may be "" (and a CSV cell cannot be absent).
        row = {k: record[k] for k in TABLES[table].columns if record.get(k) is not None}
        row["id"] = rid
        for column in TABLES[table].numbers:
            if row.get(column) == "":
                del row[column]
            elif column in row:
                row[column] = _number(row[column], f"{origin} (id {shown(rid)}).{column}")
        self._index.clear()
        existing = self.rows[table].get(rid)
        if existing is None:
            self.rows[table][rid] = row
            self.origins[(table, rid)] = origin
        else:
            differs = False
            for key, value in row.items():
                if existing.get(key) in (None, ""):
                    existing[key] = value
                elif value not in (None, "") and existing[key] != value:
                    differs = True  # the first value stays
            self.repeated[differs] += 1
        return rid

    def add_nested(self, table: str, record: Any, origin: str, depth: int = 0) -> str:
        """Flatten one nested JSON record and everything it holds into the tables.

        ``depth`` counts the records around this one; past :data:`MAX_NESTING` the
        input is refused (a service's organization's services' organization …).
        """
        if depth > MAX_NESTING:
            raise DatasetError(
                f"{origin}: records nested more than {MAX_NESTING} deep "
                "(a record inside a record inside …)"
            )
        if not isinstance(record, dict):
            raise DatasetError(f"{origin}: expected an HSDS {table} object, got {shown(record)}")
        flat = dict(record)
        objects = _OBJECTS.get(table, {})
        for prop, (_child, key) in objects.items():
            nested = record.get(prop)
            if isinstance(nested, dict):
                flat.setdefault(key, nested.get("id"))
        rid = self.add(table, flat, origin)
        for prop, (child, _key) in objects.items():
            nested = record.get(prop)
            if isinstance(nested, dict):
                if child == "program":  # a service's program belongs to its organization
                    nested = {"organization_id": flat.get("organization_id"), **nested}
                self.add_nested(child, nested, f"{origin}.{prop}", depth + 1)
        for prop, value in record.items():
            self._add_children(table, rid, prop, value, f"{origin}.{prop}", depth + 1)
        return rid

    def _add_children(
        self, table: str, rid: str, prop: str, value: Any, origin: str, depth: int
    ) -> None:
        children = {**_COMMON, **_ARRAYS.get(table, {})}
        child = children.get(prop)
        if child is None:
            known = prop in TABLES[table].columns or prop in _OBJECTS.get(table, {})
            if not known and value not in (None, "", [], {}):
                self.ignored[(table, prop)] = self.ignored.get((table, prop), 0) + 1
            return
        if not isinstance(value, list):
            raise DatasetError(f"{origin}: expected a list, got {shown(value)}")
        for index, item in enumerate(value):
            if isinstance(item, dict):
                item = dict(item)
                for key, default in _link_keys(table, child, rid).items():
                    item.setdefault(key, default)
            self.add_nested(child, item, f"{origin}[{index}]", depth)

    def check_required(self) -> None:
        """Raise on the first record that lacks a field HSDS requires (including the joins)."""
        for table, fields in REQUIRED.items():
            self._check(table, fields)
        for table, fields in TABULAR_REQUIRED.items():
            self._check(table, fields)

    def _check(self, table: str, fields: tuple[str, ...]) -> None:
        for rid, row in self.rows[table].items():
            for name in fields:
                if row.get(name) is None:
                    hint = (
                        " (every service needs its organization)"
                        if name == ("organization_id")
                        else ""
                    )
                    raise DatasetError(
                        f"{self.where(table, rid)}.{name}: missing required field{hint}"
                    )

    def children(self, table: str, key: str, parent: str) -> list[dict[str, Any]]:
        """Rows of ``table`` whose ``key`` column is ``parent``, in input order."""
        index = self._index.get((table, key))
        if index is None:  # built once per join, after reading: reads then look-ups
            index = {}
            for row in self.rows[table].values():
                index.setdefault(row.get(key), []).append(row)
            self._index[(table, key)] = index
        return index.get(parent, [])

    def csv_rows(self, table: str) -> Iterator[list[str]]:
        """Yield the header and then every row of ``table`` as CSV cells.

        Text cells are kept safe from spreadsheet formulas (:mod:`socialmap.csvcells`);
        number columns are written as they are.
        """
        definition = TABLES[table]
        yield list(definition.columns)
        for row in self.rows[table].values():
            yield [
                _cell(row.get(c)) if c in definition.numbers else neutralise_cell(_cell(row.get(c)))
                for c in definition.columns
            ]


def _number(value: Any, where: str) -> float | int:
    if isinstance(value, bool):
        number = math.nan
    else:
        try:
            text = value if isinstance(value, int | float) else str(value).strip().replace(",", ".")
            number = float(text)
        except (ValueError, OverflowError):  # OverflowError: an int past float's range
            number = math.nan
    if not math.isfinite(number):
        raise DatasetError(f"{where}: {shown(value)} is not a number")
    if isinstance(value, int | float):
        return value
    return int(number) if number.is_integer() and "." not in str(value) else number


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage(name: str, title: str) -> dict[str, Any]:
    """Return the ``datapackage.json`` of the tabular form: every HSDS table as a resource."""
    resources = []
    for definition in TABLES.values():
        fields = []
        for column in definition.columns:
            spec: dict[str, Any] = {"name": column, "type": "string"}
            if column in definition.numbers:
                spec["type"] = "number"
            elif column == "id" or column.endswith("_id"):
                spec["format"] = "uuid"
            fields.append(spec)
        resources.append(
            {
                "name": definition.file.removesuffix(".csv"),
                "path": definition.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": "Open Referral HSDS 3.0 tabular data package written by socialmap.",
        "resources": resources,
    }
