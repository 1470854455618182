"""Many files as one region: API pages and a publisher's files merge into one region; a
multi-file import reports every file; the API's region filter and larger pages; and the
loop export → /hsds/ pages → import gives back the region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_hsds_lossless import FOREIGN, as_tables, lost_values
from test_hsds_support import HSDS, REGIONS, demo_dataset, stored

from socialmap.cli import cli
from socialmap.errors import DatasetError
from socialmap.hsds import to_hsds
from socialmap.hsds.read import read_input
from socialmap.importer import export_dataset, import_path, import_paths
from socialmap.store import open_db
from web import create_app

EXAMPLES = HSDS / "examples"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app over both demo regions and a foreign (UK) region."""
    path = tmp_path_factory.mktemp("hsds-merge") / "demo.db"
    for region in REGIONS:
        db, _ = stored(demo_dataset(region), path)
        db.close()
    db = open_db(path)
    import_paths(db, [FOREIGN], region="exampleton", currency="GBP")
    db.close()
    return create_app({"DB": str(path), "TILES": "none", "TESTING": True})


def pages(client, url: str, folder: Path, per_page: int) -> list[Path]:
    """Every page of ``url`` saved as a file, as a harvester would."""
    files, number = [], 1
    while True:
        body = client.get(f"{url}&per_page={per_page}&page={number}").get_json()
        file = folder / f"{url.split('?')[0].strip('/').replace('/', '-')}-{number}.json"
        file.write_text(json.dumps(body), encoding="utf-8")
        files.append(file)
        if body["last_page"]:
            return files
        number += 1


@pytest.mark.parametrize("region", REGIONS)
def test_the_pages_of_one_region_import_as_that_region(app, tmp_path, region):
    client = app.test_client()
    files = pages(
        client, f"/hsds/organizations?region={region}&full=true&full_service=true", tmp_path, 7
    )
    files += pages(client, "/hsds/taxonomy_terms?x=1", tmp_path, 1000)
    assert len(files) > 2  # several pages of organizations
    db = open_db(":memory:")
    outcomes = import_paths(db, files, region=region)
    assert [o.state for o in outcomes] == ["read"] * len(files) + ["imported"]
    (data,) = export_dataset(db)
    assert data == demo_dataset(region)
    # The same pages again: nothing changes.
    assert import_paths(db, files, region=region)[-1].state == "unchanged"


def test_the_pages_of_a_foreign_region_give_back_every_source_value(app, tmp_path):
    client = app.test_client()
    files = pages(
        client, "/hsds/organizations?region=exampleton&full=true&full_service=true", tmp_path, 1
    )
    db = open_db(":memory:")
    import_paths(db, files, region="exampleton", currency="GBP")
    (data,) = export_dataset(db)
    assert data["region"]["currency"] == "GBP"
    exported = as_tables(to_hsds(data).files())
    assert lost_values(read_input(FOREIGN).tables, exported) == []


def test_the_region_filter_and_large_pages(app):
    client = app.test_client()
    everything = client.get("/hsds/services?per_page=1000").get_json()
    one = client.get("/hsds/services?region=den-haag&per_page=1000").get_json()
    assert one["total_items"] < everything["total_items"] == len(everything["contents"])
    assert everything["total_items"] > 100  # one page, above the old limit of 100
    names = {s["name"] for s in one["contents"]}
    assert names == {o["name"] for o in demo_dataset("den-haag")["offers"]}
    orgs = client.get("/hsds/organizations?region=gladbeck&per_page=1000").get_json()
    assert orgs["total_items"] == len(demo_dataset("gladbeck")["organisations"])
    bad = client.get("/hsds/services?region=atlantis")
    assert bad.status_code == 400 and bad.get_json()["field"] == "region"


def test_a_publishers_files_merge_into_one_region_records_kept_once():
    db = open_db(":memory:")
    files = [EXAMPLES / "organization_full.json", EXAMPLES / "service_list.json"]
    outcomes = import_paths(db, files, region="publisher")
    assert [o.state for o in outcomes] == ["read", "read", "imported"]
    assert "given before (kept once)" in outcomes[1].message
    (data,) = export_dataset(db)
    assert data["region"] == {"id": "publisher", "name": "publisher"}
    assert len(data["offers"]) == 1  # the same service in both files


def test_one_unreadable_file_of_a_merged_region_writes_nothing(tmp_path):
    db = open_db(tmp_path / "x.db")
    bad = tmp_path / "page-2.json"
    bad.write_text('{"contents": [{"id": "x", "name": "no org"', encoding="utf-8")
    worse = tmp_path / "page-3.json"
    worse.write_text('[{"id": "y"}]', encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        import_paths(db, [EXAMPLES / "service_list.json", bad, worse], region="r")
    message = str(caught.value)
    assert message.startswith("2 of 3 files cannot be read, nothing was imported")
    assert "page-2.json" in message and "page-3.json" in message
    assert db["offers"].count == 0


def test_independent_files_each_report_and_a_failure_does_not_stop_the_rest(tmp_path, tiny):
    good = tmp_path / "testville.json"
    good.write_text(json.dumps(tiny), encoding="utf-8")
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "socialmap-dataset/1", "region": {"id": "x"}}', encoding="utf-8")
    db_path = tmp_path / "y.db"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db_path),
            "import",
            str(EXAMPLES / "service_full.json"),
            str(bad),
            str(good),
        ],
    )
    assert result.exit_code == 1
    assert f"{bad}: failed — " in result.output and "region.name" in result.output
    assert "1 of 3 files failed (the others were imported)" in result.output
    db = open_db(db_path)
    assert {r["id"] for r in db["regions"].rows} == {"service_full", "testville"}


def test_import_help_says_what_happens_when_a_file_fails():
    text = " ".join(CliRunner().invoke(cli, ["import", "--help"]).output.split())
    assert "a failed file does not stop the others" in text
    assert "if any file fails, nothing is written" in text


def test_currency_is_asked_for_not_invented(tmp_path):
    db = open_db(":memory:")
    import_path(db, EXAMPLES / "service_full.json")
    (data,) = export_dataset(db)
    assert "currency" not in data["region"]
    other = open_db(":memory:")
    import_paths(other, [EXAMPLES / "service_full.json"], currency="GBP")
    (data,) = export_dataset(other)
    assert data["region"]["currency"] == "GBP"
