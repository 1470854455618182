"""``socialmap gaps``, ``socialmap report`` and ``socialmap bench gaps`` on Plantville."""

from __future__ import annotations

import json
import re

import pytest
from analysis_builders import DESIGN_KEYS, planted_dataset
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.importer import import_path
from socialmap.store import open_db

DATE = ["--date", "2026-11-21"]


@pytest.fixture
def planted_db(tmp_path, write_json):
    path = tmp_path / "plant.db"
    db = open_db(path)
    import_path(db, write_json(planted_dataset()))
    db.close()
    return str(path)


@pytest.fixture
def hostile_db(tmp_path, write_json):
    """Plantville with names that try to break out of the HTML."""
    data = planted_dataset()
    for org in data["organisations"]:
        if org["id"] == "bridge":
            org["name"] = "<script>alert('org')</script>"
    for offer in data["offers"]:
        if offer["id"] == "dup-f":
            offer["name"] = '"><img src=x onerror=alert(1)> Opvoedcursus alleenstaande ouders'
    data["neighbourhoods"][1]["name"] = "<b>East</b>"
    path = tmp_path / "hostile.db"
    db = open_db(path)
    import_path(db, write_json(data, "hostile.json"))
    db.close()
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_gaps_json_has_every_design_key(planted_db):
    result = run("--db", planted_db, "gaps", "--json", *DATE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in DESIGN_KEYS:
        assert isinstance(data[key], list)
    assert data["isolated_organisations"] == ["iso"]
    assert data["today"] == "2026-11-21"


def test_gaps_summary_is_readable(planted_db):
    result = run("--db", planted_db, "gaps", *DATE, "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "Netzwerkanalyse — Stand 21.11.2026" in result.output
    assert "Organisatie ISO" in result.output
    assert re.search(r"Lücken: 3\n", result.output)


def test_gaps_speaks_the_regions_language_and_names_records(tmp_path):
    # a Dutch coach runs "socialmap gaps" on Den Haag without any option
    from socialmap.paths import data_dir

    path = tmp_path / "dh.db"
    db = open_db(path)
    import_path(db, data_dir() / "demo" / "den-haag.json")
    db.close()
    client = '{"languages": ["ar"], "max_distance_km": 3}'
    result = run("--db", path, "gaps", *DATE, "--client", client)
    assert result.exit_code == 0, result.output
    assert "Netwerkanalyse — stand 21-11-2026" in result.output
    assert "stopt op trede" in result.output and "geen aanbod dat open staat voor" in result.output
    assert "zou het gat dichten als één regel veranderde" in result.output
    assert "wijk-" not in result.output  # neighbourhoods by name, not id


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["gaps", "--date", "21-11-2026"], "'21-11-2026' does not match the format", 2),
        (["gaps", "--region", "atlantis"], "region 'atlantis' is not in the database", 1),
        (["report", "--out", "/no/such/folder/r.html"], "Could not open file", 1),
        (["gaps", "--client", "{languages"], "Invalid value for --client: not JSON", 2),
        (["gaps", "--client", '["ar"]'], "expected a JSON object of profile fields", 2),
        (["gaps", "--client", '{"languages": "ar"}'], "profile.languages: expected a list", 1),
        (["gaps", "--client", '{"rung": 2}'], "profile.rung: is set by the analysis", 1),
    ],
)
def test_bad_input_is_one_clear_line(planted_db, args, message, code):
    result = run("--db", planted_db, *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("Error")] == [
        next(line for line in result.output.splitlines() if message in line)
    ]


@pytest.mark.parametrize("lang", ["en", "de", "nl"])
def test_report_is_self_contained(planted_db, tmp_path, lang):
    out = tmp_path / f"report-{lang}.html"
    result = run("--db", planted_db, "report", "--out", out, "--lang", lang, *DATE)
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no external file"
    assert "<link" not in html
    for anchor in ("coverage", "chains", "duplicates", "weak-links", "cliffs", "accessibility"):
        assert f'id="{anchor}"' in html
    assert "<svg" in html and 'class="heat"' in html
    assert "Organisatie BRIDGE" in html and "Werkfit traject" in html


def test_report_escapes_every_data_string(hostile_db, tmp_path):
    out = tmp_path / "report.html"
    assert run("--db", hostile_db, "report", "--out", out, *DATE).exit_code == 0
    html = out.read_text("utf-8")
    assert "<script" not in html and "<img" not in html and "<b>East" not in html
    assert "&lt;script&gt;alert(&#x27;org&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;East&lt;/b&gt;" in html


def test_bench_gaps_is_registered():
    result = run("bench", "gaps", "--help")
    assert result.exit_code == 0
    assert "--scale" in result.output and "Example:" in result.output
