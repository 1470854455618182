"""Bad input: every case is rejected with one line naming file, record and field,
and the database is byte-for-byte unchanged afterwards."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.dataset.writer import write_csv_folder
from socialmap.errors import DatasetError
from socialmap.importer import import_path
from socialmap.store import open_db


def _set(path: str, value):
    """A mutation that sets ``offers.0.ladder.leads_to``-style dotted paths."""

    def mutate(data):
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(leaf) if leaf.isdigit() else leaf] = value

    return mutate


def _delete(path: str):
    def mutate(data):
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[leaf]

    return mutate


def _duplicate_offer(data):
    data["offers"].append(dict(data["offers"][0]))


# (case id, mutation of the tiny dataset, fragments the one-line message must contain)
BAD_DATASETS = [
    (
        "unknown-format",
        _set("format", "socialmap-dataset/9"),
        ["format", "unknown format 'socialmap-dataset/9'"],
    ),
    (
        "missing-required-field",
        _delete("offers.0.name"),
        ["offers[0] (id 'coffee').name", "missing required field"],
    ),
    (
        "missing-organisation-kind",
        _delete("organisations.1.kind"),
        ["organisations[1] (id 'women-centre').kind", "missing required field"],
    ),
    ("duplicate-id", _duplicate_offer, ["offers[4] (id 'coffee').id", "duplicate id"]),
    (
        "unknown-organisation",
        _set("offers.1.organisation", "nobody"),
        ["offers[1] (id 'language').organisation", "unknown organisation 'nobody'"],
    ),
    (
        "unknown-location",
        _set("offers.0.locations", ["loc-moon"]),
        ["offers[0] (id 'coffee').locations", "unknown location 'loc-moon'"],
    ),
    (
        "unknown-neighbourhood",
        _set("offers.0.eligibility.neighbourhoods", ["n-north"]),
        ["offers[0] (id 'coffee').eligibility.neighbourhoods", "unknown neighbourhood 'n-north'"],
    ),
    (
        "unknown-target-group",
        _set("offers.1.target_groups", ["aliens"]),
        ["offers[1] (id 'language').target_groups", "unknown target group 'aliens'"],
    ),
    (
        "unknown-offer-in-link",
        _set("referral_links.1.to", "no-such-offer"),
        ["referral_links[1].to", "unknown organisation or offer 'no-such-offer'"],
    ),
    (
        "unknown-parent-group",
        _set("target_groups.1.parent", "martians"),
        ["target_groups[1] (id 'refugees').parent", "unknown target group 'martians'"],
    ),
    (
        "unknown-category",
        _set("offers.0.category", "cooking"),
        ["offers[0] (id 'coffee').category", "unknown category 'cooking'"],
    ),
    (
        "unknown-organisation-kind",
        _set("organisations.0.kind", "church"),
        ["organisations[0] (id 'municipality').kind", "unknown organisation kind 'church'"],
    ),
    (
        "unknown-residence-status",
        _set("offers.1.eligibility", {"residence_statuses": ["alien"]}),
        [
            "offers[1] (id 'language').eligibility.residence_statuses[0]",
            "unknown residence status 'alien'",
        ],
    ),
    (
        "rung-above-6",
        _set("offers.0.ladder.accepts", [1, 7]),
        ["offers[0] (id 'coffee').ladder.accepts[1]", "7 is not a rung"],
    ),
    (
        "rung-below-1",
        _set("offers.0.ladder.leads_to", 0),
        ["offers[0] (id 'coffee').ladder.leads_to", "0 is not a rung"],
    ),
    (
        "leads-to-below-accepted",
        _set("offers.2.ladder", {"accepts": [3, 4], "leads_to": 2}),
        ["offers[2] (id 'volunteer').ladder.leads_to", "lower than every accepted rung"],
    ),
    (
        "latitude-out-of-range",
        _set("locations.0.lat", 95.0),
        ["locations[0] (id 'loc-west').lat", "out of range"],
    ),
    (
        "longitude-out-of-range",
        _set("locations.0.lon", -200),
        ["locations[0] (id 'loc-west').lon", "out of range"],
    ),
    (
        "lat-lon-swapped",
        lambda d: d["locations"][0].update(lat=4.305, lon=52.075),
        ["locations[0] (id 'loc-west').lat/lon", "swapped"],
    ),
    ("only-latitude", _delete("locations.0.lon"), ["locations[0] (id 'loc-west').lat/lon", "both"]),
    (
        "date-not-a-date",
        _set("offers.2.valid_until", "2026-02-30"),
        ["offers[2] (id 'volunteer').valid_until", "'2026-02-30' is not a date"],
    ),
    (
        "date-is-words",
        _set("organisations.0.last_verified", "last week"),
        ["organisations[0] (id 'municipality').last_verified", "is not a date"],
    ),
    (
        "valid-until-before-from",
        _set("offers.2.valid_until", "2019-12-31"),
        ["offers[2] (id 'volunteer').valid_until", "before valid_from"],
    ),
    (
        "negative-cost",
        _set("offers.1.cost_eur", -5),
        ["offers[1] (id 'language').cost_eur", "must not be negative"],
    ),
    (
        "negative-capacity",
        _set("offers.1.capacity", -1),
        ["offers[1] (id 'language').capacity", "must not be negative"],
    ),
    (
        "age-range-inverted",
        _set("offers.3.eligibility.age_min", 70),
        ["offers[3] (id 'job').eligibility.age_max", "below age_min"],
    ),
    ("bad-id", _set("offers.0.id", "<script>"), ["offers[0]", ".id", "not a valid id"]),
    (
        "wrong-type",
        _set("offers.1.capacity", "twelve"),
        ["offers[1] (id 'language').capacity", "'twelve'"],
    ),
    (
        "target-group-cycle",
        _set("target_groups.0.parent", "refugees"),
        ["target_groups", ".parent", "loops"],
    ),
    (
        "invalid-geometry",
        _set("neighbourhoods.0.geometry", {"type": "Polygon", "coordinates": [[1, 2]]}),
        ["neighbourhoods[0] (id 'n-west').geometry", "not a valid GeoJSON Polygon"],
    ),
    ("records-not-objects", _set("offers", [1]), ["offers[0]", "not of type object"]),
    (
        "offer-id-is-organisation-id",
        _set("offers.3.id", "college"),
        ["offers[3] (id 'college').id", "also the id of an organisation"],
    ),
]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def loaded_db_path(tmp_path, tiny, write_json):
    """A database file holding the tiny region, closed so its bytes are settled."""
    path = tmp_path / "loaded.db"
    db = open_db(path)
    import_path(db, write_json(tiny, "good.json"))
    db.close()
    return path


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [pytest.param(m, f, id=case) for case, m, f in BAD_DATASETS],
)
def test_bad_dataset_is_rejected_cleanly(loaded_db_path, tiny, write_json, mutate, fragments):
    mutate(tiny)
    bad = write_json(tiny, "bad.json")
    before = _digest(loaded_db_path)
    result = CliRunner().invoke(cli, ["--db", str(loaded_db_path), "import", str(bad)])
    assert result.exit_code != 0
    message = result.output.strip()
    assert "Traceback" not in message
    assert len(message.splitlines()) == 1, message
    assert str(bad) in message
    for fragment in fragments:
        assert fragment in message
    assert _digest(loaded_db_path) == before


def test_invalid_json_names_line_and_column(loaded_db_path, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "socialmap-dataset/1",\n "region": {"id": "x",}}', "utf-8")
    before = _digest(loaded_db_path)
    result = CliRunner().invoke(cli, ["--db", str(loaded_db_path), "import", str(bad)])
    assert result.exit_code != 0
    assert f"{bad}: invalid JSON at line 2 column" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _digest(loaded_db_path) == before


@pytest.mark.parametrize("column", ["leads_to", "kind", "name"])
def test_csv_with_a_missing_column(loaded_db_path, tmp_path, tiny, column):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    table = "organisations" if column == "kind" else "offers"
    file = folder / f"{table}.csv"
    lines = file.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    index = header.index(column)
    file.write_text("\n".join(",".join(line.split(",")[:index]) for line in lines[:1]) + "\n")
    before = _digest(loaded_db_path)
    result = CliRunner().invoke(cli, ["--db", str(loaded_db_path), "import", str(folder)])
    assert result.exit_code != 0
    assert f"{file}: missing column {column!r}" in result.output
    assert _digest(loaded_db_path) == before


def test_csv_cell_errors_name_the_line(fresh_db, tmp_path, tiny):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    file = folder / "offers.csv"
    text = file.read_text("utf-8").replace(",12,", ",zwölf,")
    file.write_text(text, "utf-8")
    with pytest.raises(DatasetError, match=r"offers\.csv line 3\.capacity: 'zwölf' is not a whole"):
        import_path(fresh_db, folder)


def test_id_owned_by_another_region_is_rejected(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny, "a.json"))
    other = json.loads(json.dumps(tiny))
    other["region"]["id"] = "otherville"
    with pytest.raises(DatasetError, match="already used by region 'testville'"):
        import_path(fresh_db, write_json(other, "b.json"))


def test_missing_csv_file_is_named(fresh_db, tmp_path, tiny):
    folder = tmp_path / "csv"
    write_csv_folder(tiny, folder)
    (folder / "referral_links.csv").unlink()
    with pytest.raises(DatasetError, match=r"referral_links\.csv: file missing"):
        import_path(fresh_db, folder)


def test_missing_path(fresh_db, tmp_path):
    with pytest.raises(DatasetError, match="no such file"):
        import_path(fresh_db, tmp_path / "nothing.json")


def test_unknown_keys_are_warnings_not_errors(fresh_db, tiny, write_json):
    tiny["offers"][0]["colour"] = "blue"
    tiny["surprise"] = 1
    report = import_path(fresh_db, write_json(tiny))
    assert any("offers[0] (id 'coffee').colour: unknown key ignored" in w for w in report.warnings)
    assert any("surprise: unknown key ignored" in w for w in report.warnings)
    assert fresh_db["offers"].count == 4


def test_failed_import_into_a_new_file_leaves_no_region(tmp_path, tiny, write_json):
    tiny["offers"][0]["category"] = "cooking"
    db_path = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(write_json(tiny))])
    assert result.exit_code != 0
    db = open_db(db_path)
    assert db["regions"].count == 0 and db["offers"].count == 0


def test_copying_a_good_dataset_changes_nothing(loaded_db_path, tiny, write_json, tmp_path):
    # Control for the table above: the same good file imports as "unchanged".
    copy = tmp_path / "copy.json"
    shutil.copy(write_json(tiny, "again.json"), copy)
    before = _digest(loaded_db_path)
    result = CliRunner().invoke(cli, ["--db", str(loaded_db_path), "import", str(copy)])
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output
    assert _digest(loaded_db_path) == before


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes", "utf-8")
    result = CliRunner().invoke(cli, ["--db", str(path), "stats"])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: database {str(path)!r}: cannot be opened (file is not a database)"
    )
    assert path.read_text("utf-8") == "my notes"


def test_an_import_that_fails_while_writing_leaves_the_old_region(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny, "a.json"))
    tiny["offers"][0]["name"] = "Renamed"
    edited = write_json(tiny, "b.json")

    def crash(*args):
        raise OSError("disk full")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("socialmap.store._rebuild_search", crash)  # after every row is written
        with pytest.raises(OSError, match="disk full"):
            import_path(fresh_db, edited)
    names = {row["name"] for row in fresh_db["offers"].rows}
    assert fresh_db["regions"].count == 1 and len(names) == 4 and "Renamed" not in names
