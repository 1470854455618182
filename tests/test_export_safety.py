"""Exports never delete what they did not write, and their CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from builders import tiny_dataset
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from socialmap.cli import cli
from socialmap.csvcells import neutralise_cell, restore_cell
from socialmap.dataset.reader import read_csv_folder
from socialmap.dataset.writer import write_csv_folder
from socialmap.hsds import to_hsds, write_folder
from socialmap.hsds.read import read_input
from socialmap.importer import export_dataset, import_path
from socialmap.store import open_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Where each format puts its files for one region (relative to --out).
OWN_FILES = {
    "csv": ["offers.csv", "region.csv"],
    "hsds": ["services.json", "csv/services.csv", "csv/datapackage.json"],
    "dataset": ["testville.json"],
}


@pytest.fixture
def db_path(tmp_path, write_json) -> Path:
    path = tmp_path / "db" / "city.db"  # beside, not inside, the folders the tests export to
    path.parent.mkdir()
    db = open_db(path)
    import_path(db, write_json(tiny_dataset()))
    db.close()
    return path


def _export(db_path: Path, fmt: str, out: str | Path, *extra: str):
    return CliRunner().invoke(
        cli, ["--db", str(db_path), "export", "--format", fmt, "--out", str(out), *extra]
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _user_folder(folder: Path) -> dict[str, bytes]:
    """A folder that already holds the user's own files, one of them in a subfolder."""
    (folder / "photos").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes")
    (folder / "photos" / "cat.jpg").write_bytes(b"\xff\xd8 a cat")
    return _tree(folder)


def _assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], result.output


# --- never delete what export did not write ------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(OWN_FILES))
def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path, db_path, fmt):
    out = tmp_path / "out"
    before = _user_folder(out)
    result = _export(db_path, fmt, out)
    _assert_one_line_error(result, "Error:", str(out), "not empty", "--force")
    assert _tree(out) == before


@pytest.mark.parametrize("fmt", sorted(OWN_FILES))
def test_force_replaces_only_the_exports_own_files(tmp_path, db_path, fmt):
    out = tmp_path / "out"
    before = _user_folder(out)
    assert _export(db_path, fmt, out, "--force").exit_code == 0
    after = _tree(out)
    assert {k: after[k] for k in before} == before  # the user's files are untouched
    assert set(OWN_FILES[fmt]) <= set(after)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder left
    # An edit, exported again: the export's files change, the user's do not.
    db = open_db(db_path)
    db.execute("UPDATE offers SET name = 'Renamed offer' WHERE id = 'coffee'")
    db.conn.commit()
    db.close()
    assert _export(db_path, fmt, out, "--force").exit_code == 0
    again = _tree(out)
    assert {k: again[k] for k in before} == before
    assert any(b"Renamed offer" in again[name] for name in OWN_FILES[fmt])


@pytest.mark.parametrize("fmt", ["csv", "hsds"])
def test_what_force_wrote_into_a_folder_imports_again(tmp_path, db_path, fmt):
    out = tmp_path / "out"
    _user_folder(out)
    assert _export(db_path, fmt, out, "--force").exit_code == 0
    other = open_db(tmp_path / "other.db")
    import_path(other, out)
    assert export_dataset(other) == export_dataset(open_db(db_path))


@pytest.mark.parametrize("fmt", sorted(OWN_FILES))
def test_out_dot_refuses_cleanly_and_works_with_force(tmp_path, db_path, fmt, monkeypatch):
    here = tmp_path / "here"
    before = _user_folder(here)
    monkeypatch.chdir(here)
    result = _export(db_path, fmt, ".")
    _assert_one_line_error(result, "not empty", "--force")
    assert _tree(here) == before
    result = _export(db_path, fmt, ".", "--force")
    assert result.exit_code == 0, result.output
    after = _tree(here)
    assert {k: after[k] for k in before} == before
    assert set(OWN_FILES[fmt]) <= set(after)
    assert not [p for p in here.iterdir() if p.name.startswith(".")]


def test_out_dot_in_an_empty_folder_needs_no_force(tmp_path, db_path, monkeypatch):
    here = tmp_path / "empty"
    here.mkdir()
    monkeypatch.chdir(here)
    assert _export(db_path, "csv", ".").exit_code == 0
    assert "offers.csv" in _tree(here)


