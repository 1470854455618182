"""The coach page ``/coach``: the report's content, with links to every offer and organisation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from analysis_builders import planted_dataset
from helpers import SharedDb

from socialmap.importer import import_path
from socialmap.store import open_db

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the app package

from web import create_app  # noqa: E402

DAY = "date=2026-11-21"


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory) -> SharedDb:
    """The planted dataset (markup in one organisation's name), imported once, only read."""
    data = planted_dataset()
    for org in data["organisations"]:
        if org["id"] == "iso":  # the isolated organisation: on the page
            org["name"] = "<script>alert(1)</script>"
    folder = tmp_path_factory.mktemp("coach")
    source = folder / "plant.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path = folder / "plant.db"
    db = open_db(path)
    import_path(db, source)
    db.close()
    return SharedDb(path)


@pytest.fixture
def client(planted_db):
    """A client of the app over the shared planted database; the test fails if it wrote to it."""
    # Wait for the analysis (prepared in the background) rather than answer 503.
    config = {
        "DB": str(planted_db.path),
        "TILES": "none",
        "TESTING": True,
        "COACH_WAIT_SECONDS": 60,
    }
    yield create_app(config).test_client()
    planted_db.check()


def test_coach_page_shows_the_analysis_with_links(client):
    response = client.get(f"/coach/?{DAY}&lang=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Network analysis</h1>" in html
    for heading in ("Broken chains", "Duplicated offers", "Weak links", "Funding cliffs"):
        assert heading in html
    assert 'href="/organisations/iso"' in html  # the isolated organisation
    assert 'href="/organisations/bridge"' in html  # the single point of failure
    assert 'href="/offers/dup-f"' in html and 'href="/offers/coach"' in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert client.get("/organisations/iso").status_code == 200
    assert client.get("/offers/dup-f").status_code == 200


def test_coach_page_speaks_german_and_dutch(client):
    assert "<h1>Netzwerkanalyse</h1>" in client.get(f"/coach/?{DAY}&lang=de").get_data(True)
    html = client.get(f"/coach/?{DAY}&lang=nl").get_data(as_text=True)
    assert "<h1>Netwerkanalyse</h1>" in html and "Onderbroken ketens" in html


def test_report_download_and_json(client):
    report = client.get(f"/coach/report.html?region=plantville&{DAY}&lang=nl")
    assert report.status_code == 200
    assert report.headers["Content-Disposition"].startswith("attachment;")
    assert "<script" not in report.get_data(as_text=True)
    data = client.get(f"/coach/analysis.json?{DAY}").get_json()
    assert data["isolated_organisations"] == ["iso"]
    assert data["today"] == "2026-11-21"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date=2026-02-30", "date"),
        ("date=9999-12-31", "date"),
        ("date=0001-01-01", "date"),
        ("date=2026-W01-1", "date"),
        ("region=nowhere", "region"),
        ("client=martians", "client"),
    ],
)
def test_bad_arguments(client, query, field):
    assert client.get(f"/coach/?{query}").status_code == 400
    response = client.get(f"/coach/analysis.json?{query}")
    assert response.status_code == 400 and response.get_json()["field"] == field


def test_a_coach_chooses_a_harder_client_type(client):
    # "Our typical clients get everywhere — what about Arabic speakers who travel 2 km?"
    typical = client.get(f"/coach/analysis.json?{DAY}").get_json()
    hard = client.get(f"/coach/analysis.json?{DAY}&client=arabic-near").get_json()
    assert len(hard["gaps"]) + len(hard["broken_chains"]) > len(typical["gaps"]) + len(
        typical["broken_chains"]
    )
    html = client.get(f"/coach/?{DAY}&lang=nl&client=arabic-near").get_data(as_text=True)
    assert '<option value="arabic-near" selected>' in html
    assert "Spreekt Arabisch en reist hoogstens 2 km" in html
    assert "client=arabic-near" in html  # the report and JSON links keep the choice
