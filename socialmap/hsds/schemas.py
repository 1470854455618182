"""Validate records against the official HSDS 3.0 JSON Schemas, read from a folder.

socialmap does not ship the HSDS schemas; they live in a checkout of
``openreferral/specification`` (the tests use the copy in ``tests/hsds-3.0/schema``).
:func:`validator` builds a JSON Schema validator for one schema file there,
resolving the schemas' relative ``$ref``s (``"attribute.json"``) and the
OpenAPI file's absolute ones (``https://raw.githubusercontent.com/…``) from
the same folder, with ``uuid``, ``email``, ``uri`` and ``date-time`` formats
checked.  Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

__all__ = ["SPEC_URL", "FORMAT_CHECKER", "registry", "validator", "errors"]

#: Where the OpenAPI file says the schemas live; resolved to the local folder.
SPEC_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

FORMAT_CHECKER = jsonschema.FormatChecker()


@FORMAT_CHECKER.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlparse(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"mailto", "urn"})


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value.upper() and dt.datetime.fromisoformat(value) is not None


@cache
def registry(schema_dir: Path) -> referencing.Registry:
    """Every schema of ``schema_dir`` and ``compiled/``, by relative path and by spec URL."""
    resources = []
    for file in sorted(schema_dir.glob("*.json")) + sorted(schema_dir.glob("compiled/*.json")):
        if file.name == "openapi.json":
            continue
        name = file.relative_to(schema_dir).as_posix()
        resource = DRAFT202012.create_resource(json.loads(file.read_text(encoding="utf-8")))
        resources += [(name, resource), (SPEC_URL + name, resource)]
    return referencing.Registry().with_resources(resources)


@cache
def validator(schema_dir: Path, name: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema file ``name`` (``"taxonomy.json"``, ``"compiled/service.json"``).

    ``schema_dir`` is the HSDS ``schema`` folder.
    """
    schema = registry(schema_dir).contents(name)
    return jsonschema.Draft202012Validator(
        schema, registry=registry(schema_dir), format_checker=FORMAT_CHECKER
    )


def errors(schema_dir: Path, name: str, record: Any) -> list[str]:
    """Every problem of ``record`` against schema ``name``, as ``path: message`` lines."""
    found = validator(schema_dir, name).iter_errors(record)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found)
