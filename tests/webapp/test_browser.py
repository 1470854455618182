"""What a person does, in Debian's chromium: map offline, filters, referral, language, print.

Every test cuts the network to everything but the app itself, as a resident's
phone without signal (or a locked-down office PC) would.
"""

from __future__ import annotations

import pytest
from conftest import make_app
from playwright.sync_api import expect
from web_browser import cut_network, serve

pytestmark = pytest.mark.browser


def open_page(page, base: str, path: str = "/") -> list[str]:
    blocked = cut_network(page, base)
    page.goto(base + path)
    return blocked


def wait_for_map(page, index: int = 0) -> None:
    page.locator(".folium-map.sm-loaded").nth(index).wait_for(timeout=10_000)


def test_map_shows_markers_and_boundaries_offline(page, live_server):
    blocked = open_page(page, live_server)
    wait_for_map(page)
    assert page.locator(".folium-map").get_attribute("data-markers") == "3"
    assert page.locator("path.sm-boundary").count() == 2
    markers = page.locator(".marker-cluster, path.sm-offer-marker")
    assert markers.count() >= 1 and markers.first.is_visible()
    assert page.locator(".sm-legend").is_visible()
    assert "CBS" in page.locator(".leaflet-control-attribution").inner_text()
    assert blocked == []  # nothing outside the app was even asked for


def test_map_works_when_the_tile_server_is_unreachable(page, tiny_db):
    app = make_app(
        tiny_db,
        TILES="https://tile.openstreetmap.org/{z}/{x}/{y}.png|© OpenStreetMap contributors",
    )
    with serve(app) as base:
        blocked = open_page(page, base)
        wait_for_map(page)
        assert page.locator("path.sm-boundary").count() == 2
        assert page.locator(".marker-cluster, path.sm-offer-marker").count() >= 1
        attribution = page.locator(".leaflet-control-attribution").inner_text()
        assert "OpenStreetMap" in attribution and "GeoNames" in attribution
    assert blocked and all(url.startswith("https://tile.openstreetmap.org/") for url in blocked)


def test_a_crowded_view_shows_counts_that_open_on_a_click(page, tiny_db):
    """With more offers in view than the map draws, cells count them; a click zooms in."""
    with serve(make_app(tiny_db, MAP_MAX_POINTS=2)) as base:
        open_page(page, base)
        wait_for_map(page)
        cells = page.locator(".sm-cell")
        expect(cells.first).to_be_visible()
        counts = [int(cells.nth(i).inner_text()) for i in range(cells.count())]
        assert sum(counts) == 3
        assert page.locator("path.sm-offer-marker").count() == 0
        page.evaluate("document.querySelector('.folium-map').classList.remove('sm-loaded')")
        cells.first.click()
        wait_for_map(page)
        expect(page.locator(".marker-cluster, path.sm-offer-marker").first).to_be_visible()


def test_a_filter_narrows_the_list_and_the_map(page, live_server):
    open_page(page, live_server)
    wait_for_map(page)
    assert page.locator(".cards > li").count() == 4
    page.get_by_label("Kind of offer").select_option(label="Language course")
    page.get_by_role("button", name="Show offers").click()
    wait_for_map(page)
    assert page.locator(".cards > li").count() == 1
    assert page.get_by_role("heading", name="1 offer").is_visible()
    assert page.locator(".folium-map").get_attribute("data-markers") == "1"


def test_search_with_the_keyboard_only(page, live_server):
    open_page(page, live_server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.locator("#q").focus()
    page.keyboard.type("ontmoeten")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=ontmoeten**")
    assert page.locator(".cards > li").count() == 1


def test_a_popup_shows_the_offer_and_links_to_it(page, live_server):
    open_page(page, live_server, "/?neighbourhood=n-east")
    wait_for_map(page)
    page.locator("path.sm-offer-marker").first.click()
    popup = page.locator(".sm-popup")
    popup.wait_for()
    assert "Koffieochtend" in popup.inner_text()
    popup.get_by_role("link").click()
    page.wait_for_url("**/offers/coffee")


def fill_referral(page) -> None:
    page.get_by_label("Where does the client stand now?").select_option("1")
    page.get_by_label("Gender").select_option(label="female")
    page.get_by_label("Turkish").check()
    page.get_by_label("Postcode").fill("2513")
    page.get_by_label("Language of the route sheet for the client").select_option(label="German")
    page.get_by_role("button", name="Find paths").click()


def test_referral_gives_numbered_steps_and_a_path_on_the_map(page, live_server):
    open_page(page, live_server, "/referral/")
    fill_referral(page)
    page.get_by_role("heading", name="Referral paths").wait_for()
    first = page.locator("section.path").first
    steps = first.locator(".steps > li")
    assert steps.count() >= 2
    assert steps.nth(0).locator(".step-number").inner_text() == "1"
    assert "Koffieochtend" in steps.nth(0).inner_text()
    assert "Warm handover" in steps.nth(1).inner_text()
    wait_for_map(page)
    markers = first.locator(".sm-step-number")
    assert markers.count() == steps.count()
    assert [markers.nth(i).inner_text() for i in range(markers.count())] == [
        str(n) for n in range(1, markers.count() + 1)
    ]
    assert first.locator("path.sm-path").count() == 1
    assert "2513" not in page.url and "female" not in page.url


def test_route_sheet_prints_in_the_clients_language(page, live_server):
    open_page(page, live_server, "/referral/")
    fill_referral(page)
    page.get_by_role("button", name="Route sheet of path 1 for the client").click()
    page.get_by_role("heading", name="Ihr Weg").wait_for()
    assert page.locator("html").get_attribute("lang") == "de"
    page.wait_for_load_state("load")  # the print style sheet
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".sheet-tools")).to_be_hidden()
    assert page.get_by_role("heading", name="Schritt 1: Koffieochtend").is_visible()
    assert page.get_by_text("Bitte mitbringen").first.is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_language_switch_changes_the_interface(page, live_server):
    open_page(page, live_server)
    page.locator(".language-switch summary").click()  # the menu names each language in itself
    page.get_by_role("link", name="Deutsch").click()
    page.get_by_role("heading", name="Angebote in Ihrer Nähe").wait_for()
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.get_by_label("Art des Angebots")).to_be_visible()  # "more filters", opened
    page.get_by_role("link", name="Weitervermittlung").click()
    page.get_by_role("heading", name="Weitervermittlung").wait_for()
    assert page.get_by_label("Wo steht die Person jetzt?").is_visible()
    page.locator(".language-switch summary").click()
    page.get_by_role("link", name="Nederlands").click()
    page.get_by_role("heading", name="Verwijsloket").wait_for()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_usable_on_a_phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nl-NL", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        open_page(page, live_server)
        page.locator(".view-switch [data-view=map]").tap()  # the list first, the map a tap away
        wait_for_map(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert page.locator(".folium-map").bounding_box()["width"] <= 360
        assert page.get_by_role("heading", name="Aanbod bij u in de buurt").is_visible()
    finally:
        context.close()
