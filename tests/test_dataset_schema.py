"""The JSON Schema, the CSV columns and the blank templates describe the same format."""

from __future__ import annotations

import csv
import json
from importlib import resources

import jsonschema
import pytest

from socialmap.dataset import schema
from socialmap.dataset.columns import CSV_TABLES, csv_filename

DEFS = {
    "region": None,
    "neighbourhoods": "neighbourhood",
    "target_groups": "target_group",
    "organisations": "organisation",
    "locations": "location",
    "offers": "offer",
    "referral_links": "referral_link",
}


def _record_schema(table: str) -> dict:
    document = schema()
    name = DEFS[table]
    return document["properties"]["region"] if name is None else document["$defs"][name]


def _leaf_paths(node: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in node.get("properties", {}).items():
        resolved = schema()["$defs"][value["$ref"].split("/")[-1]] if "$ref" in value else value
        if resolved.get("type") == "object" and "properties" in resolved and key != "geometry":
            paths |= _leaf_paths(resolved, f"{prefix}{key}.")
        elif key == "labels":
            paths |= {f"{prefix}labels.{lang}" for lang in ("de", "nl", "en")}
        else:
            paths.add(prefix + key)
    return paths


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("table", sorted(CSV_TABLES))
def test_csv_columns_are_exactly_the_schema_fields(table):
    columns = {column.path for column in CSV_TABLES[table]}
    assert columns == _leaf_paths(_record_schema(table))


@pytest.mark.parametrize("table", sorted(CSV_TABLES))
def test_shipped_templates_match_the_columns(table):
    template = resources.files("socialmap.dataset") / "templates" / csv_filename(table)
    with template.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [[column.name for column in CSV_TABLES[table]]]


def test_demo_datasets_validate_against_the_schema(demo_paths):
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert len(demo_paths) == 2
    for path in demo_paths:
        errors = list(validator.iter_errors(json.loads(path.read_text("utf-8"))))
        assert errors == [], (path, errors[:1])
