# ruff: noqa: F811  (the demo fixtures are imported by name)
"""The residents' pages over both demo regions, without a browser: near me, next step,
"spoken here", the map following the filter."""

from __future__ import annotations

import logging
import re

import pytest
from conftest import make_app
from demo_fixtures import demo_db  # noqa: F401


@pytest.fixture
def demo_client(demo_db):  # noqa: F811
    return make_app(demo_db, WTF_CSRF_ENABLED=False).test_client()


def test_a_postcode_sorts_the_list_by_distance(demo_client):
    html = demo_client.get("/?region=gladbeck&postcode=45968&lang=en").get_data(as_text=True)
    distances = [float(d) for d in re.findall(r'class="distance">([0-9.]+) km away', html)]
    assert len(distances) == 20 and distances == sorted(distances)
    assert 'value="45968"' in html
    far = demo_client.get("/?region=gladbeck&postcode=2525&lang=en").get_data(as_text=True)
    assert re.search(r'class="distance">[0-9]{3}\.[0-9] km away', far)  # Den Haag: far away


def test_an_unknown_postcode_is_said_beside_the_box(demo_client):
    response = demo_client.get("/?region=gladbeck&postcode=00000&lang=de")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Diese Postleitzahl kennen wir nicht" in html and 'aria-invalid="true"' in html
    assert 'class="distance"' not in html
    bad = demo_client.get("/?near=abc&lang=en")
    assert bad.status_code == 200 and "not known" in bad.get_data(as_text=True)


def test_the_offer_page_shows_the_languages_spoken_in_themselves(demo_client):
    html = demo_client.get("/offers/gla-vhs-lernportal?lang=tr").get_data(as_text=True)
    assert "Burada konuşulan diller:" in html
    for code, name in (("ar", "العربية"), ("tr", "Türkçe"), ("uk", "Українська"), ("fa", "فارسی")):
        assert f'<span lang="{code}">{name}</span>' in html
    assert '<h1 lang="de">' in html  # the organisation's own text stays German
    assert "Kurum bu hizmeti şu dilde yazdı: Almanca." in html


def test_the_map_opens_on_the_chosen_neighbourhood(demo_client):
    html = demo_client.get("/?region=den-haag&neighbourhood=wijk-39").get_data(as_text=True)
    number = r"([0-9.]+)"
    bounds = re.search(rf"fitBounds\(\s*\[\[{number}, {number}\], \[{number}, {number}\]\]", html)
    south, west, north, east = (float(x) for x in bounds.groups())
    assert north - south < 0.05 and east - west < 0.08  # a wijk, not the whole city


def test_next_step_asks_five_questions_with_pictograms(demo_client):
    response = demo_client.get("/next-step?lang=uk")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert html.count('class="question') == 5
    assert html.count("<svg") >= 5 + 12 + 5 + 2  # every answer has its pictogram
    assert "Чого ви хочете?" in html


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"postcode": "2525"}, "want", "Please choose what you want."),
        ({"want": "fly", "postcode": "2525"}, "want", "Please choose what you want."),
        ({"want": "work"}, "postcode", "Please enter your postcode."),
        ({"want": "work", "postcode": "x" * 5000}, "postcode", "not known here"),
        ({"want": "work", "postcode": "2525", "age": "old"}, "age", "Please choose an age group."),
    ],
)
def test_next_step_names_the_question_to_answer_again(demo_client, form, field, message):
    response = demo_client.post("/next-step?lang=en", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and f'href="#{field}-question"' in html


def test_next_step_leaves_no_trace_of_the_answers(demo_db, caplog):  # noqa: F811
    app = make_app(demo_db)  # CSRF on, as in production
    client = app.test_client()
    caplog.set_level(logging.DEBUG)
    refused = client.post("/next-step", data={"want": "work", "postcode": "45964"})
    assert refused.status_code == 400  # no CSRF token: nothing routed
    page = client.get("/next-step?lang=en").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/next-step?lang=en",
        data={"csrf_token": token, "want": "work", "postcode": "45964", "languages": ["tr"]},
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "45964" not in caplog.text and "45964" not in response.headers.get("Location", "")
    assert not response.headers.get("Set-Cookie", "").count("45964")


def test_what_a_phone_downloads_is_compressed(demo_client):
    import gzip

    with demo_client.get("/static/vendor/leaflet-1.9.4/leaflet.js") as response:
        plain = response.data
    packed = demo_client.get(
        "/static/vendor/leaflet-1.9.4/leaflet.js", headers={"Accept-Encoding": "gzip, br"}
    )
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain
    assert len(packed.data) < len(plain) / 2
    page = demo_client.get("/?region=gladbeck", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(page.data).startswith(b"<!doctype html>")
    # Answers that carry a CSRF token next to what was typed stay uncompressed (BREACH).
    form = demo_client.get("/next-step", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in form.headers
    answer = demo_client.post(
        "/next-step",
        data={"want": "work", "postcode": "45964"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert "Content-Encoding" not in answer.headers
