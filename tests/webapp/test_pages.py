"""The residents' screens and the referral desk through Flask's test client."""

from __future__ import annotations

import html as html_module
import re

import pytest

PROFILE = {
    "rung": "1",
    "goal_rung": "6",
    "gender": "female",
    "languages": ["tr", "nl"],
    "postcode": "2513",
    "online_ok": "y",
    "sheet_language": "de",
    "k": "3",
}


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", ["Offers near you", "4 offers", "Koffieochtend", "Taalcursus", "Werkfit"]),
        ("/?category=language-course", ["1 offer", "Taalcursus"]),
        ("/?q=ontmoeten", ["1 offer", "Koffieochtend"]),
        ("/?rung=3&free=1", ["1 offer", "Taalcursus"]),
        ("/?online=1", ["1 offer", "Werkfit"]),
        ("/?neighbourhood=n-east", ["1 offer", "Koffieochtend"]),
        ("/?language=tr", ["1 offer", "Koffieochtend"]),
        ("/?target_group=refugees", ["1 offer", "Taalcursus"]),
        ("/?q=nothing-like-this", ["0 offers", "No offer matches"]),
        (
            "/offers/job",
            [
                "Werkfit",
                "You need a referral from:",
                "Gemeente Testville",
                "18 to 64 years",
                "This offer takes place online.",
            ],
        ),
        (
            "/offers/language",
            [
                "Free of charge",
                "Expected waiting time: about 2 weeks.",
                "Places: 12.",
                "approximate",
                "Migrants",
            ],
        ),
        (
            "/offers/coffee",
            [
                "Only for",
                "female",
                "Childcare is available",
                "Turkish",
                "Not wheelchair accessible",
            ],
        ),
        (
            "/organisations/women-centre",
            [
                "Vrouwencentrum",
                "Women's centre",
                "Koffieochtend",
                "Works together with",
                "ROC Testville",
                "informal",
                "1 January 2024",
            ],
        ),
        ("/referral/", ["Referral desk", "Where does the client stand now?", "Migrants"]),
    ],
)
def test_pages_show(client, url, expected):
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    text = text_of(response)
    for piece in expected:
        assert piece in text, piece


