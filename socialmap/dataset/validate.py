"""Validate a dataset: the JSON Schema first, then the rules a schema cannot say.

Every problem becomes a :class:`~socialmap.errors.DatasetError` whose message is
one line naming file, record (line or index, and id) and field, with the bad
value.  Unknown keys are warnings and are dropped (DESIGN.md: "kept nowhere").
Validation never touches a database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

from ..errors import DatasetError
from .reader import Document

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


def validate_document(doc: Document, known: dict[str, set[str]] | None = None) -> None:
    """Check ``doc`` against the schema and the dataset rules; raise on the first error.

    Unknown keys are removed from ``doc.data`` and reported in ``doc.warnings``.
    ``known`` adds ids, by table, that references may point to besides the
    document's own: a single-record edit (:mod:`socialmap.editing`) is a
    document of that one record, checked against the rest of its region.
    """
    _check_schema(doc)
    ids = _check_unique_ids(doc)
    for table, extra in (known or {}).items():
        ids[table] = ids.get(table, set()) | extra
    _check_references(doc, ids)
    _check_target_group_cycles(doc)
    _check_records(doc)


def _check_schema(doc: Document) -> None:
    try:
        _fast_validator()(doc.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # find out exactly what is wrong, with the slower, precise validator
    errors = sorted(_full_validator().iter_errors(doc.data), key=_error_order)
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
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    return f"{prefix}{separator}{field}" if field else prefix


def _describe(doc: Document, error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    value: Any = error.instance
    expected: Any = error.validator_value
    if error.validator == "required":
        missing = next((k for k in expected if k not in (value or {})), expected[0])
        return f"{_where(doc, path, missing)}: missing required field"
    where = _where(doc, path)
    if error.validator == "enum":
        options = ", ".join(expected)
        return f"{where}: unknown {_noun(path)} {value!r} (expected one of: {options})"
    if error.validator in {"minimum", "maximum"} and "ladder" in path:
        return f"{where}: {value!r} is not a rung of the participation ladder (1–6)"
    if error.validator == "const" and path == ["format"]:
        return f"{where}: unknown format {value!r} (expected {error.validator_value!r})"
    if error.validator == "format" and error.validator_value == "date":
        return f"{where}: {value!r} is not a date (expected YYYY-MM-DD)"
    if error.validator == "pattern" and "A-Za-z0-9" in str(error.validator_value):
        return (
            f"{where}: {value!r} is not a valid id (letters, digits, '_', '.', ':', '-'; "
            "at most 128 characters)"
        )
    if error.validator in {"minimum", "maximum"} and path and path[-1] in {"lat", "lon"}:
        limit = 90 if path[-1] == "lat" else 180
        return f"{where}: {value!r} is out of range (-{limit} to {limit})"
    if error.validator == "minimum" and error.validator_value == 0:
        return f"{where}: {value!r} must not be negative"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{where}: {value!r} is not of type {expected}"
    return f"{where}: {error.message}"


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
            raise DatasetError(f"{doc.where(table, index)}.{field}: unknown {noun} {value!r}")

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
                    f"offer {link[end]!r}"
                )
        if (link["from"], link["to"]) in seen:
            raise DatasetError(
                f"{doc.where('referral_links', index)}: duplicate referral link "
                f"{link['from']!r} -> {link['to']!r}"
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
                    f"back to {parent!r}"
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
    for index, offer in _records(doc, "offers"):
        _check_offer(doc, index, offer)


def _check_offer(doc: Document, index: int, offer: dict[str, Any]) -> None:
    where = doc.where("offers", index)
    ladder = offer["ladder"]
    if ladder["leads_to"] < min(ladder["accepts"]):
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
        raise DatasetError(f"{where}.valid_until: {end!r} is before valid_from {start!r}")
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
            f"{doc.where(table, index)}.{name}: {value!r} is not a date (expected YYYY-MM-DD)"
        ) from None
