"""The two demo regions (Gladbeck and Den Haag) in one database, built once per session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_datasets import import_dataset

from socialmap.store import open_db

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"

__all__ = ["demo_db", "demo_server", "active_language_courses", "LONG_EMAIL"]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Iterator[Path]:
    """The database of both demo regions (read only)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    for name in ("gladbeck", "den-haag"):
        with (DEMO / f"{name}.json").open(encoding="utf-8") as handle:
            import_dataset(path, json.load(handle))
    yield path


def active_language_courses(path: Path, region: str) -> set[str]:
    """The ids of the region's language courses active today."""
    db = open_db(path)
    try:
        rows = db.execute(
            "SELECT id FROM offers WHERE region = ? AND category = 'language-course'"
            " AND COALESCE(valid_from, '0000-01-01') <= date('now')"
            " AND COALESCE(valid_until, '9999-12-31') >= date('now')",
            [region],
        ).fetchall()
    finally:
        db.close()
    return {row[0] for row in rows}


#: A long e-mail address, as some organisations have: the offer page must not get wider.
LONG_EMAIL = (
    "beratungsstelle-fuer-berufsrueckkehrerinnen-und-alleinerziehende"
    "@kompetenzzentrum-frau-und-beruf-emscher-lippe.example.org"
)


@pytest.fixture(scope="session")
def demo_server(demo_db, tmp_path_factory) -> Iterator[str]:
    """Base URL of the app over both demo regions (one offer with a very long e-mail address)."""
    import logging
    import shutil

    from conftest import make_app
    from web_browser import serve

    path = tmp_path_factory.mktemp("demo-served") / "demo.db"
    shutil.copy(demo_db, path)
    db = open_db(path)
    try:
        db.execute(
            "UPDATE offers SET contact_email = ? WHERE id = 'gla-vhs-alphakurs'", [LONG_EMAIL]
        )
        db.conn.commit()
    finally:
        db.close()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with serve(make_app(path, TESTING=False)) as url:
        yield url
