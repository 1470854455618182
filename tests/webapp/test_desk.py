"""The referral desk on the demo data, as a Lotse or a Den Haag welfare worker uses it.

Results page: each step's contact person, phone, e-mail and opening hours with
"open now"; route sheet: date, who made it, a space for appointments, how to
start, a bring list that fits the offer; the same sheet as a PDF in the client's
language; the neighbourhood picker per region with the names people use.
"""

from __future__ import annotations

import datetime as dt
import html as html_module
import io
import logging
import re

import pytest
from conftest import make_app
from pypdf import PdfReader

from socialmap.importer import import_path
from socialmap.paths import data_dir
from socialmap.store import open_db
from web.referral import sheet

#: A Tuesday morning (Yasmin is open), and a Sunday (closed).
TUESDAY = dt.datetime(2026, 11, 24, 10, 30)
SUNDAY = dt.datetime(2026, 11, 22, 10, 30)

#: "An isolated woman, 45, Turkish-speaking, lives in the Schilderswijk; first step:
#: out of the house, into an activity."
ISOLATED = {
    "rung": "1",
    "goal_rung": "3",
    "age": "45",
    "gender": "female",
    "target_groups": ["migrants"],
    "languages": ["tr"],
    "residence_status": "residence-permit",
    "work_ban": "none",
    "postcode": "2526",
    "max_distance_km": "3",
    "needs": ["childcare"],
    "online_ok": "y",
    "sheet_language": "nl",
    "k": "3",
}
ADVISER = {
    "adviser_organisation": "Wijkteam Centrum",
    "adviser_name": "Anouk Verhoeven",
    "adviser_phone": "070 123 45 67",
}


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk") / "demo.db"
    db = open_db(path)
    for name in ("den-haag.json", "gladbeck.json"):
        import_path(db, data_dir() / "demo" / name)
    db.close()
    return make_app(path, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def at(monkeypatch, when):
    monkeypatch.setattr(sheet, "now", lambda: when)


def test_the_results_page_shows_whom_to_call_and_whether_they_are_open(client, monkeypatch):
    at(monkeypatch, TUESDAY)
    nl = {"Accept-Language": "nl"}
    text = text_of(client.post("/referral/", data=ISOLATED, headers=nl))
    # the first path starts at Yasmin's taalcafé: its contact, phone, e-mail and hours
    assert "Taalcafé voor vrouwen" in text
    assert "Contactpersoon Coördinator taal" in text
    assert "+31 70 000 0102" in text and "yasmin-taalcafe@example.org" in text
    assert "Openingstijden ma–do 09:00–16:30; vr 09:00–12:30" in text
    assert "nu open" in text
    at(monkeypatch, SUNDAY)
    assert "nu gesloten" in text_of(client.post("/referral/", data=ISOLATED, headers=nl))


def test_the_route_sheet_says_who_made_it_when_and_how_to_start(client, monkeypatch, caplog):
    at(monkeypatch, TUESDAY)
    caplog.set_level(logging.DEBUG)
    response = client.post(
        "/referral/print",
        data={**ISOLATED, **ADVISER, "path": "1"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    text = text_of(response)
    assert "Gemaakt op 24-11-2026 door Anouk Verhoeven, Wijkteam Centrum" in text
    assert "Telefoon 070 123 45 67" in text
    assert "Zo begint u:" in text and "Kom gewoon langs tijdens de openingstijden" in text
    assert text.count("Afspraak: datum") == text.count("Stap ") >= 1
    # the adviser's name is on the sheet only: not in any log line
    assert "Verhoeven" not in caplog.text


def test_an_isolated_woman_going_to_a_taalcafe_is_not_asked_for_papers(client, monkeypatch):
    at(monkeypatch, TUESDAY)
    text = text_of(
        client.post(
            "/referral/print", data={**ISOLATED, "path": "1"}, headers={"Accept-Language": "nl"}
        )
    )
    bring = text[text.index("Wat u meeneemt") :]
    assert "identiteitsbewijs" not in bring.lower() and "diploma" not in bring.lower()
    assert "kinderopvang" in bring.lower()  # the taalcafé has childcare: ask about it


def test_a_job_step_asks_for_id_and_cv(client, monkeypatch):
    at(monkeypatch, TUESDAY)
    older = {
        "rung": "4",
        "goal_rung": "6",
        "age": "58",
        "languages": ["nl"],
        "neighbourhood": "wijk-33",
        "online_ok": "y",
        "sheet_language": "en",
        "k": "1",
        "path": "1",
    }
    text = text_of(client.post("/referral/print", data=older))
    assert "identity document" in text and "Your CV" in text


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.get_data()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ["Uw route", "Wat u meeneemt", "Gemaakt op 24-11-2026 door Anouk Verhoeven"]),
        ("de", ["Ihr Weg", "Bitte mitbringen", "Erstellt am 24.11.2026 von Anouk Verhoeven"]),
    ],
)
def test_the_route_sheet_downloads_as_a_pdf_in_the_clients_language(
    client, monkeypatch, lang, expected
):
    at(monkeypatch, TUESDAY)
    data = {**ISOLATED, **ADVISER, "sheet_language": lang, "path": "1"}
    text = pdf_text(
        client.post("/referral/print.pdf", data=data, headers={"Accept-Language": "en"})
    )
    for words in expected:
        assert words in text, (words, text[:400])
    assert "Taalcafé voor vrouwen" in text and "+31 70 000 0102" in text


def test_without_pango_the_pdf_button_says_to_print_from_the_browser(client, monkeypatch):
    # A machine where WeasyPrint is installed but Debian's Pango is not: loading it fails.
    import builtins

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    data = {**ISOLATED, **ADVISER, "sheet_language": "nl", "path": "1"}
    response = client.post("/referral/print.pdf", data=data, headers={"Accept-Language": "nl"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Print het routeblad vanuit uw browser" in page and "Traceback" not in page


def test_the_neighbourhood_picker_is_per_region_and_knows_common_names(client):
    html = client.get("/referral/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    select = html[html.index('id="neighbourhood"') :]
    select = select[: select.index("</select>")]
    den_haag = select[select.index('label="Den Haag"') : select.index('label="Gladbeck"')]
    assert "Schildersbuurt (Schilderswijk" in den_haag
    assert re.search(r"Bouwlust en Vrederust \([^)]*Zuidwest[^)]*Escamp", den_haag)
    assert "Brauck" not in den_haag
    gladbeck = select[select.index('label="Gladbeck"') :]
    assert "Stadtmitte (Mitte" in gladbeck and "Schildersbuurt" not in gladbeck


def test_a_warm_handover_names_whom_to_call_on_both_sides(client, monkeypatch):
    # "Whom do I ring at the I-Shop, and who takes her over at the participatiemakelaar?"
    at(monkeypatch, TUESDAY)
    older = {
        "rung": "1",
        "goal_rung": "6",
        "age": "58",
        "languages": ["nl"],
        "neighbourhood": "wijk-33",
        "online_ok": "y",
        "sheet_language": "nl",
        "k": "3",
    }
    text = text_of(client.post("/referral/", data=older, headers={"Accept-Language": "en"}))
    assert (
        "Warm handover from: Balie I-Shop Transvaal · +31 70 000 0150 · "
        "ishop-transvaal@example.org to: Participatiemakelaar Centrum · +31 70 000 0151" in text
    )
    assert "Klantmanager Werk en Inkomen" in text and "Trajectbegeleider Werkfit" in text
