# ruff: noqa: F811  (the demo fixtures are imported by name)
"""The residents' pages in Debian's chromium, over both demo regions: languages, right to
left, own-words search, phones, near me, the next-step questions, accessibility and weight.

Every test cuts the network to everything but the app, as a phone without signal would.
"""

from __future__ import annotations

import re

import pytest
from demo_fixtures import (  # noqa: F401
    LONG_EMAIL,
    active_language_courses,
    demo_db,
    demo_server,
)
from test_browser_checks import serious_violations
from web_browser import cut_network

from web.maps import RUNG_COLOURS

pytestmark = pytest.mark.browser

LANGUAGES = ["de", "nl", "en", "tr", "ar", "uk", "fa", "de@easy", "nl@easy"]
OWN_WORDS = (
    "Sprache",
    "Sprachkurs",
    "Deutschkurs",
    "taalles",
    "language course",
    "dil kursu",
    "курси мови",
)
#: Every kind of resident page (the next-step answers are posted by ``answer_next_step``).
PAGES = (
    "/?region=den-haag",
    "/?region=gladbeck&q=Sprachkurs&postcode=45964",
    "/offers/gla-vhs-alphakurs",
    "/organisations/vhs-gladbeck",
    "/next-step",
    "/no-such-page",
)


def phone(browser, width: int, locale: str = "en-GB"):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True, locale=locale
    )
    return context, context.new_page()


def wait_for_map(page) -> None:
    page.locator(".folium-map.sm-loaded").first.wait_for(state="attached", timeout=10_000)


def answer_next_step(page, want: str, postcode: str, language: str) -> None:
    """Answer the questions by clicking the pictogram cards, then send them."""
    page.locator(f"label[for='want-{want}']").click()
    page.locator("#postcode").fill(postcode)
    page.locator(f"label[for='language-{language}']").click()
    page.locator("label[for='age-27-49']").click()
    page.locator(".next-step-form button[type=submit]").click()
    page.locator("h1").wait_for()


def first_steps(page) -> list[str]:
    links = page.locator(".first-step h3 a")
    return [links.nth(i).get_attribute("href").rsplit("/", 1)[-1] for i in range(links.count())]


# --- languages --------------------------------------------------------------------------------


def test_a_turkish_browser_gets_turkish_pages(browser, demo_server):
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    try:
        cut_network(page, demo_server)
        page.goto(demo_server + "/?region=gladbeck")
        assert page.locator("html").get_attribute("lang") == "tr"
        page.get_by_role("heading", name="Yakınınızdaki hizmetler").wait_for()
        assert page.get_by_label("Ne arıyorsunuz?").is_visible()
        page.locator(".cards h3 a").first.click()
        page.get_by_role("heading", name="Nasıl katılırım").wait_for()
        assert page.locator("html").get_attribute("lang") == "tr"
        # The offer's own text stays German, marked as such for screen readers.
        assert page.locator("h1").get_attribute("lang") == "de"
    finally:
        context.close()


def test_an_arabic_browser_gets_mirrored_arabic_pages_that_pass_axe(browser, demo_server):
    context = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        cut_network(page, demo_server)
        page.goto(demo_server + "/?region=den-haag")
        wait_for_map(page)
        html = page.locator("html")
        assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
        page.get_by_role("heading", name="عروض بالقرب منك").wait_for()
        # Mirrored: the search words come first on the right, the postcode to their left,
        # and the label's text starts at the right edge.
        words = page.locator(".search-words").bounding_box()
        place = page.locator(".search-place").bounding_box()
        assert words["x"] > place["x"]
        text = page.evaluate(
            "(() => { const r = document.createRange();"
            " r.selectNodeContents(document.querySelector('label[for=q]'));"
            " return r.getBoundingClientRect().right; })()"
        )
        field = page.locator("#q").bounding_box()
        assert abs(text - (field["x"] + field["width"])) < 3
        # The map keeps working: zoom in with its control.
        before = page.evaluate("document.querySelector('.leaflet-control-zoom-in').className")
        page.locator(".leaflet-control-zoom-in").click()
        assert "leaflet-disabled" not in before
        assert serious_violations(page) == []
        for path in ("/offers/yasmin.taalcafe", "/organisations/zebra-welzijn", "/next-step"):
            page.goto(demo_server + path)
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert serious_violations(page) == [], path
        answer_next_step(page, "language", "2525", "ar")
        assert page.locator(".first-step").count() >= 2
        assert serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violations_in_any_language(page, demo_server, lang):
    cut_network(page, demo_server)
    for path in PAGES:
        page.goto(demo_server + path + ("&" if "?" in path else "?") + f"lang={lang}")
        if page.locator(".folium-map").count():
            wait_for_map(page)
        assert serious_violations(page) == [], (lang, path)
    page.goto(demo_server + f"/next-step?lang={lang}")
    page.locator(".next-step-form button[type=submit]").click()  # nothing answered: errors
    page.locator(".error-summary").wait_for()
    assert serious_violations(page) == [], (lang, "next-step errors")
    answer_next_step(page, "work", "45964", "tr")
    assert serious_violations(page) == [], (lang, "next-step result")


