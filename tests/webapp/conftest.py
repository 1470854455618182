"""Fixtures of the web tests: apps over shared databases, clients, a live server, chromium.

The tiny and the hostile database are built once per session and shared by
every test that only reads them (``tiny_db``, ``hostile_db``, the apps and
servers over them); a test that writes uses ``writable_tiny_db``, its own copy.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The app package `web` must win over this test folder of the same name.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from builders import tiny_dataset  # noqa: E402
from helpers import SharedDb  # noqa: E402
from web_browser import CHROMIUM_ARGS, ensure_chromium, serve  # noqa: E402
from web_datasets import hostile_dataset, import_dataset  # noqa: E402

from web import create_app  # noqa: E402


def make_app(db_path: Path, **config):
    settings = {"DB": str(db_path), "TILES": "none", "TESTING": True}
    settings.update(config)
    return create_app(settings)


@pytest.fixture(scope="session")
def shared_dbs(tmp_path_factory) -> Iterator[dict[str, SharedDb]]:
    """The tiny and the hostile database, each imported once per session and then only read.

    The session fails at its end if either changed; a test that writes takes a
    copy (``writable_tiny_db``).
    """
    folder = tmp_path_factory.mktemp("web")
    dbs = {
        "tiny": SharedDb(import_dataset(folder / "tiny.db", tiny_dataset())),
        "hostile": SharedDb(import_dataset(folder / "hostile.db", hostile_dataset())),
    }
    yield dbs
    for db in dbs.values():
        db.check()


@pytest.fixture
def tiny_db(shared_dbs) -> Iterator[Path]:
    """The shared database of the tiny dataset, to read only: the test fails if it changed."""
    yield shared_dbs["tiny"].path
    shared_dbs["tiny"].check()


@pytest.fixture
def hostile_db(shared_dbs) -> Iterator[Path]:
    """The shared database of the hostile dataset, to read only: the test fails if it changed."""
    yield shared_dbs["hostile"].path
    shared_dbs["hostile"].check()


@pytest.fixture
def writable_tiny_db(shared_dbs, tmp_path) -> Path:
    """A private copy of the tiny database, for a test that writes."""
    return shared_dbs["tiny"].copy(tmp_path / "tiny.db")


@pytest.fixture
def app(tiny_db):
    """The app over the tiny dataset, with CSRF checks off (one test turns them on)."""
    return make_app(tiny_db, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def hostile_app(hostile_db):
    """The app over the hostile dataset."""
    return make_app(hostile_db, WTF_CSRF_ENABLED=False)


@pytest.fixture(scope="session")
def live_server(shared_dbs):
    """Base URL of the app over the tiny dataset, served on loopback (CSRF on, as in production)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with serve(make_app(shared_dbs["tiny"].path, TESTING=False)) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_server(shared_dbs):
    """Base URL of the app over the hostile dataset."""
    with serve(make_app(shared_dbs["hostile"].path, TESTING=False)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page (own cookies) in English at desktop size; page errors fail the test."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.page_errors = errors
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
