"""Shared fixtures and helpers of the HSDS tests (no tests of its own).

The official HSDS 3.0 schemas, OpenAPI file and examples are vendored in
``tests/hsds-3.0`` (CC BY-SA 4.0, licence beside them): :data:`HSDS` is the one
place that path is spelled.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from socialmap.dataset.reader import Document
from socialmap.hsds import schemas
from socialmap.importer import export_dataset, import_document
from socialmap.store import open_db

ROOT = Path(__file__).resolve().parents[1]
HSDS = ROOT / "tests" / "hsds-3.0"
DEMO = ROOT / "data" / "demo"
REGIONS = ("den-haag", "gladbeck")


def schema_dir() -> Path:
    return HSDS / "schema"


def errors(schema: str, record: Any) -> list[str]:
    """Every problem of ``record`` against the official schema file ``schema``."""
    return schemas.errors(schema_dir(), schema, record)


def stored(data: dict[str, Any], path: Path | str = ":memory:"):
    """A database holding ``data`` (a dataset dict), and the dataset as the store returns it."""
    db = open_db(path)
    import_document(db, Document(data=json.loads(json.dumps(data)), source="test.json"))
    (exported,) = export_dataset(db, data["region"]["id"])
    return db, exported


@cache
def demo_dataset(region: str) -> dict[str, Any]:
    """A demo region after a trip through the store (the form every export starts from)."""
    data = json.loads((DEMO / f"{region}.json").read_text(encoding="utf-8"))
    db, exported = stored(data)
    db.close()
    return exported


def file_hash(path: Path) -> str:
    """SHA-256 of a database file and its WAL, to prove an import changed nothing."""
    digest = hashlib.sha256()
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
