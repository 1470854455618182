"""Every message the core raises reaches a person in their language (de, nl).

A Dutch social worker who types postcode 9999 reads "'9999' staat niet …", not the
engine's English.  Each case below raises a core error for real — through the
referral desk's form or the JSON API — and the text shown must be the catalog's
translation of the engine's message, never the English.
"""

from __future__ import annotations

import html as html_module
import re

import pytest
from conftest import make_app

from socialmap.errors import (
    Conflict,
    EditError,
    InvalidProfile,
    NotFound,
    PermissionDenied,
    SocialmapError,
)
from socialmap.graph import build_graph
from socialmap.importer import import_path
from socialmap.paths import data_dir
from socialmap.routing import referral_paths
from socialmap.store import open_db

LANGS = ("nl", "de")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("errors") / "demo.db"
    db = open_db(path)
    import_path(db, data_dir() / "demo" / "den-haag.json")
    graph = build_graph(db)
    db.close()
    app = make_app(path, WTF_CSRF_ENABLED=False)
    return app, graph


def engine_error(graph, profile) -> InvalidProfile:
    with pytest.raises(InvalidProfile) as caught:
        referral_paths(graph, profile)
    return caught.value


def page_text(response) -> str:
    html = response.get_data(as_text=True)
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


#: What a social worker types on the desk, and the profile the desk makes of it.
DESK_CASES = {
    "postcode not in the gazetteer": ({"postcode": "9999"}, {"home": {"postcode": "9999"}}),
    "goal below the rung": ({"rung": "4", "goal_rung": "2"}, {"rung": 4, "goal_rung": 2}),
    "distance without a home": ({"max_distance_km": "5"}, {"max_distance_km": 5}),
    "distance too large": (
        {"postcode": "2526", "max_distance_km": "900"},
        {"home": {"postcode": "2526"}, "max_distance_km": 900.0},  # the form sends a float
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(DESK_CASES))
def test_the_desk_shows_the_engines_words_in_the_page_language(demo, case, lang):
    app, graph = demo
    typed, profile = DESK_CASES[case]
    exc = engine_error(graph, {"rung": 2, **profile})
    translated = exc.detail_in(lang)
    assert translated != exc.detail, f"no {lang} translation of {exc.template!r}"
    form = {"rung": "2", "goal_rung": "6", "online_ok": "y", "k": "3", **typed}
    response = app.test_client().post("/referral/", data=form, headers={"Accept-Language": lang})
    assert response.status_code == 422
    text = page_text(response)
    assert translated in text
    assert exc.detail not in text


#: Profiles a program sends to the JSON API (POST /api/route).
API_CASES = {
    "rung missing": {},
    "unknown field": {"rung": 2, "max_distance": 5},
    "unknown target group": {"rung": 2, "target_groups": ["pirates"]},
    "not a language code": {"rung": 2, "languages": ["arabic!"]},
    "unknown neighbourhood": {"rung": 2, "home": {"neighbourhood": "wijk-99"}},
    "not a postcode": {"rung": 2, "home": {"postcode": "ABCDEFG"}},
    "postcode not in the gazetteer": {"rung": 2, "home": {"postcode": "9999"}},
    "not a date": {"rung": 2, "date": "21.11.2026"},
    "age out of range": {"rung": 2, "age": 300},
    "not a latitude": {"rung": 2, "home": {"lat": 95, "lon": 4.3}},
    "unknown organisation": {"rung": 2, "known_to": ["nobody"]},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(API_CASES))
def test_the_api_says_what_is_wrong_in_the_asked_language(demo, case, lang):
    app, graph = demo
    exc = engine_error(graph, API_CASES[case])
    translated = exc.detail_in(lang)
    assert translated != exc.detail, f"no {lang} translation of {exc.template!r}"
    response = app.test_client().post(f"/api/route?lang={lang}", json=API_CASES[case])
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == str(exc)  # the English line programs match on is unchanged
    assert body["field"] == exc.field
    assert body["message"] == translated


#: The other core errors a page can meet, with the English they carry.
OTHER_ERRORS = [
    NotFound("offer 'x' does not exist"),
    EditError("category", "offer (id 'x').category: unknown category 'y'"),
    PermissionDenied("editor of org-a may not edit offer 'x'"),
    Conflict("offer 'x' changed since version 3"),
]


def message_of(response) -> str:
    """The error page's heading and message (its <main>)."""
    html = response.get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))).strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("error", OTHER_ERRORS, ids=lambda e: type(e).__name__)
def test_every_other_core_error_reaches_the_page_translated(demo, error, lang):
    app = make_app(demo[0].config["DB"], WTF_CSRF_ENABLED=False)

    @app.get("/raise-for-the-test")
    def raise_it():
        raise error

    client = app.test_client()
    english = message_of(client.get("/raise-for-the-test", headers={"Accept-Language": "en"}))
    shown = message_of(client.get("/raise-for-the-test", headers={"Accept-Language": lang}))
    assert str(error) not in shown  # the core's English never reaches a page
    # every sentence differs from the English page: the heading and the message
    for sentence in re.split(r"(?<=[.!?])\s+", english):
        if len(sentence) > 12:
            assert sentence not in shown, (sentence, shown)
    assert isinstance(error, SocialmapError)
