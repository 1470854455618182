"""The network's pages in Debian's chromium: a coordinator undoes an editor's change and the map
shows the old state again; a resident's report reaches the coordinator's queue; axe-core finds
no serious or critical issue; the pages fit a 390 px phone and work with the keyboard alone."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_app
from editing_env import PASSWORD, auth
from helpers import copy_db, wait_until
from network_env import build_network_world
from test_browser_checks import serious_violations
from web_browser import cut_network, serve

pytestmark = pytest.mark.browser

NETWORK_PAGES = [
    "/network/",
    "/network/suggestions",
    "/network/history",
    "/network/history?record=offer:coffee",
    "/network/upkeep",
    "/network/users",
    "/network/registrations",
    "/network/confirm/women-centre",
]
PUBLIC_PAGES = ["/join/", "/account/reset", "/offers/coffee/report"]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("browser-network") / "world.db"
    return path, build_network_world(path)


@pytest.fixture
def server(world, tmp_path) -> Iterator[tuple[str, object, dict[str, str]]]:
    """A live app (CSRF on) over a private copy of the world; (URL, test client, tokens)."""
    path = copy_db(world[0], tmp_path / "live.db")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = make_app(path, TESTING=False)
    with serve(app) as url:
        yield url, app.test_client(), world[1]


def log_in(page, url: str, role: str) -> None:
    """Log the page's browser context in (the login form's own request, with its CSRF token)."""
    form = page.request.get(url + "/account/login").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    data = {"csrf_token": token, "email": f"{role}@example.org", "password": PASSWORD}
    response = page.request.post(url + "/account/login", form=data, max_redirects=0)
    assert response.status == 302, response.text()[:300]


def markers(page, url: str, path: str) -> str | None:
    cut_network(page, url)
    page.goto(url + path)
    page.locator(".folium-map.sm-loaded").first.wait_for()
    return page.locator(".folium-map").get_attribute("data-markers")


def test_a_coordinator_undoes_an_editors_change_and_the_map_shows_the_old_state(page, server):
    url, client, tokens = server
    language_courses = "/?region=testville&category=language-course"
    assert markers(page, url, language_courses) == "1"
    edited = client.patch(
        "/api/offers/coffee",
        json={"category": "language-course", "name": "Taalcafé"},
        headers=auth(tokens, "editor"),
    )
    assert edited.status_code == 200
    wait_until(lambda: markers(page, url, language_courses) == "2", what="the edit on the map")
    log_in(page, url, "coordinator")
    page.goto(url + "/network/history?record=offer:coffee")
    newest = page.locator("li.card").first
    assert "editor@example.org" in newest.inner_text()
    assert "Taalcafé" in newest.locator("table.diff").inner_text()
    newest.get_by_role("button", name="Undo this change").click()
    page.get_by_text("was undone").wait_for()
    wait_until(lambda: markers(page, url, language_courses) == "1", what="the old state on the map")
    page.goto(url + "/offers/coffee")
    assert page.locator("h1").inner_text() == "Koffie & praten"


def test_a_report_from_the_public_reaches_the_coordinators_queue(browser, page, server):
    url, _client, _tokens = server
    page.goto(url + "/offers/coffee")
    page.get_by_text("Report a problem with this information").click()
    page.get_by_label("The address is wrong").check()
    page.get_by_label("What should we know?").fill("They moved to <b>Plein 2</b>")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    context = browser.new_context(locale="en-GB")
    coordinator = context.new_page()
    try:
        log_in(coordinator, url, "coordinator")
        coordinator.goto(url + "/network/suggestions")
        card = coordinator.locator("li.card", has_text="Plein 2")
        assert "They moved to <b>Plein 2</b>" in card.inner_text()  # shown as text
        assert "The address is wrong" in card.inner_text()
        card.get_by_role("button", name="Mark as done").click()
        coordinator.get_by_text("marked as done").wait_for()
        assert coordinator.locator("li.card", has_text="Plein 2").count() == 0
    finally:
        context.close()


def test_no_serious_accessibility_issues_on_the_network_pages(page, server):
    url, _client, _tokens = server
    cut_network(page, url)
    for path in PUBLIC_PAGES:
        page.goto(url + path)
        assert serious_violations(page) == [], path
    page.goto(url + "/offers/coffee")
    page.get_by_text("Report a problem with this information").click()
    assert serious_violations(page) == []
    log_in(page, url, "coordinator")
    for path in NETWORK_PAGES:
        page.goto(url + path)
        assert serious_violations(page) == [], path


def test_the_network_pages_fit_a_phone(browser, server):
    url, _client, _tokens = server
    context = browser.new_context(
        locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        log_in(page, url, "coordinator")
        for path in NETWORK_PAGES + PUBLIC_PAGES:
            page.goto(url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
    finally:
        context.close()


def _tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text contains ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if name in page.evaluate("document.activeElement.innerText || ''"):
            return
    raise AssertionError(f"{name!r} not reached with the Tab key")


def test_the_coordinator_works_with_the_keyboard_alone(page, server):
    url, client, _tokens = server
    log_in(page, url, "coordinator")
    page.goto(url + "/network/registrations")
    _tab_to(page, "Approve")
    page.keyboard.press("Enter")
    page.get_by_text("is on the map now").wait_for()
    page.goto(url + "/network/history?record=offer:coffee")
    _tab_to(page, "Undo this change")
    page.keyboard.press("Enter")
    page.get_by_text("was undone").wait_for()
    assert client.get("/api/offers/coffee").get_json()["name"] == "Koffieochtend"
