"""HSDS import: the official examples import, the round trip socialmap -> HSDS -> socialmap
is exact and routes the same, foreign data is mapped as far as it goes with a summary of
what was not, and bad HSDS is one clear line with the database unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import tiny_dataset
from click.testing import CliRunner
from test_hsds_support import HSDS, REGIONS, demo_dataset, file_hash, stored

from socialmap.cli import cli
from socialmap.errors import DatasetError
from socialmap.graph import build_graph
from socialmap.hsds import read_hsds, to_hsds, write_folder
from socialmap.hsds.export import organization_id, service_id
from socialmap.hsds.taxonomy import term_id
from socialmap.importer import export_dataset, import_path
from socialmap.routing import referral_paths
from socialmap.store import open_db

EXAMPLES = sorted(p.name for p in (HSDS / "examples").glob("*.json")) + ["csv"]


def dataset(region: str) -> dict:
    return stored(tiny_dataset())[1] if region == "tiny" else demo_dataset(region)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every test region written as HSDS (the JSON form with its csv/ package)."""
    base = tmp_path_factory.mktemp("roundtrip")
    return {r: write_folder(to_hsds(dataset(r)), base / r, r, r) for r in ("tiny", *REGIONS)}


def reimport(path: Path):
    db = open_db(":memory:")
    report = import_path(db, path)
    (data,) = export_dataset(db)
    return db, data, report


# --- the official examples ------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_official_example_imports(tmp_path, name):
    db = open_db(tmp_path / "fresh.db")
    report = import_path(db, HSDS / "examples" / name)
    assert any("HSDS has no region" in note for note in report.notes)
    assert report.region == Path(name).stem


def test_the_summary_says_what_could_not_be_mapped():
    db = open_db(":memory:")
    report = import_path(db, HSDS / "examples" / "organization_full.json")

    notes = "\n".join(report.notes)
    assert (
        "1 services have no ladder rung: they appear on the map but not in referral paths" in notes
    )
    assert "1 organisations have no socialmap kind: set to 'other'" in notes
    assert (
        "kept verbatim with their records and exported again (socialmap has no field for "
        "them): 1 programs" in notes
    )
    assert "1 of 1 schedules are not plain weekly opening hours" in notes
    assert "services fields kept verbatim (no socialmap field): accreditations (1)" in notes
    (offer,) = export_dataset(db)[0]["offers"]
    assert offer["cost_options"][0]["currency"] == "GBP"  # kept, never converted or dropped
    assert any("(100, 101) are not valid coordinates" in w for w in report.warnings)


def test_the_official_csv_package_maps_like_the_json_form():
    from_csv = read_hsds(HSDS / "examples" / "csv").data
    from_json = read_hsds(HSDS / "examples" / "tabular.json").data
    assert from_csv["offers"] == from_json["offers"]
    (offer,) = from_csv["offers"]
    assert offer["eligibility"] == {"age_min": 12, "age_max": 100}
    assert offer["languages"] == ["ur"] and offer["interpreter"] is True
    assert offer["last_verified"] == "2005-01-01"
    # Unknown is not false: the source names no rung, category, childcare or online.
    assert not {"ladder", "category", "childcare", "online"} & set(offer)


# --- the round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["json", "csv"])
@pytest.mark.parametrize("region", ["tiny", *REGIONS])
def test_the_round_trip_is_exact(exported, region, form):
    folder = exported[region] if form == "json" else exported[region] / "csv"
    _, data, report = reimport(folder)
    assert data == dataset(region)
    assert report.notes == [] and report.warnings == []


def test_importing_the_same_hsds_again_changes_nothing(exported):
    db, _, _ = reimport(exported["tiny"])
    assert import_path(db, exported["tiny"]).unchanged


