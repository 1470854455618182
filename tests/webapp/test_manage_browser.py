"""Editing on the web in Debian's chromium: an editor logs in, edits an offer, confirms
another and sees the change on the map and in a referral path; the manage pages pass
axe-core, fit a 390 px phone and work with the keyboard alone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import make_app
from editing_env import PASSWORD, build_world, set_password
from helpers import wait_until
from playwright.sync_api import expect
from test_browser import fill_referral, wait_for_map
from web_browser import cut_network, serve

from socialmap import editing
from socialmap.store import open_db

pytestmark = pytest.mark.browser

TWO = "two@example.org"  # an editor of two organisations of Testville


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app over its own world (it is written to), CSRF on as in production."""
    path: Path = tmp_path_factory.mktemp("manage-browser") / "world.db"
    build_world(path)
    db = open_db(path)
    token = editing.add_user(db, TWO, "editor", organisations=("women-centre", "municipality"))
    set_password(db, TWO, token)
    db.close()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with serve(make_app(path, TESTING=False)) as url:
        yield url


def log_in(page, server: str, email: str = TWO) -> None:
    page.goto(server + "/account/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/manage/**")


def test_an_editor_edits_confirms_and_sees_it_on_the_map_and_the_desk(page, server):
    cut_network(page, server)
    log_in(page, server)
    page.get_by_role("link", name="Vrouwencentrum").click()
    page.get_by_role("link", name="Edit: Koffieochtend").click()
    page.get_by_label("Name (required)").fill("Koffie en taal")
    page.get_by_label("Contact person", exact=True).fill("Fatma Yılmaz")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. The change is live on the map now.")).to_be_visible()
    expect(page.get_by_role("heading", name="Koffie en taal")).to_be_visible()

    page.get_by_role("link", name="All my organisations").click()
    page.get_by_role("link", name="Gemeente Testville").click()
    page.locator("#offer-volunteer").get_by_role("button", name="Still correct").click()
    expect(page.get_by_text("“Vrijwilligerswerk” is marked as checked today")).to_be_visible()
    expect(page.locator("#offer-volunteer")).not_to_contain_text("Not checked yet")

    # the map: the marker's popup names the offer as edited
    page.goto(server + "/?region=testville&neighbourhood=n-east")
    wait_for_map(page)
    page.locator("path.sm-offer-marker").first.click()
    expect(page.locator(".sm-popup")).to_contain_text("Koffie en taal")
    page.goto(server + "/offers/coffee")
    expect(page.get_by_text("Fatma Yılmaz")).to_be_visible()

    # the desk: the first step of the referral path is the edited offer (the routing
    # model follows the change feed; it shows the change within a second or two)
    def first_step() -> str:
        page.goto(server + "/referral/")
        fill_referral(page)
        page.get_by_role("heading", name="Referral paths").wait_for()
        return page.locator("section.path").first.locator(".steps > li").nth(0).inner_text()

    wait_until(lambda: "Koffie en taal" in first_step(), timeout=10, what="the desk's path")


BLOCKING = {"serious", "critical"}
PAGES = [
    "/manage/organisations/women-centre",
    "/manage/offers/coffee",
    "/manage/locations/loc-east",
    "/manage/referral-links/women-centre/college",
    "/manage/organisations/women-centre/referral-links/new",
    "/manage/organisations/women-centre/offers/new",
    "/manage/?lang=de",
    "/manage/organisations/women-centre?lang=nl",
]


@pytest.mark.parametrize("path", PAGES)
def test_manage_pages_pass_axe_and_fit_a_phone(browser, server, path):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        cut_network(page, server)
        log_in(page, server)
        page.goto(server + path)
        page.wait_for_load_state("load")
        violations = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in BLOCKING
        ]
        assert violations == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert errors == []
    finally:
        context.close()


def test_login_and_error_pages_pass_axe(page, server):
    cut_network(page, server)
    page.goto(server + "/account/login")
    page.get_by_role("button", name="Log in").click()
    page.locator(".error, .error-summary").first.wait_for()
    results = Axe().run(page).response["violations"]
    assert [v["id"] for v in results if v["impact"] in BLOCKING] == []
    page.goto(server + "/account/invite/no-such-link")
    assert [
        v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING
    ] == []


def tab_to(page, test: str, limit: int = 250) -> None:
    """Press Tab until ``test`` (JavaScript about ``el``, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_editing_with_the_keyboard_alone(page, server):
    cut_network(page, server)
    page.goto(server + "/account/login")
    tab_to(page, "el.id === 'email'")
    page.keyboard.type("editor@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/manage/organisations/women-centre")
    tab_to(page, "el.closest('#offer-coffee') && el.innerText.trim() === 'Still correct'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("is marked as checked today")).to_be_visible()
    tab_to(page, "el.closest('#offer-coffee') && el.innerText.startsWith('Edit')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/manage/offers/coffee")
    tab_to(page, "el.id === 'capacity'")
    page.keyboard.type("14")
    page.keyboard.press("Enter")  # Enter in a text field sends the form
    expect(page.get_by_text("Saved. The change is live on the map now.")).to_be_visible()
    page.goto(server + "/manage/offers/coffee")
    assert page.get_by_label("Places").input_value() == "14"


def test_the_pin_follows_a_drag_and_fills_the_position(page, server):
    cut_network(page, server)
    log_in(page, server)
    page.goto(server + "/manage/locations/loc-east")
    marker = page.locator("#location-map .leaflet-marker-icon")
    marker.wait_for()
    before = float(page.get_by_label("Latitude").input_value())
    box = marker.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y - 60, steps=8)
    page.mouse.up()
    wait_until(
        lambda: float(page.get_by_label("Latitude").input_value()) > before,
        timeout=5,
        what="the latitude input",
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.goto(server + "/manage/locations/loc-east")  # the saved point is the dragged one
    assert float(page.get_by_label("Latitude").input_value()) > before