def test_the_language_menu_names_each_language_in_itself(page, demo_server):
    cut_network(page, demo_server)
    page.goto(demo_server + "/?lang=en")
    page.locator(".language-switch summary").click()
    page.get_by_role("link", name="Türkçe").click()
    page.get_by_role("heading", name="Yakınınızdaki hizmetler").wait_for()
    page.locator(".language-switch summary").click()
    page.get_by_role("link", name="فارسی").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".language-switch summary").click()
    page.get_by_role("link", name="Einfache Sprache").click()
    assert page.locator("html").get_attribute("lang") == "de-x-easy"
    assert page.locator(".glossary").is_visible()  # open in easy language


# --- search in residents' words ---------------------------------------------------------------


@pytest.mark.parametrize("region", ["gladbeck", "den-haag"])
def test_each_own_word_finds_the_language_courses(page, demo_server, demo_db, region):  # noqa: F811
    courses = active_language_courses(demo_db, region)
    cut_network(page, demo_server)
    for word in OWN_WORDS:
        page.goto(demo_server + f"/?region={region}&lang=en")
        page.locator("#q").fill(word)
        page.locator("#q").press("Enter")
        page.wait_for_url("**q=**")
        cards = page.locator(".cards h3 a")
        shown = {
            cards.nth(i).get_attribute("href").rsplit("/", 1)[-1]
            for i in range(min(cards.count(), len(courses)))
        }
        assert shown == courses, (word, courses - shown)


# --- phones -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 390])
def test_phone_pages_fit_the_screen_and_open_with_the_search(browser, demo_server, width):
    context, page = phone(browser, width)
    try:
        cut_network(page, demo_server)
        for lang in ("nl", "de", "ar"):
            for path in PAGES:
                page.goto(demo_server + path + ("&" if "?" in path else "?") + f"lang={lang}")
                wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert wide <= 0, (lang, path, wide)
        page.goto(demo_server + "/offers/gla-vhs-alphakurs")
        assert page.get_by_text(LONG_EMAIL).is_visible()
        page.goto(demo_server + "/next-step")
        answer_next_step(page, "language", "45964", "de")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        # The home page opens with the search box and the list/map switch on the first screen.
        page.goto(demo_server + "/?lang=nl")
        height = page.evaluate("window.innerHeight")
        assert page.locator("#q").bounding_box()["y"] < height / 2
        switch = page.locator(".view-switch [data-view=map]")
        assert switch.bounding_box()["y"] + switch.bounding_box()["height"] <= height
        assert not page.locator(".folium-map").is_visible()  # the list first …
        switch.tap()
        wait_for_map(page)
        assert page.locator(".folium-map").is_visible()  # … the map one tap away
        assert page.locator(".folium-map").bounding_box()["width"] <= width
        assert not page.locator(".offer-list").is_visible()
    finally:
        context.close()