def test_a_single_exported_file_keeps_the_routing_fields(exported):
    _, data, report = reimport(exported["tiny"] / "services.json")
    original = dataset("tiny")
    assert data["region"]["id"] == "testville"
    assert any("import the whole export folder" in note for note in report.notes)
    for before, after in zip(original["offers"], data["offers"], strict=True):
        for key in (
            "id",
            "organisation",
            "locations",
            "ladder",
            "target_groups",
            "eligibility",
            "languages",
            "online",
            "category",
        ):
            assert before.get(key) == after.get(key), key


PROFILES = [
    {"rung": 1},
    {"rung": 2, "goal_rung": 4, "languages": ["ar"], "online_ok": True},
    {"rung": 1, "gender": "female", "target_groups": ["single-parents"], "max_cost_eur": 0},
    {
        "rung": 3,
        "age": 24,
        "residence_status": "asylum-seeker",
        "work_ban": "none",
        "needs": ["childcare"],
    },
    {"rung": 2, "target_groups": ["refugees"], "max_distance_km": 3, "online_ok": False},
]


def _home(data: dict) -> dict:
    located = next(loc for loc in data["locations"] if loc.get("lat") is not None)
    return {"lat": located["lat"], "lon": located["lon"]}


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("profile", PROFILES, ids=range(len(PROFILES)))
def test_the_round_trip_gives_the_same_paths(exported, region, profile):
    original_db, _ = stored(dataset(region))
    copy_db, _, _ = reimport(exported[region] / "csv")
    full = {**profile, "home": _home(dataset(region)), "date": "2026-11-21"}
    before = referral_paths(build_graph(original_db), full, k=3).to_json()
    after = referral_paths(build_graph(copy_db), full, k=3).to_json()
    assert after == before
    assert before["paths"]


# --- data from other tools ------------------------------------------------------------------

ORG = "6f6c7b8e-0000-4000-8000-000000000001"
LOC = "6f6c7b8e-0000-4000-8000-000000000002"
WEB = "6f6c7b8e-0000-4000-8000-000000000003"
AREA = {
    "type": "Polygon",
    "coordinates": [[[4.3, 52.0], [4.4, 52.0], [4.4, 52.1], [4.3, 52.1], [4.3, 52.0]]],
}


def foreign_service(number: int, **fields) -> dict:
    return {
        "id": f"6f6c7b8e-0000-4000-8000-0000000001{number:02d}",
        "name": f"Service {number}",
        "status": "active",
        **fields,
    }


