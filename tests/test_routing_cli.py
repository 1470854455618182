"""``socialmap route``: readable route sheet, the documented JSON, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.importer import import_path
from socialmap.store import open_db

PROFILE = {
    "age": 34,
    "gender": "female",
    "target_groups": ["refugees"],
    "languages": ["nl"],
    "rung": 1,
    "goal_rung": 4,
    "home": {"postcode": "2513"},
    "date": "2026-11-21",
}


@pytest.fixture
def db_path(tmp_path, tiny, write_json):
    path = tmp_path / "tiny.db"
    import_path(open_db(path), write_json(tiny))
    return path


def run(db_path, tmp_path, profile, *args, stdin=None):
    if stdin is None:
        (tmp_path / "profile.json").write_text(json.dumps(profile), encoding="utf-8")
        source = str(tmp_path / "profile.json")
    else:
        source = "-"
    return CliRunner().invoke(
        cli, ["--db", str(db_path), "route", "--profile", source, *args], input=stdin
    )


def test_readable_output_has_numbered_steps(db_path, tmp_path):
    result = run(db_path, tmp_path, PROFILE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0] == "Client on rung 1 (Isolated); goal: rung 4 (Unpaid work (volunteering, "
        "internship))"
    )
    assert "Path 1 — reaches rung 4" in result.output
    assert "  1. Koffieochtend — Vrouwencentrum" in lines
    assert "  2. Taalcursus — ROC Testville" in lines
    assert "  3. Vrijwilligerswerk — Gemeente Testville" in lines
    assert any("warm handover" in line for line in lines)


def test_json_has_exactly_the_documented_shape(db_path, tmp_path):
    result = run(db_path, tmp_path, PROFILE, "--json", "-k", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"reached_goal", "paths", "excluded"} <= set(data)
    assert isinstance(data["reached_goal"], bool) and data["reached_goal"]
    assert 1 <= len(data["paths"]) <= 2
    for path in data["paths"]:
        assert {"cost", "reaches_rung", "steps"} <= set(path)
        assert isinstance(path["cost"], float) and isinstance(path["reaches_rung"], int)
        for step in path["steps"]:
            assert {
                "offer",
                "organisation",
                "accepts",
                "leads_to",
                "distance_km",
                "handover",
                "reasons",
            } <= set(step)
            assert step["handover"] in {"start", "warm", "cold"}
            assert isinstance(step["accepts"], list) and isinstance(step["leads_to"], int)
            assert step["distance_km"] is None or isinstance(step["distance_km"], float)
            assert step["reasons"] and all(isinstance(r, str) for r in step["reasons"])
        assert path["steps"][0]["handover"] == "start"
    for excluded in data["excluded"]:
        assert {"offer", "why"} <= set(excluded) and excluded["why"]
    assert [s["offer"] for s in data["paths"][0]["steps"]] == ["coffee", "language", "volunteer"]


def test_profile_from_stdin_and_language_option(db_path, tmp_path):
    result = run(db_path, tmp_path, None, "--lang", "nl", stdin=json.dumps(PROFILE))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Cliënt op trede 1 (Geïsoleerd)")
    assert "  1. Koffieochtend — Vrouwencentrum" in result.output


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (
            {**PROFILE, "residence_status": "refugee"},
            "Error: profile.residence_status: unknown value 'refugee' (expected one of: citizen, ",
        ),
        ({k: v for k, v in PROFILE.items() if k != "rung"}, "Error: profile.rung: missing"),
        ({**PROFILE, "rung": "2"}, "Error: profile.rung: '2' is not a rung"),
        ({**PROFILE, "home": {"postcode": "9999"}}, "Error: profile.home.postcode: '9999'"),
        ({**PROFILE, "max_distance": 5}, "Error: profile.max_distance: unknown field"),
        ([1, 2], "Error: profile: expected a JSON object, got list"),
    ],
)
def test_a_bad_profile_is_one_line_naming_the_field(db_path, tmp_path, profile, message):
    result = run(db_path, tmp_path, profile)
    assert result.exit_code != 0
    assert result.output.startswith(message), result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreadable_or_broken_profile_files(db_path, tmp_path):
    missing = CliRunner().invoke(
        cli, ["--db", str(db_path), "route", "--profile", str(tmp_path / "nope.json")]
    )
    assert missing.exit_code != 0
    assert missing.output.startswith("Error: profile: cannot read")
    (tmp_path / "broken.json").write_text("{rung: 1", encoding="utf-8")
    broken = CliRunner().invoke(
        cli, ["--db", str(db_path), "route", "--profile", str(tmp_path / "broken.json")]
    )
    assert broken.exit_code != 0
    assert broken.output.startswith("Error: profile: ") and "is not JSON" in broken.output
    assert len(broken.output.strip().splitlines()) == 1


def test_bench_route_is_registered_under_bench():
    result = CliRunner().invoke(cli, ["bench", "route", "--help"])
    assert result.exit_code == 0
    assert "--scale [city|state]" in result.output
