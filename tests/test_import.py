"""Import, export and re-import: round trips, idempotence, edits, located-in, geocoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapely.geometry import shape

from socialmap.cli import cli
from socialmap.dataset.writer import write_csv_folder
from socialmap.dataset.writer import write_json as write_dataset_json
from socialmap.importer import export_dataset, import_path
from socialmap.sql import sql
from socialmap.store import open_db, table_counts

ROOT = Path(__file__).resolve().parent.parent
WIJKEN = ROOT / "data" / "geo" / "denhaag_wijken_2016_wgs84.geojson"
_VOLATILE = {"content_hash", "imported_at", "source"}


def snapshot(db) -> dict[str, list[tuple]]:
    """Every socialmap table as a sorted list of rows (import bookkeeping left out)."""
    tables = {}
    for name in table_counts(db):
        if name == "changes":  # the history notes each import, with its time
            continue
        columns = [c.name for c in db[name].columns if c.name not in _VOLATILE]
        rows = db.execute(sql("SELECT {columns} FROM {table}", columns=columns, table=name))
        tables[name] = sorted(rows.fetchall(), key=repr)
    return tables


@pytest.mark.parametrize(
    ("name", "write"), [("exported.json", write_dataset_json), ("csv", write_csv_folder)]
)
def test_export_then_import_gives_identical_tables(
    fresh_db, tiny, write_json, tmp_path, name, write
):
    """The JSON file and the CSV folder both round-trip."""
    import_path(fresh_db, write_json(tiny))
    (document,) = export_dataset(fresh_db)
    exported = tmp_path / name
    write(document, exported)
    again = open_db(tmp_path / "again.db")
    import_path(again, exported)
    assert snapshot(again) == snapshot(fresh_db)
    assert snapshot(again)["offers"], "the comparison must not be vacuous"


def test_csv_folder_imports_like_the_json(fresh_db, tiny, write_json, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    import_path(fresh_db, folder)
    reference = open_db(tmp_path / "json.db")
    import_path(reference, write_json(tiny))
    assert snapshot(fresh_db) == snapshot(reference)


def test_csv_accepts_spreadsheet_conventions(fresh_db, tiny, tmp_path):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    offers = folder / "offers.csv"
    text = offers.read_text("utf-8").replace("nl;tr", "nl; tr").replace(",true,", ",ja,")
    offers.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Excel writes a BOM
    import_path(fresh_db, folder)
    assert fresh_db["offers"].get("coffee")["childcare"] == 1
    languages = {r["language"] for r in fresh_db["offer_languages"].rows_where("offer = 'coffee'")}
    assert languages == {"nl", "tr"}


def test_same_file_twice_changes_nothing(fresh_db, tiny, write_json):
    path = write_json(tiny)
    first = import_path(fresh_db, path)
    before = snapshot(fresh_db)
    imported_at = fresh_db["regions"].get("testville")["imported_at"]
    second = import_path(fresh_db, path)
    assert not first.unchanged and second.unchanged
    assert snapshot(fresh_db) == before
    assert fresh_db["regions"].get("testville")["imported_at"] == imported_at


def test_edited_file_updates_and_removes(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    tiny["offers"][1]["name"] = "Taalcursus NT2"
    removed = tiny["offers"].pop(0)
    tiny["referral_links"] = [
        link for link in tiny["referral_links"] if removed["id"] not in (link["from"], link["to"])
    ]
    report = import_path(fresh_db, write_json(tiny, "edited.json"))
    assert not report.unchanged
    assert fresh_db["offers"].get("language")["name"] == "Taalcursus NT2"
    assert removed["id"] not in {row["id"] for row in fresh_db["offers"].rows}
    assert not list(fresh_db["offer_languages"].rows_where("offer = ?", [removed["id"]]))


def test_two_regions_share_target_groups(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny, "a.json"))
    other = json.loads(json.dumps(tiny))
    other["region"] = {"id": "otherville", "name": "Otherville", "country": "NL"}
    for table in ("neighbourhoods", "organisations", "locations", "offers"):
        for record in other[table]:
            record["id"] = "o-" + record["id"]
    for loc in other["locations"]:
        loc["organisation"] = "o-" + loc["organisation"]
    for offer in other["offers"]:
        offer["organisation"] = "o-" + offer["organisation"]
        offer["locations"] = ["o-" + x for x in offer.get("locations", [])]
        eligibility = offer.get("eligibility", {})
        if "requires_referral_by" in eligibility:
            eligibility["requires_referral_by"] = [
                "o-" + x for x in eligibility["requires_referral_by"]
            ]
    for link in other["referral_links"]:
        link["from"], link["to"] = "o-" + link["from"], "o-" + link["to"]
    other["target_groups"][0]["labels"]["en"] = "People who migrated"
    import_path(fresh_db, write_json(other, "b.json"))
    assert fresh_db["target_groups"].count == 2
    label = fresh_db.execute(
        "SELECT label FROM target_group_labels WHERE target_group='migrants' AND language='en'"
    ).fetchone()[0]
    assert label == "People who migrated"
    # Removing the groups from one region keeps them for the other.
    other["target_groups"] = []
    for offer in other["offers"]:
        offer.pop("target_groups", None)
    import_path(fresh_db, write_json(other, "b2.json"))
    assert fresh_db["target_groups"].count == 2
    assert fresh_db["regions"].count == 2


def test_located_in_real_den_haag_wijken(fresh_db, write_json):
    collection = json.loads(WIJKEN.read_text("utf-8"))
    features = {f["properties"]["wijkcode"]: f for f in collection["features"]}
    centrum = features["WK051828"]
    point = shape(centrum["geometry"]).representative_point()
    data = {
        "format": "socialmap-dataset/1",
        "region": {"id": "dh", "name": "Den Haag", "country": "NL"},
        "neighbourhoods": [
            {
                "id": f"wijk-{code[-2:]}",
                "name": f["properties"]["wijknaam"][8:],
                "geometry": f["geometry"],
            }
            for code, f in features.items()
        ],
        "organisations": [{"id": "org", "name": "Org", "kind": "other"}],
        "locations": [
            {"id": "in-centrum", "organisation": "org", "lat": point.y, "lon": point.x},
            # Riviervismarkt 5 lies in the centre of Den Haag.
            {"id": "riviervismarkt", "organisation": "org", "lat": 52.0776, "lon": 4.3080},
            {"id": "delft", "organisation": "org", "lat": 52.0116, "lon": 4.3571},
        ],
    }
    report = import_path(fresh_db, write_json(data))
    located = {row["id"]: row["neighbourhood"] for row in fresh_db["locations"].rows}
    assert located["in-centrum"] == "wijk-28"
    assert located["riviervismarkt"] == "wijk-28"
    assert located["delft"] is None
    assert any("(id 'delft')" in w and "no neighbourhood" in w for w in report.warnings)
    assert fresh_db["neighbourhoods"].count == 44


def test_location_outside_the_region_is_a_warning_not_dropped(fresh_db, tiny, write_json):
    tiny["locations"].append({"id": "far", "organisation": "college", "lat": 52.2, "lon": 4.6})
    report = import_path(fresh_db, write_json(tiny))
    assert fresh_db["locations"].get("far")["neighbourhood"] is None
    assert any("(id 'far')" in w and "outside region 'testville'" in w for w in report.warnings)


def test_postcode_without_coordinates_gets_the_approximate_centroid(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    college = fresh_db["locations"].get("loc-college")
    assert (college["lat"], college["lon"]) == (52.0788, 4.3014)
    assert college["approximate"] == 1
    assert college["neighbourhood"] == "n-west"
    assert fresh_db["locations"].get("loc-west")["approximate"] == 0


def test_unknown_postcode_is_a_warning(fresh_db, tiny, write_json):
    tiny["locations"][2]["postcode"] = "9999"
    report = import_path(fresh_db, write_json(tiny))
    assert fresh_db["locations"].get("loc-college")["lat"] is None
    assert any("(id 'loc-college').postcode" in w for w in report.warnings)


def test_postcode_defined_neighbourhoods(fresh_db, write_json):
    data = {
        "format": "socialmap-dataset/1",
        "region": {"id": "gla", "name": "Gladbeck", "country": "DE"},
        "neighbourhoods": [
            {"id": "mitte", "name": "Stadtmitte", "postcodes": ["45964"]},
            {"id": "brauck", "name": "Brauck", "postcodes": ["45968"]},
            {"id": "butendorf", "name": "Butendorf", "postcodes": ["45968"]},
        ],
        "organisations": [{"id": "jc", "name": "Jobcenter", "kind": "jobcenter"}],
        "locations": [
            {"id": "a", "organisation": "jc", "postcode": "45964"},
            {"id": "b", "organisation": "jc", "postcode": "45968", "neighbourhood": "brauck"},
            {"id": "c", "organisation": "jc", "postcode": "45968"},
        ],
    }
    report = import_path(fresh_db, write_json(data))
    located = {row["id"]: row["neighbourhood"] for row in fresh_db["locations"].rows}
    assert located == {"a": "mitte", "b": "brauck", "c": None}
    assert any("(id 'c').postcode" in w and "several neighbourhoods" in w for w in report.warnings)
    mitte = fresh_db["neighbourhoods"].get("mitte")
    assert (mitte["lat"], mitte["lon"]) == (51.5713, 6.9827)


@pytest.mark.parametrize("fmt", ["dataset", "csv"])
def test_cli_export_writes_what_import_reads(tmp_path, tiny, write_json, fmt):
    db_path = tmp_path / "cli.db"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--db", str(db_path), "import", str(write_json(tiny))]).exit_code == 0
    )
    out = tmp_path / ("out.json" if fmt == "dataset" else "out")
    result = runner.invoke(
        cli, ["--db", str(db_path), "export", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    other = tmp_path / "other.db"
    result = runner.invoke(cli, ["--db", str(other), "import", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot(open_db(other)) == snapshot(open_db(db_path))


def test_export_several_regions_into_a_folder(fresh_db, tiny, write_json, tmp_path):
    import_path(fresh_db, write_json(tiny))
    other = json.loads(json.dumps(tiny).replace("testville", "otherville"))
    for table in ("neighbourhoods", "organisations", "locations", "offers"):
        other[table] = []
    other["referral_links"] = []
    import_path(fresh_db, write_json(other, "other.json"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            fresh_db.conn.execute("PRAGMA database_list").fetchone()[2],
            "export",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["otherville.json", "testville.json"]


def test_db_env_variable_sets_the_default_database(tmp_path, tiny, write_json, monkeypatch):
    monkeypatch.setenv("SOCIALMAP_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(cli, ["import", str(write_json(tiny))])
    assert result.exit_code == 0, result.output
    assert open_db(tmp_path / "env.db")["offers"].count == 4


def test_import_writer_is_atomic(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("old", "utf-8")

    class Boom:
        pass

    with pytest.raises(TypeError):
        write_dataset_json({"bad": Boom()}, target, force=True)
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_online_geocoding_is_opt_in(fresh_db, tiny, write_json, monkeypatch):
    calls = []

    def fake_geocode(address, country=None):
        calls.append((address, country))
        return (52.0791, 4.3033)

    monkeypatch.setattr("socialmap.geo.geocode_online", fake_geocode)
    tiny["locations"][2]["address"] = "Riviervismarkt 5"
    path = write_json(tiny)
    import_path(fresh_db, path)
    assert calls == []  # offline by default: the postcode centroid
    assert fresh_db["locations"].get("loc-college")["approximate"] == 1
    import_path(fresh_db, path, online_geocoding=True)
    assert calls == [("Riviervismarkt 5, 2513", "NL")]
    college = fresh_db["locations"].get("loc-college")
    assert (college["lat"], college["lon"], college["approximate"]) == (52.0791, 4.3033, 0)


def test_large_imports_show_a_progress_bar(tmp_path):
    from socialmap_bench.synth import write_synthetic

    dataset = tmp_path / "synth.json"
    write_synthetic(dataset, 1500, 3, "den-haag")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "import", "-q", str(dataset)])
    assert result.exit_code == 0, result.output
    assert "importing synth.json" in result.output and "rows" in result.output
    assert "synth-den-haag: imported — 1500 offers" in result.output