def test_tap_targets_are_at_least_44_pixels(browser, demo_server):
    context, page = phone(browser, 390)
    try:
        cut_network(page, demo_server)
        page.goto(demo_server + "/?region=gladbeck&q=Sprachkurs")
        page.locator(".more-filters summary").tap()
        page.locator(".language-switch summary").tap()
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                 'button, input, select, summary, .view-switch a, .language-switch a,'
                 + ' .cards h3 a, .pager a, .next-step-link a, .site-nav a')]
               .filter(e => e.offsetParent !== null && e.type !== 'hidden')
               .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height])
               .filter(([_, h]) => h < 44)"""
        )
        # Checkboxes sit inside a 44 px row with their label, which takes the tap too.
        assert [s for s in small if "checkbox" not in s[0]] == []
    finally:
        context.close()


def test_the_map_follows_the_filter_and_its_counts_agree_with_the_list(page, demo_server):
    cut_network(page, demo_server)
    page.goto(demo_server + "/?region=den-haag&neighbourhood=wijk-39&lang=en")
    wait_for_map(page)
    listed = page.locator(".cards > li").count()
    heading = page.locator("#list-heading").inner_text()
    assert listed and heading.startswith(f"{listed} offer")
    assert page.locator(".folium-map").get_attribute("data-markers") == str(listed)
    zoom = page.evaluate(
        "Object.values(window).find(v => v && v._leaflet_id && v.getZoom).getZoom()"
    )
    assert zoom >= 13  # the neighbourhood, not the whole city
    colours = page.evaluate(
        "[...document.querySelectorAll('.marker-cluster div')]"
        ".map(e => getComputedStyle(e).backgroundColor)"
    )
    rungs = {
        "rgb({}, {}, {})".format(*(int(c[i : i + 2], 16) for i in (1, 3, 5)))
        for c in RUNG_COLOURS.values()
    }
    assert not set(colours) & rungs


# --- near me ----------------------------------------------------------------------------------


def test_a_postcode_sorts_by_distance_and_shows_it(page, demo_server):
    cut_network(page, demo_server)
    page.goto(demo_server + "/?region=gladbeck&lang=de")
    page.locator("#postcode").fill("45968")
    page.locator("#postcode").press("Enter")
    page.wait_for_url("**postcode=45968**")
    texts = page.locator(".cards .distance").all_inner_texts()
    numbers = [float(re.search(r"[0-9]+,[0-9]", t).group().replace(",", ".")) for t in texts]
    assert len(numbers) >= 10 and numbers == sorted(numbers)
    page.locator("#postcode").fill("00000")
    page.locator("#postcode").press("Enter")
    assert page.get_by_role("alert").inner_text().startswith("Diese Postleitzahl kennen wir nicht")


def test_the_location_button_sorts_by_distance(browser, demo_server):
    context = browser.new_context(
        geolocation={"latitude": 52.0638, "longitude": 4.3023},
        permissions=["geolocation"],
        locale="nl-NL",
    )
    page = context.new_page()
    try:
        cut_network(page, demo_server)
        page.goto(demo_server + "/?region=den-haag")
        page.get_by_role("button", name="Mijn locatie gebruiken").click()
        page.wait_for_url("**near=52.0638**")
        assert page.locator(".cards .distance").count() >= 10
        assert "52.0638" not in (page.locator("#postcode").input_value() or "")
    finally:
        context.close()


# --- what is my next step? --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "want", "postcode", "language", "expected_category", "region_prefix"),
    [
        ("ar", "language", "2525", "ar", "language-course", ""),
        ("tr", "work", "45964", "tr", "job-coaching|employment|work-experience", "gla-"),
        ("de", "children", "45968", "de", "childcare|parenting-support", "gla-"),
    ],
)
def test_next_step_gives_first_steps_of_the_wanted_kind(
    page,
    demo_server,
    demo_db,
    lang,
    want,
    postcode,
    language,
    expected_category,
    region_prefix,  # noqa: F811
):
    from socialmap import search
    from socialmap.store import open_db

    cut_network(page, demo_server)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_server + f"/next-step?lang={lang}")
    assert page.locator(".choice svg").count() >= 10  # a pictogram on every answer
    answer_next_step(page, want, postcode, language)
    steps = first_steps(page)
    assert 2 <= len(steps) <= 3
    db = open_db(demo_db)
    try:
        categories = [search.get_offer(db, s)["category"] for s in steps]
    finally:
        db.close()
    assert re.fullmatch(expected_category, categories[0]), categories
    assert all(s.startswith(region_prefix) for s in steps)
    assert page.locator(".path-overview li").count() >= 1
    assert page.locator(".first-step").first.get_by_text(re.compile(r"@|\+")).count() >= 1
    # The answers travelled in the POST body only: never in a URL.
    assert all(postcode not in url for url in requests)
    assert postcode not in page.url


# --- weight -----------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["gladbeck", "den-haag"])
def test_the_home_page_weighs_at_most_300_kb_on_a_phone(browser, demo_server, region):
    context, page = phone(browser, 390, locale="de-DE")
    try:
        cut_network(page, demo_server)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: dict[str, int] = {}
        cdp.on(
            "Network.loadingFinished",
            lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]),
        )
        page.goto(demo_server + f"/?region={region}")
        wait_for_map(page)
        page.wait_for_load_state("networkidle")
        total = sum(sizes.values())
        assert 0 < total <= 300 * 1024, f"{total / 1024:.0f} KB"
    finally:
        context.close()
