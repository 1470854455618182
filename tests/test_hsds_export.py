"""HSDS export: every record of every region validates against the official HSDS 3.0
schemas, the tabular package is complete, the socialmap extension is a proper taxonomy,
and writes are atomic.  GeoJSON export for map tools."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from builders import tiny_dataset
from click.testing import CliRunner
from test_hsds_support import HSDS, REGIONS, demo_dataset, errors, stored

from socialmap import interop
from socialmap.cli import cli
from socialmap.hsds import export as hsds_export
from socialmap.hsds import taxonomy, to_hsds, write_folder
from socialmap.hsds.tables import REQUIRED, TABLES, TABULAR_REQUIRED
from socialmap.store import open_db

TODAY = dt.date(2026, 11, 21)

#: JSON-form file -> the official schema each of its records must satisfy.
FILE_SCHEMAS = {
    "organizations": "compiled/organization.json",
    "services": "compiled/service.json",
    "service_at_locations": "compiled/service_at_location.json",
    "locations": "location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def dataset(region: str) -> dict:
    return stored(tiny_dataset())[1] if region == "tiny" else demo_dataset(region)


@pytest.fixture(scope="module")
def records():
    """The HSDS records of every test region (tiny and both demo regions)."""
    return {r: to_hsds(dataset(r), today=TODAY) for r in ("tiny", *REGIONS)}


@pytest.fixture(scope="module")
def folders(tmp_path_factory, records):
    """Each region written to disk as ``socialmap export --format hsds`` writes it."""
    base = tmp_path_factory.mktemp("hsds")
    return {r: write_folder(rec, base / r, r, r) for r, rec in records.items()}


# --- the table definitions are the spec's ---------------------------------------------------


def test_the_official_hsds_files_are_beside_the_repository():
    assert (HSDS / "schema" / "openapi.json").exists(), f"HSDS 3.0 files missing at {HSDS}"
    assert (HSDS / "examples" / "csv" / "services.csv").exists()


def test_table_definitions_match_the_official_schemas():
    for file in sorted((HSDS / "schema").glob("*.json")):
        if file.name == "openapi.json":
            continue
        spec = json.loads(file.read_text(encoding="utf-8"))
        table = TABLES[spec["name"]]
        scalars = [k for k, v in spec["properties"].items() if v.get("type") not in ("array", None)]
        numbers = [k for k, v in spec["properties"].items() if v.get("type") == "number"]
        assert table.file == spec["path"]
        assert list(table.columns) == scalars, spec["name"]
        assert list(table.numbers) == numbers, spec["name"]
        assert REQUIRED.get(spec["name"], ("id",)) == tuple(spec["required"])
        assert TABULAR_REQUIRED.get(spec["name"], ()) == tuple(spec.get("tabular_required", ()))


# --- every record validates -----------------------------------------------------------------


@pytest.mark.parametrize("region", ["tiny", *REGIONS])
@pytest.mark.parametrize("kind", sorted(FILE_SCHEMAS))
def test_every_exported_record_validates(records, region, kind):
    items = getattr(records[region], kind)
    assert items, f"{region} exported no {kind}"
    problems = {r["id"]: e for r in items if (e := errors(FILE_SCHEMAS[kind], r))}
    assert problems == {}


def test_the_validator_does_reject_a_bad_record(records):
    service = json.loads(json.dumps(records["tiny"].services[0]))
    service["id"] = "offer-1"
    service["attributes"][0]["taxonomy_term_id"] = "not-a-uuid"
    del service["status"]
    found = errors("compiled/service.json", service)
    assert any("'status' is a required property" in e for e in found)
    assert any(e.startswith("id:") and "uuid" in e for e in found)
    assert any(e.startswith("attributes/0/taxonomy_term_id") for e in found)


def _typed(table: str, row: dict[str, str]) -> dict:
    """A CSV row as JSON: number columns as numbers, empty cells left out.

    A CSV cannot tell an empty string from a missing value: an empty cell of a
    column the table requires is the empty string (HSDS requires the field, not
    a non-empty value), any
    other empty cell is a missing value.
    """
    numbers, required = TABLES[table].numbers, REQUIRED.get(table, ("id",))
    return {
        k: (float(v) if k in numbers else v) for k, v in row.items() if v != "" or k in required
    }


def _read_package(folder: Path) -> dict[str, list[dict]]:
    by_file = {t.file: name for name, t in TABLES.items()}
    tables = {}
    for file in sorted(folder.glob("*.csv")):
        with file.open(newline="", encoding="utf-8") as handle:
            tables[by_file[file.name]] = [
                _typed(by_file[file.name], row) for row in csv.DictReader(handle)
            ]
    return tables


@pytest.mark.parametrize("region", ["tiny", *REGIONS])
def test_every_csv_row_validates(folders, region):
    tables = _read_package(folders[region] / "csv")
    assert errors("compiled/tabular.json", tables) == []
    for table, rows in tables.items():
        required = TABULAR_REQUIRED.get(table, ())
        for row in rows:
            assert errors(f"{table}.json", row) == [], (table, row["id"])
            assert all(row.get(name) for name in required), (table, row["id"])
    assert len(tables["service"]) == len(dataset(region)["offers"])


@pytest.mark.parametrize("region", ["tiny", *REGIONS])
def test_the_datapackage_lists_every_csv(folders, region):
    package = folders[region] / "csv"
    described = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in described["resources"]}
    assert paths == {f.name for f in package.glob("*.csv")}
    assert paths == {t.file for t in TABLES.values()}
    for resource in described["resources"]:
        with (package / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert resource["profile"] == "tabular-data-resource"


def test_the_json_form_has_one_file_per_kind(folders):
    names = {f.name for f in folders["tiny"].iterdir()}
    assert names == {f"{k}.json" for k in FILE_SCHEMAS} | {"csv"}


# --- the socialmap extension ----------------------------------------------------------------


def test_every_attribute_names_a_published_socialmap_term(records):
    for region, rec in records.items():
        terms = {t["id"]: t for t in rec.taxonomy_terms}
        tables = hsds_export.to_tables(rec)
        for attribute in tables.rows["attribute"].values():
            assert attribute["taxonomy_term_id"] in terms, (region, attribute)
        for term in rec.taxonomy_terms:
            assert term["taxonomy_id"] == taxonomy.TAXONOMY_ID
            assert term.get("parent_id") in terms or "parent_id" not in term
            assert term["id"] == taxonomy.term_id(term["code"])


def test_term_ids_are_stable_across_regions_and_runs(records):
    codes = {}
    for rec in records.values():
        for term in rec.taxonomy_terms:
            assert codes.setdefault(term["code"], term["id"]) == term["id"]
    assert codes["ladder-accepts:3"] == "50fc21f4-ba3c-5308-89fe-1c7127f841f2"
    assert to_hsds(dataset("tiny"), today=TODAY) == records["tiny"]


def test_ladder_rungs_and_target_groups_are_attributes_of_services(records):
    service = next(s for s in records["tiny"].services if s["name"] == "Taalcursus")
    codes = {a["taxonomy_term_id"]: a.get("value") for a in service["attributes"]}
    for code in (
        "ladder-accepts:2",
        "ladder-accepts:3",
        "ladder-leads-to:3",
        "category:language-course",
        "target-group:migrants",
    ):
        assert taxonomy.term_id(code) in codes
    assert codes[taxonomy.term_id("field:socialmap-id")] == "language"
    assert "accepts rung 2, 3, leads to rung 3" in service["eligibility_description"]


def test_referral_links_travel_as_attributes_of_their_source(records):
    org = next(o for o in records["tiny"].organizations if o["name"] == "Vrouwencentrum")
    links = [a for a in org["attributes"] if a["link_type"] == "referral-kind"]
    assert len(links) == 1
    value = json.loads(links[0]["value"])
    assert value == {
        "to": hsds_export.organization_id("college"),
        "to_entity": "organization",
        "since": "2019-01-01",
        "last_confirmed": "2026-03-01",
    }


def test_online_offers_have_a_virtual_location(records):
    job = next(s for s in records["tiny"].services if s["name"] == "Werkfit")
    (sal,) = job["service_at_locations"]
    assert sal["location"]["location_type"] == "virtual"


# --- writing --------------------------------------------------------------------------------


def test_cli_exports_hsds_and_geojson(tmp_path):
    db_path = tmp_path / "test.db"
    stored(tiny_dataset(), db_path)[0].close()
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", str(db_path), "export", "--format", "hsds", "--out", str(tmp_path / "hsds")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "hsds" / "csv" / "datapackage.json").exists()
    result = runner.invoke(
        cli,
        [
            "--db",
            str(db_path),
            "export",
            "--format",
            "geojson",
            "--out",
            str(tmp_path / "offers.geojson"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "offers.geojson").read_text())["type"] == "FeatureCollection"


def test_several_regions_give_one_folder_each(tmp_path):
    db = open_db(tmp_path / "two.db")
    for region in REGIONS:
        from socialmap.dataset.reader import Document
        from socialmap.importer import import_document

        import_document(
            db, Document(data=json.loads(json.dumps(demo_dataset(region))), source=f"{region}.json")
        )
    out = interop.export(db, "hsds", tmp_path / "out")
    assert sorted(p.name for p in out.iterdir()) == sorted(REGIONS)
    assert (out / "gladbeck" / "csv" / "services.csv").exists()
    only = interop.export(db, "hsds", tmp_path / "one", region="gladbeck")
    assert (only / "services.json").exists()


def test_a_failed_export_leaves_nothing_half_written(tmp_path, monkeypatch):
    db, _ = stored(tiny_dataset())
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.txt").write_text("an earlier export")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("socialmap.hsds.write.datapackage", boom)
    with pytest.raises(OSError, match="disk full"):
        interop.export(db, "hsds", out, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in out.iterdir()] == ["earlier.txt"]


def test_export_of_an_empty_database_is_a_clear_error(tmp_path):
    from socialmap.errors import SocialmapError

    with pytest.raises(SocialmapError, match="no region yet"):
        interop.export(open_db(":memory:"), "hsds", tmp_path / "out")
    with pytest.raises(SocialmapError, match="unknown export format"):
        interop.export(open_db(":memory:"), "kml", tmp_path / "out")


# --- GeoJSON --------------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_geojson_has_a_point_per_offer_and_location(region):
    data = demo_dataset(region)
    collection = interop.offers_geojson([data])
    located = {loc["id"] for loc in data["locations"] if loc.get("lat") is not None}
    expected = sum(1 for o in data["offers"] for lid in o.get("locations", []) if lid in located)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == expected > 0
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -90 <= lat <= 90
        props = feature["properties"]
        assert props["url"] == f"/offers/{props['id']}"
        assert {
            "name",
            "organisation",
            "category",
            "category_label_de",
            "accepts",
            "leads_to",
            "target_groups",
            "languages",
            "cost_eur",
            "online",
            "address",
            "last_verified",
        } <= props.keys()
    json.dumps(collection, allow_nan=False)


@pytest.mark.parametrize(
    ("region", "state"), [("gladbeck", "Nordrhein-Westfalen"), ("den-haag", "South Holland")]
)
def test_addresses_name_their_state_or_province(records, region, state):
    # HSDS requires state_province on every address: it comes from the postcode's entry
    # in the offline gazetteer, in the JSON records and in the tabular (CSV) form alike.
    addresses = [a for loc in records[region].locations for a in loc.get("addresses", [])]
    assert addresses and {a["state_province"] for a in addresses} == {state}
    rows = hsds_export.to_tables(records[region]).rows["address"].values()
    assert {row["state_province"] for row in rows} == {state}