def test_list_pages(client):
    first = text_of(client.get("/?per_page=2", headers={"Accept-Language": "en"}))
    second = text_of(client.get("/?per_page=2&page=2", headers={"Accept-Language": "en"}))
    assert "Page 1 of 2" in first and "Next page" in first
    assert "Page 2 of 2" in second and "Previous page" in second


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/offers/nope", 404),
        ("/organisations/nope", 404),
        ("/nowhere", 404),
        ("/?rung=9", 400),
        ("/?category=magic", 400),
        ("/?free=maybe", 400),
        ("/?page=0", 400),
        ("/?neighbourhood=atlantis", 400),
        ("/?q=" + "x" * 201, 400),
    ],
)
def test_page_errors_are_pages_not_tracebacks(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "<h1>" in body


def test_server_error_shows_no_traceback(app, monkeypatch):
    import web.residents as residents

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(residents.search, "get_offer", broken)
    response = app.test_client().get("/offers/job")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body


def test_referral_result_shows_numbered_steps_with_handovers(client):
    response = client.post("/referral/", data=PROFILE, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    text = text_of(response)
    assert "Path 1" in text
    assert text.index("Koffieochtend") < text.index("Taalcursus") < text.index("Vrijwilligerswerk")
    assert "First step: the client starts here." in text
    assert "Warm handover" in text
    assert "Why this step:" in text
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "window.socialmap.drawPath(" in html


def test_known_to_opens_offers_that_need_a_referral(client):
    form = text_of(client.get("/referral/", headers={"Accept-Language": "en"}))
    assert "The client is already known to" in form
    assert form.index("The client is already known to") < form.index("Gemeente Testville")
    profile = {**PROFILE, "rung": "4", "languages": ["nl"]}
    without = text_of(client.post("/referral/", data=profile, headers={"Accept-Language": "en"}))
    assert "Path 1" not in without and "No offer fits this client" in without
    known = {**profile, "known_to": ["municipality"]}
    text = text_of(client.post("/referral/", data=known, headers={"Accept-Language": "en"}))
    paths = text.split("Why not other offers?")[0]
    assert "Path 1" in paths and "Werkfit" in paths


def test_referral_form_errors_are_shown_at_the_fields(client):
    response = client.post(
        "/referral/",
        data={"rung": "", "age": "200", "postcode": "abc"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    text = text_of(response)
    assert "Please check these fields" in text
    assert "Choose the client's step." in text
    assert "Enter an age between 0 and 120." in text
    assert "postcode" in text.lower()
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("url", ["/referral/", "/referral/print", "/referral/why-not"])
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rung": "²"}, "rung"),
        ({"rung": "9"}, "rung"),
        ({"goal_rung": "²"}, "goal_rung"),
        ({"goal_rung": "0"}, "goal_rung"),
        ({"age": "9" * 400}, "age"),
        ({"age": "١٢"}, "age"),
        ({"max_cost_eur": "nan"}, "max_cost_eur"),
        ({"max_distance_km": "1e400"}, "max_distance_km"),
    ],
)
def test_odd_numbers_in_the_form_are_shown_at_their_field(client, url, change, field):
    response = client.post(url, data={**PROFILE, **change}, headers={"Accept-Language": "de"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = html.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]
    assert error and "9" * 81 not in error


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Geben Sie ein Alter zwischen 0 und 120 ein. 200 ist kein Alter in Jahren (0–120)"),
        ("nl", "200 is geen leeftijd in jaren (0–120)"),
        ("en", "Enter an age between 0 and 120. 200 is not an age in years (0–120)"),
    ],
)
def test_the_engines_profile_errors_are_in_the_pages_language(client, lang, expected):
    response = client.post(
        "/referral/", data={**PROFILE, "age": "200"}, headers={"Accept-Language": lang}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert expected in html.split('id="age-error">', 1)[1].split("</p>", 1)[0]


def test_engine_errors_are_shown_at_the_field(client):
    data = dict(PROFILE, postcode="9999")  # a valid shape, but in no gazetteer
    response = client.post("/referral/", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert 'id="postcode-error"' in response.get_data(as_text=True)


def test_route_sheet_is_in_the_clients_language(client):
    response = client.post(
        "/referral/print", data={**PROFILE, "path": "1"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="de">' in html
    text = text_of(response)
    for piece in ("Ihr Weg", "Schritt 1", "Koffieochtend", "Bitte mitbringen", "Einen Ausweis"):
        assert piece in text
    assert 'media="print"' in html


def test_why_not_explains_an_excluded_offer(client):
    data = dict(PROFILE, gender="male", offer_query="koffie")
    text = text_of(client.post("/referral/why-not", data=data, headers={"Accept-Language": "en"}))
    assert "Koffieochtend" in text and "This offer does not fit the client:" in text
    assert "women only" in text


def test_change_details_shows_the_filled_form(client):
    response = client.post("/referral/", data={**PROFILE, "edit": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="2513"' in html


def test_forms_need_a_csrf_token(tiny_db):
    from conftest import make_app

    client = make_app(tiny_db).test_client()
    response = client.post("/referral/", data=PROFILE, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form had expired" in text_of(response)
    page = client.get("/referral/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/referral/", data={**PROFILE, "csrf_token": token}).status_code == 200


def test_the_desk_asks_for_a_detail_that_would_decide_a_step(client):
    """The job step is for 18–64: without an age the desk says so and asks for it."""
    english = {"Accept-Language": "en"}
    text = text_of(client.post("/referral/", data=PROFILE, headers=english))
    assert "depend on details you left out: Target groups, Age." in text
    text = text_of(client.post("/referral/", data={**PROFILE, "age": "30"}, headers=english))
    assert "depend on details you left out: Target groups." in text