def foreign_organization(services: list[dict]) -> dict:
    """An organization as another HSDS tool would publish it: no socialmap taxonomy."""
    return {
        "id": ORG,
        "name": "Buurthuis De Brug",
        "description": "Community centre",
        "locations": [
            {
                "id": LOC,
                "location_type": "physical",
                "name": "De Brug",
                "latitude": 52.07,
                "longitude": 4.31,
                "addresses": [
                    {
                        "id": "6f6c7b8e-0000-4000-8000-000000000009",
                        "address_1": "Brug 1",
                        "city": "Den Haag",
                        "state_province": "Zuid-Holland",
                        "postal_code": "2513 AA",
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
            },
            {"id": WEB, "location_type": "virtual", "url": "https://brug.example.org"},
        ],
        "services": services,
    }


def sal(number: int, location: str) -> dict:
    return {"id": f"6f6c7b8e-0000-4000-8000-0000000002{number:02d}", "location_id": location}


def test_foreign_hsds_is_mapped_as_far_as_it_goes(tmp_path):
    services = [
        foreign_service(
            1,
            service_at_locations=[sal(1, LOC)],
            minimum_age=16,
            colour="blue",
            languages=[
                {"id": "6f6c7b8e-0000-4000-8000-000000000301", "code": "NL"},
                {"id": "6f6c7b8e-0000-4000-8000-000000000302", "name": "Arabic"},
            ],
            cost_options=[
                {"id": "6f6c7b8e-0000-4000-8000-000000000401", "amount": 5, "currency": "EUR"}
            ],
        ),
        foreign_service(
            2,
            service_at_locations=[sal(2, WEB)],
            status="defunct",
            last_modified="2024-03-01T10:00:00Z",
        ),
        foreign_service(
            3,
            service_at_locations=[sal(3, LOC)],
            eligibility_description="Residents of the area",
            service_areas=[
                {
                    "id": "6f6c7b8e-0000-4000-8000-000000000501",
                    "name": "Centrum",
                    "extent_type": "geojson",
                    "extent": json.dumps(AREA),
                }
            ],
        ),
    ]
    path = tmp_path / "de-brug.json"
    path.write_text(json.dumps([foreign_organization(services)]))
    db = open_db(":memory:")
    report = import_path(db, path)
    (data,) = export_dataset(db)
    offers = {o["name"]: o for o in data["offers"]}
    assert data["region"] == {"id": "de-brug", "name": "de-brug", "country": "NL"}
    assert offers["Service 1"]["languages"] == ["nl"]
    assert offers["Service 1"]["cost_options"] == [{"amount": 5, "currency": "EUR"}]
    assert offers["Service 1"]["eligibility"] == {"age_min": 16}
    assert offers["Service 2"]["online"] is True and "locations" not in offers["Service 2"]
    assert offers["Service 2"]["valid_until"] == "2024-03-01"
    assert offers["Service 3"]["eligibility"]["neighbourhoods"] == [data["neighbourhoods"][0]["id"]]
    assert not any("ladder" in o or "category" in o for o in data["offers"])  # not known
    notes = "\n".join(report.notes)
    for expected in (
        "3 services have no ladder rung: they appear on the map but not in referral paths",
        "3 services have no socialmap category: imported without one",
        "1 services are inactive, defunct or temporarily closed",
        "1 languages have no ISO 639 code: not mapped",
        "1 service areas with a GeoJSON extent became neighbourhoods",
        "1 services describe their eligibility only in words",
        "HSDS has no region: imported as region 'de-brug'",
        "fields that are not part of HSDS 3.0 were not read: service.colour (1)",
    ):
        assert expected in notes
    result = referral_paths(build_graph(db), {"rung": 1, "date": "2026-11-21"}, k=3)
    assert result.paths == []


# --- bad HSDS -------------------------------------------------------------------------------


def _good_list() -> list[dict]:
    return [foreign_organization([foreign_service(1, service_at_locations=[sal(1, LOC)])])]


def _json(mutate):
    def write(folder: Path) -> Path:
        records = _good_list()
        mutate(records)
        path = folder / "records.json"
        path.write_text(json.dumps(records))
        return path

    return write


def _text(name: str, text: str):
    def write(folder: Path) -> Path:
        (folder / name).write_text(text)
        return folder / name

    return write


def _export_folder(mutate):
    """The tiny region exported as HSDS, then one file changed."""

    def write(folder: Path) -> Path:
        out = write_folder(to_hsds(dataset("tiny")), folder / "export", "t", "t")
        mutate(out)
        return out

    return write


def _edit_json(name: str, change):
    def mutate(folder: Path) -> None:
        records = json.loads((folder / name).read_text())
        change(records)
        (folder / name).write_text(json.dumps(records))

    return mutate


def _edit_csv(name: str, old: str, new: str):
    def mutate(folder: Path) -> None:
        file = folder / "csv" / name
        file.write_text(file.read_text().replace(old, new, 1))

    return mutate


def _csv_package(mutate):
    def write(folder: Path) -> Path:
        out = _export_folder(mutate)(folder)
        return out / "csv"

    return write


def _edit_attributes(term: str, value: str):
    """Set the value of every attribute with ``term``, in every file of the JSON form."""

    def visit(node):
        if isinstance(node, dict):
            if node.get("taxonomy_term_id") == term:
                node["value"] = value
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    def mutate(folder: Path) -> None:
        for file in folder.glob("*.json"):
            records = json.loads(file.read_text())
            visit(records)
            file.write_text(json.dumps(records))

    return mutate


def _unlink_offer_link(records):
    for org in records:
        for attribute in org["attributes"]:
            if attribute["link_type"] == "referral-kind":
                attribute["value"] = json.dumps({"to": "6f6c7b8e-0000-4000-8000-0000000009ff"})


def _drop(key, *path):
    def change(records):
        target = records
        for part in path:
            target = target[part]
        del target[key]

    return change


def _deep_records(levels: int) -> str:
    """An organization whose service names an organization whose service names … (JSON text)."""
    head = '{"id": "o", "name": "O", "description": "D", "services": [{"id": "s", "name": "S", '
    tail = '{"id": "o", "name": "O", "description": "D"}'
    return (head + '"status": "active", "organization": ') * levels + tail + "}]}" * levels


# (case, writes the bad input into a folder and returns the path to import, message fragments)
BAD_HSDS = [
    (
        "invalid-json",
        _text("broken.json", '[{"id": "x", "name": '),
        ["broken.json: invalid JSON at line 1"],
    ),
    (
        "missing-service-name",
        _json(_drop("name", 0, "services", 0)),
        [
            "records.json: [0].services[0] (id '6f6c7b8e-0000-4000-8000-000000000101').name",
            "missing required field",
        ],
    ),
    (
        "missing-organization-description",
        _json(_drop("description", 0)),
        [
            "records.json: [0] (id '6f6c7b8e-0000-4000-8000-000000000001').description",
            "missing required field",
        ],
    ),
    (
        "missing-location-type",
        _json(_drop("location_type", 0, "locations", 0)),
        [
            "[0].locations[0] (id '6f6c7b8e-0000-4000-8000-000000000002').location_type",
            "missing required field",
        ],
    ),
    (
        "service-without-organization",
        _text("service.json", json.dumps({"id": "s-1", "name": "Advice", "status": "active"})),
        [
            "service.json: service (id 's-1').organization_id",
            "missing required field",
            "every service needs its organization",
        ],
    ),
    (
        "service-at-location-names-unknown-location",
        _json(
            lambda r: r[0]["services"][0]["service_at_locations"][0].update(location_id="nowhere")
        ),
        ["service_at_locations[0]", ".location_id: unknown location 'nowhere'"],
    ),
    (
        "service-at-location-names-unknown-service",
        _export_folder(
            _edit_json(
                "service_at_locations.json",
                lambda r: r.append(
                    {
                        "id": "6f6c7b8e-0000-4000-8000-0000000007ff",
                        "service_id": "ghost",
                        "location_id": r[0]["location_id"],
                    }
                ),
            )
        ),
        [
            "service_at_locations.json: [4] (id '6f6c7b8e-0000-4000-8000-0000000007ff')",
            ".service_id: unknown service 'ghost'",
        ],
    ),
    (
        "csv-service-names-unknown-organization",
        _csv_package(_edit_csv("services.csv", organization_id("college"), "ghost-org")),
        ["services.csv line", ".organization_id: unknown organization 'ghost-org'"],
    ),
    (
        "csv-missing-status-column",
        _csv_package(_edit_csv("services.csv", ",status,", ",state,")),
        ["services.csv line 2", ".status: missing required field"],
    ),
    (
        "referral-link-to-nobody",
        _export_folder(_edit_json("organizations.json", _unlink_offer_link)),
        [".value: referral link to unknown organization or service"],
    ),
    (
        "requires-referral-by-unknown",
        _export_folder(
            _edit_attributes(
                term_id("field:requires-referral-by"), "6f6c7b8e-0000-4000-8000-0000000009fe"
            )
        ),
        [
            f"(id '{service_id('job')}').attributes[field:requires-referral-by]: unknown "
            "organization '6f6c7b8e-0000-4000-8000-0000000009fe'"
        ],
    ),
    (
        "not-a-number",
        _json(lambda r: r[0]["services"][0].update(minimum_age="twelve")),
        [".minimum_age: 'twelve' is not a number"],
    ),
    (
        "negative-age",
        _json(lambda r: r[0]["services"][0].update(minimum_age=-3)),
        [
            "records.json: [0].services[0] (id '6f6c7b8e-0000-4000-8000-000000000101')",
            "eligibility.age_min: -3 must not be negative",
        ],
    ),
    (
        "unknown-kind-of-record",
        _text(
            "what.json",
            json.dumps(
                [{"id": "1", "name": "Advice", "status": "active"}, {"id": "2", "colour": "red"}]
            ),
        ),
        ["what.json: [1]: cannot tell which kind of HSDS record this is"],
    ),
    (
        "latitude-nan",
        _json(lambda r: r[0]["locations"][0].update(latitude=float("nan"))),
        [f"[0].locations[0] (id '{LOC}').latitude: nan is not a number"],
    ),
    (
        "capacity-past-the-range-of-floats",
        _export_folder(_edit_attributes(term_id("field:capacity"), "1e400")),
        ["attributes[field:capacity]: '1e400' is not a number"],
    ),
    (
        "age-past-64-bits",
        _json(lambda r: r[0]["services"][0].update(minimum_age=10**30)),
        ["eligibility.age_min: 1000000000000000000000000000000 is too large (at most 150)"],
    ),
    (
        "lone-surrogate",
        _json(lambda r: r[0]["services"][0].update(name="Advies\ud800")),
        [".name: 'Advies\\ud800' is not valid Unicode text"],
    ),
    (
        "self-intersecting-service-area",
        _json(
            lambda r: r[0]["services"][0].update(
                service_areas=[
                    {
                        "id": "6f6c7b8e-0000-4000-8000-000000000401",
                        "name": "Bow tie",
                        "extent_type": "geojson",
                        "extent": json.dumps(
                            {
                                "type": "Polygon",
                                "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
                            }
                        ),
                    }
                ]
            )
        ),
        [
            "records.json: [0].services[0].service_areas[0] (id ",
            ".geometry: not a valid GeoJSON Polygon (Self-intersection at (0.5, 0.5))",
        ],
    ),
    (
        "records-nested-too-deeply",
        _text("deep.json", _deep_records(40)),
        ["deep.json: organization.services[0].organization", "records nested more than 16 deep"],
    ),
    (
        "csv-column-given-twice",
        _csv_package(_edit_csv("services.csv", ",status,", ",status,status,")),
        ["services.csv line 1: column 'status' appears twice (columns 9 and 10)"],
    ),
    (
        "datapackage-names-missing-file",
        _text(
            "datapackage.json",
            json.dumps({"resources": [{"name": "services", "path": "services.csv"}]}),
        ),
        ["datapackage.json: resource 'services.csv': file missing"],
    ),
]


@pytest.mark.parametrize("case, write, fragments", BAD_HSDS, ids=[c[0] for c in BAD_HSDS])
def test_bad_hsds_is_one_clear_line_and_changes_nothing(tmp_path, case, write, fragments):
    db_path = tmp_path / "db.sqlite"
    db, _ = stored(tiny_dataset(), db_path)
    db.close()
    before = file_hash(db_path)
    source = tmp_path / "input"
    source.mkdir()
    path = write(source)
    if case == "datapackage-names-missing-file":
        path = source
    with pytest.raises(DatasetError) as caught:
        import_path(open_db(db_path), path)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {message}"]
    assert "Traceback" not in result.output
    assert file_hash(db_path) == before


def test_ids_written_by_socialmap_are_restored(exported):
    tables = json.loads((exported["tiny"] / "services.json").read_text())
    assert {s["id"] for s in tables} == {service_id(o["id"]) for o in dataset("tiny")["offers"]}
    _, data, _ = reimport(exported["tiny"])
    assert [o["id"] for o in data["offers"]] == [o["id"] for o in dataset("tiny")["offers"]]