@pytest.mark.parametrize(("fmt", "name"), [("dataset", "x.json"), ("geojson", "x.geojson")])
def test_an_existing_file_is_replaced_only_with_force(tmp_path, db_path, fmt, name):
    out = tmp_path / name
    out.write_text("my own file")
    _assert_one_line_error(_export(db_path, fmt, out), str(out), "exists", "--force")
    assert out.read_text() == "my own file"
    assert _export(db_path, fmt, out, "--force").exit_code == 0
    assert json.loads(out.read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset.json", "db", name]


def test_a_file_where_the_export_needs_a_folder_is_refused(tmp_path, db_path):
    out = tmp_path / "out"
    out.write_text("my own file")
    _assert_one_line_error(_export(db_path, "hsds", out, "--force"), "not a folder")
    assert out.read_text() == "my own file"


# --- CSV injection ---------------------------------------------------------------------------

HOSTILE = {
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+31 70 123 4567",
    "minus": "-5 EUR per visit",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\tindented",
    "cr": "\rcarriage return",
    "quoted": "'=already quoted",
    "plain": "it's fine",
}


def _hostile_dataset() -> dict:
    data = tiny_dataset()
    offer, other = data["offers"][0], data["offers"][1]
    offer["name"] = HOSTILE["formula"]
    offer["description"] = HOSTILE["at"]
    offer["cost_description"] = HOSTILE["minus"]
    offer["funding"] = HOSTILE["tab"]
    offer["contact"] = {"name": HOSTILE["quoted"], "phone": HOSTILE["plus"]}
    other["purpose"] = HOSTILE["cr"]
    other["description"] = HOSTILE["plain"]
    data["organisations"][0]["phone"] = HOSTILE["plus"]
    data["organisations"][0]["description"] = HOSTILE["formula"]
    data["locations"][0]["address"] = HOSTILE["minus"]
    data["neighbourhoods"][0]["name"] = HOSTILE["at"]
    data["referral_links"][0]["note"] = HOSTILE["formula"]
    return data


@pytest.fixture
def hostile_db(tmp_path, write_json):
    db = open_db(tmp_path / "hostile.db")
    import_path(db, write_json(_hostile_dataset(), "hostile.json"))
    return db


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _cells(folder: Path):
    for file in sorted(folder.rglob("*.csv")):
        with file.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    yield file.name, cell


def _assert_spreadsheet_safe(folder: Path) -> list[str]:
    cells = list(_cells(folder))
    assert cells
    for file, cell in cells:
        assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), (file, cell)
    return [cell for _file, cell in cells]


def test_dataset_csv_is_spreadsheet_safe_and_round_trips_exactly(tmp_path, hostile_db):
    out = tmp_path / "csv"
    path = hostile_db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert _export(Path(path), "csv", out).exit_code == 0
    cells = _assert_spreadsheet_safe(out)
    assert "'" + HOSTILE["formula"] in cells
    assert "''=already quoted" in cells
    assert HOSTILE["plain"] in cells
    other = open_db(tmp_path / "other.db")
    import_path(other, out)
    assert export_dataset(other) == export_dataset(hostile_db)
    names = {o["name"] for o in export_dataset(other)[0]["offers"]}
    assert HOSTILE["formula"] in names


def test_hsds_csv_package_is_spreadsheet_safe_and_round_trips_exactly(tmp_path, hostile_db):
    out = tmp_path / "hsds"
    path = hostile_db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert _export(Path(path), "hsds", out).exit_code == 0
    cells = _assert_spreadsheet_safe(out / "csv")
    assert "'" + HOSTILE["plus"] in cells
    other = open_db(tmp_path / "other.db")
    import_path(other, out / "csv")
    assert export_dataset(other) == export_dataset(hostile_db)
    # The JSON form is not a spreadsheet: it keeps the values as they are.
    services = json.loads((out / "services.json").read_text("utf-8"))
    assert HOSTILE["formula"] in {s["name"] for s in services}


def test_negative_numbers_stay_numbers_in_both_csv_forms(tmp_path):
    data = tiny_dataset()
    data["locations"][0]["lon"] = -0.1225
    write_csv_folder(data, tmp_path / "csv")
    assert "-0.1225" in {cell for _f, cell in _cells(tmp_path / "csv")}
    assert read_csv_folder(tmp_path / "csv").data["locations"][0]["lon"] == -0.1225
    write_folder(to_hsds(data), tmp_path / "hsds", "t", "t")
    with (tmp_path / "hsds" / "csv" / "locations.csv").open(newline="", encoding="utf-8") as f:
        longitudes = {row["longitude"] for row in csv.DictReader(f)}
    assert "-0.1225" in longitudes
    tables = read_input(tmp_path / "hsds" / "csv").tables
    assert -0.1225 in {row.get("longitude") for row in tables.rows["location"].values()}


@given(st.text())
def test_neutralise_then_restore_is_the_identity(text):
    safe = neutralise_cell(text)
    assert restore_cell(safe) == text
    assert not safe.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("cell", ["-0.1", "@home", "=1", "\tx", "\ry", "+1", "''-x"])
def test_a_cell_that_starts_a_formula_gets_one_quote(cell):
    assert neutralise_cell(cell) == "'" + cell
