"""Fixtures of the web tests: apps over temporary databases, clients, a live server, chromium."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

# The app package `web` must win over this test folder of the same name.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from builders import tiny_dataset  # noqa: E402
from web_browser import CHROMIUM_ARGS, ensure_chromium, serve  # noqa: E402
from web_datasets import hostile_dataset, import_dataset  # noqa: E402

from web import create_app  # noqa: E402


def make_app(db_path: Path, **config):
    settings = {"DB": str(db_path), "TILES": "none", "TESTING": True}
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def tiny_db(tmp_path) -> Path:
    """A database holding the tiny dataset."""
    return import_dataset(tmp_path / "tiny.db", tiny_dataset())


@pytest.fixture
def app(tiny_db):
    """The app over the tiny dataset, with CSRF checks off (one test turns them on)."""
    return make_app(tiny_db, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def hostile_app(tmp_path):
    """The app over the hostile dataset."""
    db = import_dataset(tmp_path / "hostile.db", hostile_dataset())
    return make_app(db, WTF_CSRF_ENABLED=False)


@pytest.fixture(scope="session")
def session_dbs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("web")
    return {
        "tiny": import_dataset(folder / "tiny.db", tiny_dataset()),
        "hostile": import_dataset(folder / "hostile.db", hostile_dataset()),
    }


@pytest.fixture(scope="session")
def live_server(session_dbs):
    """Base URL of the app over the tiny dataset, served on loopback (CSRF on, as in production)."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with serve(make_app(session_dbs["tiny"], TESTING=False)) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_server(session_dbs):
    """Base URL of the app over the hostile dataset."""
    with serve(make_app(session_dbs["hostile"], TESTING=False)) as url:
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
