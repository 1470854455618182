"""Shared fixtures: fresh databases and dataset files built in memory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from builders import tiny_dataset  # noqa: E402

from socialmap.store import open_db  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_db(tmp_path):
    """An empty, migrated database in a temporary file."""
    db = open_db(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture
def tiny():
    """A fresh copy of the tiny valid dataset (see ``builders.tiny_dataset``)."""
    return tiny_dataset()


@pytest.fixture
def write_json(tmp_path):
    """Write a dataset dict to a JSON file and return its path."""

    def write(data, name="dataset.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def demo_paths():
    """The shipped demo datasets."""
    return sorted((ROOT / "data" / "demo").glob("*.json"))
