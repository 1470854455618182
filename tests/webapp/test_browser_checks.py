"""axe-core on the main pages, and hostile data in a real browser: nothing may execute."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import wait_until
from web_browser import cut_network
from web_datasets import CLOSE_SCRIPT, IMG, SCRIPT, SVG, TEMPLATE

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    # Let the map's fades and zooms end first: axe reads colours, and a marker cluster's
    # label half-way through its opacity transition is not what a person looks at.
    for _ in range(50):  # at most 5 s; an endless animation: check the page as it is
        if page.evaluate("() => document.getAnimations().every((a) => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def submit_referral(page) -> None:
    """A man on rung 2: paths exist, and the women-only coffee morning is excluded."""
    page.get_by_label("Where does the client stand now?").select_option("2")
    page.get_by_label("Gender").select_option("male")
    page.get_by_label("Postcode").fill("2513")
    page.get_by_role("button", name="Find paths").click()
    page.locator("section.path").first.wait_for()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?category=language-course&free=1",
        "/offers/coffee",
        "/offers/job",
        "/organisations/women-centre",
        "/referral/",
        "/no-such-page",
        "/?lang=de",
        "/?lang=nl",
    ],
)
def test_no_serious_accessibility_violations(page, live_server, path):
    cut_network(page, live_server)
    page.goto(live_server + path)
    if page.locator(".folium-map").count():
        page.locator(".folium-map.sm-loaded").first.wait_for()
    assert serious_violations(page) == []


def test_no_serious_accessibility_violations_in_the_referral_flow(page, live_server):
    cut_network(page, live_server)
    page.goto(live_server + "/referral/")
    page.get_by_role("button", name="Find paths").click()  # no step chosen: errors
    page.locator(".error-summary").wait_for()
    assert serious_violations(page) == []
    submit_referral(page)
    page.locator(".folium-map.sm-loaded").first.wait_for()
    page.locator(".why-not details summary").click()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Route sheet of path 1 for the client").click()
    page.locator(".route-sheet").wait_for()
    assert serious_violations(page) == []


def test_no_serious_accessibility_violations_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        cut_network(page, live_server)
        page.goto(live_server + "/")
        page.locator(".folium-map.sm-loaded").wait_for(state="attached")
        assert serious_violations(page) == []  # the list
        page.locator(".view-switch [data-view=map]").click()
        page.locator(".folium-map.sm-loaded").wait_for()
        assert serious_violations(page) == []  # the map
    finally:
        context.close()


def watch(page) -> list[str]:
    """Record every dialog and every console message that mentions the marker."""
    fired: list[str] = []

    def on_dialog(dialog) -> None:
        fired.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: fired.append(f"console: {m.text}") if "xss" in m.text else None)
    return fired


def executed(page) -> bool:
    return page.evaluate("typeof window.__xss !== 'undefined'")


#: What the map shows: how many offer markers, and whether it is zooming or spreading a cluster.
MAP_STATE = """() => ({
  markers: document.querySelectorAll("path.sm-offer-marker").length,
  moving: document.querySelector(".leaflet-zoom-anim, .leaflet-cluster-anim") !== null,
})"""


def open_cluster(page, cluster) -> None:
    """Click a marker cluster and wait until the map has zoomed into it or spread it out."""
    wait_until(lambda: not page.evaluate(MAP_STATE)["moving"], what="the map to stand still")
    markers_before = page.evaluate(MAP_STATE)["markers"]
    clicked = cluster.element_handle()
    clicked.click()

    def opened() -> bool:
        state = page.evaluate(MAP_STATE)
        replaced = not clicked.evaluate("node => node.isConnected")  # zoomed: new clusters
        return not state["moving"] and (replaced or state["markers"] > markers_before)

    wait_until(opened, timeout=5, what="the map to open the clicked marker cluster")


def test_hostile_data_never_executes_on_the_map_and_pages(page, hostile_server):
    fired = watch(page)
    cut_network(page, hostile_server)
    page.goto(hostile_server + "/")
    page.locator(".folium-map.sm-loaded").wait_for()
    page.locator("path.sm-boundary").first.hover(position={"x": 4, "y": 4})
    page.locator(".leaflet-tooltip").first.wait_for()
    assert page.locator(".leaflet-tooltip").first.inner_text() in (
        f"West {IMG}",
        f"East {CLOSE_SCRIPT}",
    )
    # Open every marker's popup: zoom in through the clusters first.
    for _ in range(5):
        clusters = page.locator(".marker-cluster")
        if not clusters.count():
            break
        open_cluster(page, clusters.first)
    page.locator("path.sm-offer-marker").first.click()
    page.locator(".sm-popup").wait_for()
    assert any(s in page.locator(".sm-popup").inner_text() for s in (SCRIPT, IMG, SVG))
    assert page.get_by_text(f"Koffie {SCRIPT}").first.is_visible()  # the list, literally
    for path in (
        "/offers/coffee",
        "/offers/language",
        "/offers/volunteer",
        "/offers/job",
        "/organisations/municipality",
        "/organisations/college",
    ):
        page.goto(hostile_server + path)
        page.locator("h1").wait_for()
    assert page.get_by_role("heading", name=f"ROC {TEMPLATE}").is_visible()
    assert not executed(page)
    assert fired == []


def test_hostile_data_never_executes_in_the_referral_desk(page, hostile_server):
    fired = watch(page)
    cut_network(page, hostile_server)
    page.goto(hostile_server + "/referral/")
    submit_referral(page)
    page.locator(".folium-map.sm-loaded").first.wait_for()
    step = page.locator(".sm-step").first
    step.hover()
    page.locator(".leaflet-tooltip").first.wait_for()
    page.locator(".why-not details summary").click()
    page.get_by_role("button", name="Route sheet of path 1 for the client").click()
    page.locator(".route-sheet").wait_for()
    assert not executed(page)
    assert fired == []
