"""Validate a dataset: its values, the JSON Schema, then the rules a schema cannot say.

Every problem becomes a :class:`~socialmap.errors.DatasetError` whose message is
one line naming file, record (line or index, and id) and field, with the bad
value cut to 80 characters (:func:`~socialmap.errors.shown`).  Unknown keys are
warnings and are dropped (DESIGN.md: "kept nowhere").  JSON, CSV and HSDS
imports all come through :func:`validate_document`.  Validation never touches a
database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

from ..errors import DatasetError, shown
from ..hours import hours_problem
from .geometry import geometry_problem
from .reader import MAX_DEPTH, Document

__all__ = ["schema", "validate_document", "TABLES"]

#: The list tables of a dataset, in dependency order.
TABLES = (
    "neighbourhoods",
    "target_groups",
    "organisations",
    "locations",
    "offers",
    "referral_links",
)


@cache
def schema() -> dict[str, Any]:
    """Return the JSON Schema of ``socialmap-dataset/1`` (``socialmap/dataset/schema.json``)."""
    text = resources.files("socialmap.dataset").joinpath("schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _fast_validator() -> Any:
    return fastjsonschema.compile(schema())


@cache
def _full_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate_document(doc: Document, known: dict[str, set[str]] | None = None) -> bytes:
    """Check ``doc`` against the schema and the dataset rules; raise on the first error.

    Unknown keys are removed from ``doc.data`` and reported in ``doc.warnings``.
    Returns the valid document as canonical JSON (sorted keys, UTF-8): checking its
    values costs that one serialisation, and the importer hashes it to tell an
    unchanged file.  ``known`` adds ids, by table, that references may point to
    besides the document's own: a single-record edit (:mod:`socialmap.editing`) is
    a document of that one record, checked against the rest of its region.
    """
    _check_schema(doc)
    canonical = _check_values(doc)
    ids = _check_unique_ids(doc)
    for table, extra in (known or {}).items():
        ids[table] = ids.get(table, set()) | extra
    _check_references(doc, ids)
    _check_target_group_cycles(doc)
    _check_records(doc)
    _check_geometries(doc)
    return canonical


# --- values JSON can hold but a dataset cannot ---------------------------------------------

_INT64 = 2**63  # SQLite's INTEGER: -2**63 .. 2**63 - 1


def _check_values(doc: Document) -> bytes:
    """Refuse NaN, ±Infinity, lone surrogates and nesting Python cannot serialise.

    The common case costs one serialisation in C, whose bytes are returned; only a
    document that fails it is walked to name the record and field.  Every number the
    format knows also has a range in the schema, which keeps whole numbers within
    SQLite's 64 bits.
    """
    try:
        text = json.dumps(
            doc.data, sort_keys=True, allow_nan=False, ensure_ascii=False, default=str
        )
        return text.encode("utf-8")
    except (ValueError, TypeError, RecursionError) as exc:  # UnicodeEncodeError: a ValueError
        raise _bad_value_error(doc, exc) from None


def _bad_value_error(doc: Document, exc: Exception) -> DatasetError:
    """The error naming the first bad value of ``doc``, which made ``exc`` happen."""
    found = _first_bad_value(doc.data)
    if found is None:  # pragma: no cover - the walk finds what the serialiser tripped on
        return DatasetError(f"{doc.source}: cannot be read ({type(exc).__name__})")
    path, detail = found
    return DatasetError(f"{_where(doc, path)}: {detail}")


def _first_bad_value(data: Any) -> tuple[list[Any], str] | None:
    """The path and description of the first bad value, in document order (iterative)."""
    stack: list[tuple[Any, list[Any]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path[:8], f"nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and not _is_unicode(key):
                    return path, f"the key {shown(key)} {_NOT_UNICODE}"
            stack += [(value[key], [*path, key]) for key in reversed(list(value))]
        elif isinstance(value, list):
            stack += [(item, [*path, i]) for i, item in reversed(list(enumerate(value)))]
        else:
            detail = _bad_scalar(value)
            if detail:
                return path, detail
    return None


_NOT_A_NUMBER = "is not a number (NaN and Infinity are not allowed)"
_NOT_UNICODE = "is not valid Unicode text (a lone surrogate: was the file cut or converted?)"


def _bad_scalar(value: Any) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{shown(value)} {_NOT_A_NUMBER}"
    if isinstance(value, int) and not isinstance(value, bool) and not -_INT64 <= value < _INT64:
        return f"{shown(value)} is too large (a whole number must fit in 64 bits)"
    if isinstance(value, str) and not _is_unicode(value):
        return f"{shown(value)} {_NOT_UNICODE}"
    return None


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- the schema ----------------------------------------------------------------------------


def _check_schema(doc: Document) -> None:
    try:
        _fast_validator()(doc.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # find out exactly what is wrong, with the slower, precise validator
    try:
        errors = sorted(_full_validator().iter_errors(doc.data), key=_error_order)
    except RecursionError as exc:  # a message quotes a value nested nearly as deep as JSON goes
        raise _bad_value_error(doc, exc) from None
    for error in errors:
        if error.validator == "additionalProperties":
            _drop_unknown_keys(doc, error)
    for error in errors:
        if error.validator != "additionalProperties":
            raise DatasetError(_describe(doc, error))


def _error_order(error: jsonschema.ValidationError) -> tuple:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def _drop_unknown_keys(doc: Document, error: jsonschema.ValidationError) -> None:
    schema_part: Any = error.schema
    allowed = schema_part.get("properties", {})
    instance: Any = error.instance
    for key in sorted(k for k in instance if k not in allowed):
        doc.warnings.append(f"{_where(doc, list(error.absolute_path), key)}: unknown key ignored")
        del instance[key]


def _where(doc: Document, path: list[Any], leaf: str | None = None) -> str:
    """Format a path like ``['offers', 3, 'ladder', 'leads_to']`` as a message prefix."""
    parts = [*path, leaf] if leaf is not None else list(path)
    if len(parts) >= 2 and parts[0] in TABLES and isinstance(parts[1], int):
        prefix, rest, separator = doc.where(parts[0], parts[1]), parts[2:], "."
    else:
        prefix, rest, separator = doc.source, parts, ": "
    field = "".join(_step(p) for p in rest)
    if not field:
        return prefix
    if field.startswith("."):
        return f"{prefix}{separator}{field[1:]}"
    return f"{prefix}{field}" if separator == "." else f"{prefix}{separator}{field}"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_:-]{1,80}")


def _step(part: Any) -> str:
    """One step of a field path: ``[3]``, ``.name``, or ``['a key no one would type']``."""
    if isinstance(part, int):
        return f"[{part}]"
    if isinstance(part, str) and _PLAIN_KEY.fullmatch(part):
        return f".{part}"
    return f"[{shown(part)}]"


def _describe(doc: Document, error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    value: Any = error.instance
    expected: Any = error.validator_value
    if error.validator == "required":
        missing = next((k for k in expected if k not in (value or {})), expected[0])
        return f"{_where(doc, path, missing)}: missing required field"
    if error.validator == "anyOf" and error.context:
        # "an id or null": say what is wrong with it as an id
        return _describe(doc, jsonschema.exceptions.best_match(error.context))
    return f"{_where(doc, path)}: {_problem(error, path, value, expected)}"


def _problem(error: jsonschema.ValidationError, path: list[Any], value: Any, expected: Any) -> str:
    """What is wrong with ``value``, in words; it is shown cut to 80 characters."""
    validator = error.validator
    if isinstance(value, float) and not math.isfinite(value):  # "inf is too large" misleads
        return f"{shown(value)} {_NOT_A_NUMBER}"
    if validator == "enum":
        return f"unknown {_noun(path)} {shown(value)} (expected one of: {', '.join(expected)})"
    if validator in {"minimum", "maximum"} and "ladder" in path:
        return f"{shown(value)} is not a rung of the participation ladder (1–6)"
    if validator == "const" and path == ["format"]:
        return f"unknown format {shown(value)} (expected {expected!r})"
    if validator == "format" and expected == "date":
        return f"{shown(value)} is not a date (expected YYYY-MM-DD)"
    if validator == "pattern":
        return f"{shown(value)} is not {_PATTERNS.get(expected, f'of the form {expected}')}"
    if validator in {"minimum", "maximum"} and path and path[-1] in {"lat", "lon"}:
        limit = 90 if path[-1] == "lat" else 180
        return f"{shown(value)} is out of range (-{limit} to {limit})"
    if validator == "minimum" and expected == 0:
        return f"{shown(value)} must not be negative"
    if validator == "maximum":
        return f"{shown(value)} is too large (at most {expected:,})"
    if validator == "type":
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{shown(value)} is not of type {expected}"
    if validator == "maxLength":
        return f"{shown(value)} is too long ({len(value):,} characters; at most {expected:,})"
    if validator in {"minLength", "minItems", "minProperties"}:
        return "must not be empty"
    return f"{shown(value)} is not valid ({validator})"


#: What each pattern of the schema means, for "… is not <meaning>".
_PATTERNS = {
    "^[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,127}$": (
        "a valid id (letters, digits, '_', '.', ':', '-'; at most 128 characters)"
    ),
    "^[a-z]{2,3}$": "a language code (ISO 639, e.g. 'nl', 'de', 'ar')",
    "^[A-Z]{2}$": "a country code (ISO 3166, e.g. 'NL', 'DE')",
    "^[0-9]{4,5}$": "a postcode (4 or 5 digits)",
}


_NOUNS = {
    "residence_statuses": "residence status",
    "genders": "gender",
    "excludes_work_ban": "work ban",
    ("organisations", "kind"): "organisation kind",
    ("referral_links", "kind"): "referral kind",
}


def _noun(path: list[Any]) -> str:
    """The name of a vocabulary field, for "unknown <noun> 'x'" messages."""
    fields = [p for p in path if not isinstance(p, int)]
    field = fields[-1] if fields else "value"
    return _NOUNS.get((fields[0], field)) or _NOUNS.get(field) or field.replace("_", " ")


def _records(doc: Document, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
    yield from enumerate(doc.data.get(table) or [])


def _check_unique_ids(doc: Document) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for table in TABLES[:-1]:
        seen: set[str] = set()
        for index, record in _records(doc, table):
            if record["id"] in seen:
                raise DatasetError(f"{doc.where(table, index)}.id: duplicate id")
            seen.add(record["id"])
        ids[table] = seen
    for index, offer in _records(doc, "offers"):
        if offer["id"] in ids["organisations"]:
            raise DatasetError(
                f"{doc.where('offers', index)}.id: also the id of an organisation "
                "(referral links could not tell them apart)"
            )
    return ids


def _check_references(doc: Document, ids: dict[str, set[str]]) -> None:
    def need(table: str, index: int, field: str, value: Any, target: str) -> None:
        if value is not None and value not in ids[target]:
            noun = target[:-1].replace("_", " ")
            raise DatasetError(f"{doc.where(table, index)}.{field}: unknown {noun} {shown(value)}")

    for index, group in _records(doc, "target_groups"):
        need("target_groups", index, "parent", group.get("parent"), "target_groups")
    for index, location in _records(doc, "locations"):
        need("locations", index, "organisation", location.get("organisation"), "organisations")
        need("locations", index, "neighbourhood", location.get("neighbourhood"), "neighbourhoods")
    for index, offer in _records(doc, "offers"):
        need("offers", index, "organisation", offer["organisation"], "organisations")
        for value in offer.get("locations", []):
            need("offers", index, "locations", value, "locations")
        for value in offer.get("target_groups", []):
            need("offers", index, "target_groups", value, "target_groups")
        eligibility = offer.get("eligibility") or {}
        for value in eligibility.get("neighbourhoods", []):
            need("offers", index, "eligibility.neighbourhoods", value, "neighbourhoods")
        for value in eligibility.get("requires_referral_by", []):
            need("offers", index, "eligibility.requires_referral_by", value, "organisations")
    nodes = ids["organisations"] | ids["offers"]
    seen: set[tuple[str, str]] = set()
    for index, link in _records(doc, "referral_links"):
        for end in ("from", "to"):
            if link[end] not in nodes:
                raise DatasetError(
                    f"{doc.where('referral_links', index)}.{end}: unknown organisation or "
                    f"offer {shown(link[end])}"
                )
        if (link["from"], link["to"]) in seen:
            raise DatasetError(
                f"{doc.where('referral_links', index)}: duplicate referral link "
                f"{shown(link['from'])} -> {shown(link['to'])}"
            )
        seen.add((link["from"], link["to"]))


def _check_target_group_cycles(doc: Document) -> None:
    parents = {g["id"]: g.get("parent") for _, g in _records(doc, "target_groups")}
    for index, group in _records(doc, "target_groups"):
        seen = {group["id"]}
        parent = group.get("parent")
        while parent is not None:
            if parent in seen:
                raise DatasetError(
                    f"{doc.where('target_groups', index)}.parent: the hierarchy loops "
                    f"back to {shown(parent)}"
                )
            seen.add(parent)
            parent = parents.get(parent)


def _check_records(doc: Document) -> None:
    date_fields = {
        "organisations": ("last_verified",),
        "offers": ("valid_from", "valid_until", "last_verified"),
        "referral_links": ("since", "last_confirmed"),
    }
    for table, fields in date_fields.items():
        for index, record in _records(doc, table):
            for name in fields:
                _parse_date(doc, table, index, name, record.get(name))
    for index, location in _records(doc, "locations"):
        if (location.get("lat") is None) != (location.get("lon") is None):
            raise DatasetError(
                f"{doc.where('locations', index)}.lat/lon: give both latitude and longitude "
                "or neither"
            )
    for table in ("locations", "offers"):
        for index, record in _records(doc, table):
            problem = hours_problem(record.get("opening_hours") or [])
            if problem:
                raise DatasetError(f"{doc.where(table, index)}.opening_hours{problem}")
    for index, offer in _records(doc, "offers"):
        _check_offer(doc, index, offer)


def _check_offer(doc: Document, index: int, offer: dict[str, Any]) -> None:
    where = doc.where("offers", index)
    ladder = offer.get("ladder")
    if ladder and ladder["leads_to"] < min(ladder["accepts"]):
        raise DatasetError(
            f"{where}.ladder.leads_to: {ladder['leads_to']} is lower than every accepted rung "
            f"{sorted(ladder['accepts'])}"
        )
    eligibility = offer.get("eligibility") or {}
    age_min, age_max = eligibility.get("age_min"), eligibility.get("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        raise DatasetError(f"{where}.eligibility.age_max: {age_max} is below age_min {age_min}")
    start, end = offer.get("valid_from"), offer.get("valid_until")
    if start and end and end < start:
        raise DatasetError(f"{where}.valid_until: {shown(end)} is before valid_from {shown(start)}")
    if not offer.get("online") and not offer.get("locations"):
        doc.warnings.append(
            f"{where}: neither online nor at a location — it will not appear on the map "
            "or in referral paths"
        )


def _parse_date(doc: Document, table: str, index: int, name: str, value: Any) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
        if len(value) != 10:
            raise ValueError(value)
    except (TypeError, ValueError):
        raise DatasetError(
            f"{doc.where(table, index)}.{name}: {shown(value)} is not a date (expected YYYY-MM-DD)"
        ) from None


def _check_geometries(doc: Document) -> None:
    for index, neighbourhood in _records(doc, "neighbourhoods"):
        geometry = neighbourhood.get("geometry")
        if geometry is None:
            continue
        problem = geometry_problem(geometry)
        if problem:
            raise DatasetError(
                f"{doc.where('neighbourhoods', index)}.geometry: not a valid GeoJSON "
                f"{geometry['type']} ({problem})"
            )
