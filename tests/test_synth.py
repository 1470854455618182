"""Tests of socialmap_bench.synth and ``socialmap synth``.

The checks of the generated data are written here from the rules of
DESIGN.md and the synth brief, not taken from the generator.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from socialmap.errors import SocialmapError
from socialmap.paths import data_dir
from socialmap_bench.synth import synthesize, write_synthetic
from socialmap_bench.synth_cli import synth_command

TODAY = date(2026, 11, 21)
ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "socialmap" / "dataset" / "schema.json").read_text(encoding="utf-8"))
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_KEYS = {"last_verified", "valid_from", "valid_until", "since", "last_confirmed"}
TABLES = ("neighbourhoods", "target_groups", "organisations", "locations", "offers")
EXTRA_LANGUAGES = {"en", "tr", "ar", "uk", "pl", "fa", "ti", "so"}
TARGET_GROUP_PARENTS = {
    "women": None,
    "women-returners": "women",
    "parents": None,
    "single-parents": "parents",
    "migrants": None,
    "refugees": "migrants",
    "highly-qualified-migrants": "migrants",
    "young-people": None,
    "early-school-leavers": "young-people",
    "long-term-unemployed": None,
    "older-jobseekers": "long-term-unemployed",
    "people-with-disabilities": None,
    "low-literacy": None,
}
SOURCE = {
    "den-haag": ("denhaag_wijken_2016_wgs84.geojson", "nl", "NL"),
    "nrw": ("nrw_kreise_53_bkg.geojson", "de", "DE"),
}


@pytest.fixture(scope="module", params=["den-haag", "nrw"])
def small(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    """(region, 300-offer dataset) for both regions."""
    return request.param, synthesize(300, seed=7, region=request.param, today=TODAY)


@pytest.fixture(scope="module")
def large() -> dict[str, Any]:
    """A 3,000-offer Den Haag dataset for proportions."""
    return synthesize(3000, seed=11, region="den-haag", today=TODAY)


def source_features(region: str) -> list[dict[str, Any]]:
    path = ROOT / "data" / "geo" / SOURCE[region][0]
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def offer_areas(data: dict[str, Any]) -> dict[str, int]:
    """Neighbourhood index of each location, by point-in-polygon."""
    shapes = [shapely.geometry.shape(n["geometry"]) for n in data["neighbourhoods"]]
    result = {}
    for loc in data["locations"]:
        point = shapely.Point(loc["lon"], loc["lat"])
        result[loc["id"]] = next(k for k, s in enumerate(shapes) if s.contains(point))
    return result


def test_data_dir_holds_the_polygons() -> None:
    assert (data_dir() / "geo" / "nrw_kreise_53_bkg.geojson").is_file()


def test_same_seed_gives_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_synthetic(first, 200, seed=3, region="nrw", today=TODAY)
    write_synthetic(second, 200, seed=3, region="nrw", today=TODAY)
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_bytes()) == synthesize(200, seed=3, region="nrw", today=TODAY)
    assert not list(tmp_path.glob("*.part"))


def test_different_seeds_differ() -> None:
    one = synthesize(100, seed=1, today=TODAY)
    two = synthesize(100, seed=2, today=TODAY)
    assert one["offers"] != two["offers"]
    assert one["locations"] != two["locations"]


def test_validates_against_the_schema(small: tuple[str, dict[str, Any]]) -> None:
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(small[1])]
    assert errors == []


def test_region_and_neighbourhoods(small: tuple[str, dict[str, Any]]) -> None:
    region, data = small
    _, language, country = SOURCE[region]
    assert data["region"] == {
        "id": f"synth-{region}",
        "name": data["region"]["name"],
        "country": country,
        "languages": [language],
    }
    features = source_features(region)
    assert [n["geometry"] for n in data["neighbourhoods"]] == [f["geometry"] for f in features]
    for n in data["neighbourhoods"]:
        assert n["id"].startswith("s-wijk-" if region == "den-haag" else "s-kreis-")
        assert isinstance(n["population"], int) and n["population"] > 0
        assert not n["name"].startswith("Wijk ")
    by_id = {n["id"]: n for n in data["neighbourhoods"]}
    if region == "den-haag":
        assert by_id["s-wijk-28"]["name"] == "Centrum"
        assert all(5_000 <= n["population"] <= 40_000 for n in by_id.values())
    else:
        assert (by_id["s-kreis-05111"]["name"], by_id["s-kreis-05111"]["population"]) == (
            "Düsseldorf",
            619294,
        )


def test_target_groups_are_the_standard_ones(small: tuple[str, dict[str, Any]]) -> None:
    groups = small[1]["target_groups"]
    assert {g["id"]: g.get("parent") for g in groups} == TARGET_GROUP_PARENTS
    assert all(set(g["labels"]) == {"de", "nl", "en"} for g in groups)


def test_ids_are_valid_unique_and_prefixed(small: tuple[str, dict[str, Any]]) -> None:
    data = small[1]
    for table, prefix in [
        ("organisations", "s-org-"),
        ("locations", "s-loc-"),
        ("offers", "s-off-"),
    ]:
        ids = [record["id"] for record in data[table]]
        assert all(ID.match(i) and i.startswith(prefix) for i in ids)
        assert len(ids) == len(set(ids))
    for table in ("neighbourhoods", "target_groups"):
        ids = [record["id"] for record in data[table]]
        assert all(ID.match(i) for i in ids) and len(ids) == len(set(ids))
    offers = {o["id"] for o in data["offers"]}
    assert not offers & {o["id"] for o in data["organisations"]}


def test_every_reference_exists(small: tuple[str, dict[str, Any]]) -> None:
    data = small[1]
    ids = {table: {r["id"] for r in data[table]} for table in TABLES}
    kinds = {o["id"]: o["kind"] for o in data["organisations"]}
    location_owner = {loc["id"]: loc["organisation"] for loc in data["locations"]}
    assert set(location_owner.values()) <= ids["organisations"]
    for offer in data["offers"]:
        rules = offer.get("eligibility", {})
        assert offer["organisation"] in ids["organisations"]
        assert {location_owner[loc] for loc in offer.get("locations", [])} <= {
            offer["organisation"]
        }
        assert set(offer.get("target_groups", [])) <= ids["target_groups"]
        assert set(rules.get("neighbourhoods", [])) <= ids["neighbourhoods"]
        assert all(kinds[o] == "jobcenter" for o in rules.get("requires_referral_by", []))
    nodes = ids["organisations"] | ids["offers"]
    for link in data["referral_links"]:
        assert link["from"] in nodes and link["to"] in nodes
        assert link["since"] <= link["last_confirmed"] <= TODAY.isoformat()


def walk_dates(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in DATE_KEYS]
        return found + [d for k, v in value.items() if k != "geometry" for d in walk_dates(v)]
    if isinstance(value, list):
        return [d for item in value for d in walk_dates(item)]
    return []


def test_dates_are_iso(small: tuple[str, dict[str, Any]]) -> None:
    dates = walk_dates(small[1])
    assert dates and all(DATE.match(d) and date.fromisoformat(d) for d in dates)


def test_offer_rules(small: tuple[str, dict[str, Any]]) -> None:
    region, data = small
    language = SOURCE[region][1]
    for offer in data["offers"]:
        accepts, leads_to = offer["ladder"]["accepts"], offer["ladder"]["leads_to"]
        assert 1 <= len(accepts) <= 3 and accepts == list(range(accepts[0], accepts[-1] + 1))
        assert leads_to >= min(accepts) and leads_to in {max(accepts), min(6, max(accepts) + 1)}
        rules = offer.get("eligibility", {})
        if "age_min" in rules and "age_max" in rules:
            assert rules["age_min"] <= rules["age_max"]
        if "valid_from" in offer and "valid_until" in offer:
            assert offer["valid_from"] <= offer["valid_until"]
        assert offer["online"] == (not offer.get("locations"))
        languages = offer["languages"]
        assert languages[0] == language and set(languages[1:]) <= EXTRA_LANGUAGES
        assert len(languages) == len(set(languages)) <= 4
        assert 5 <= offer["capacity"] <= 40 and 0 <= offer["wait_weeks"] <= 12
        assert all(value not in ("", [], {}, None) for value in offer.values())


def test_locations_lie_inside_the_polygons(small: tuple[str, dict[str, Any]]) -> None:
    data = small[1]
    union = shapely.union_all(
        [shapely.geometry.shape(n["geometry"]) for n in data["neighbourhoods"]]
    )
    lon = np.array([loc["lon"] for loc in data["locations"]])
    lat = np.array([loc["lat"] for loc in data["locations"]])
    assert shapely.contains_xy(union, lon, lat).all()


def share(offers: list[dict[str, Any]], test: Any) -> float:
    return sum(1 for offer in offers if test(offer)) / len(offers)


def test_proportions_are_as_intended(large: dict[str, Any]) -> None:
    offers = large["offers"]
    rules = [offer.get("eligibility", {}) for offer in offers]
    n = len(offers)
    assert 0.3 < len(large["organisations"]) / n < 0.37
    assert 1.2 < len(large["locations"]) / len(large["organisations"]) < 1.4
    assert 0.4 < len(large["referral_links"]) / n < 0.6
    kinds = Counter(o["kind"] for o in large["organisations"])
    assert 1 <= kinds["jobcenter"] <= 10 and len(kinds) >= 10
    expected = [
        (lambda o: o["online"], 0.10),
        (lambda o: o.get("target_groups"), 0.40),
        (lambda o: o.get("cost_eur"), 0.15),
        (lambda o: o.get("interpreter"), 0.05),
        (lambda o: o.get("valid_until", "9999") < TODAY.isoformat(), 0.08),
        (lambda o: TODAY.isoformat() <= o.get("valid_until", "9999") <= "2027-05-21", 0.05),
        (lambda o: o["last_verified"] < "2025-11-21", 0.10),
    ]
    for test, aim in expected:
        assert aim * 0.7 < share(offers, test) < aim * 1.3
    for key, aim in [("genders", 0.08), ("residence_statuses", 0.10), ("excludes_work_ban", 0.05)]:
        assert aim * 0.6 < sum(key in r for r in rules) / n < aim * 1.4
    for key, aim in [("neighbourhoods", 0.08), ("requires_referral_by", 0.10)]:
        assert aim * 0.7 < sum(key in r for r in rules) / n < aim * 1.3


def test_every_rung_transition_is_covered(large: dict[str, Any]) -> None:
    steps = Counter(
        rung
        for offer in large["offers"]
        for rung in offer["ladder"]["accepts"]
        if offer["ladder"]["leads_to"] == rung + 1
    )
    assert all(steps[rung] >= 50 for rung in range(1, 6))
    lateral = share(
        large["offers"], lambda o: o["ladder"]["leads_to"] == max(o["ladder"]["accepts"])
    )
    assert 0.05 < lateral < 0.3


def test_referral_links_form_nearby_chains(large: dict[str, Any]) -> None:
    offers = {o["id"]: o for o in large["offers"]}
    area_of = offer_areas(large)
    shapes = [shapely.geometry.shape(n["geometry"]) for n in large["neighbourhoods"]]
    links = [link for link in large["referral_links"] if link["from"] in offers]
    assert len(links) > 0.2 * len(offers)
    chained = near = located = 0
    for link in links:
        source, target = offers[link["from"]], offers[link["to"]]
        chained += source["ladder"]["leads_to"] in target["ladder"]["accepts"]
        if source.get("locations") and target.get("locations"):
            a, b = area_of[source["locations"][0]], area_of[target["locations"][0]]
            located += 1
            near += a == b or shapes[a].distance(shapes[b]) < 0.002
    assert chained / len(links) > 0.95
    assert near / located > 0.8
    stale = [link["last_confirmed"] < "2025-11-21" for link in large["referral_links"]]
    assert 0.05 < sum(stale) / len(stale) < 0.15
    assert {link["kind"] for link in large["referral_links"]} == {
        "agreement",
        "regular",
        "informal",
    }


@pytest.mark.parametrize(
    ("offers", "region"), [(0, "den-haag"), (-5, "den-haag"), (10, "atlantis")]
)
def test_bad_arguments_raise(offers: int, region: str, tmp_path: Path) -> None:
    with pytest.raises(SocialmapError):
        synthesize(offers, region=region)
    with pytest.raises(SocialmapError):
        write_synthetic(tmp_path / "x.json", offers, region=region)
    assert not list(tmp_path.iterdir())


def test_cli_writes_a_dataset(tmp_path: Path) -> None:
    out = tmp_path / "city.json"
    args = ["--offers", "40", "--seed", "1", "--region", "nrw", "--out", str(out)]
    result = CliRunner().invoke(synth_command, [*args, "--today", "2026-11-21"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == synthesize(
        40, seed=1, region="nrw", today=TODAY
    )


def test_cli_help_and_bad_input() -> None:
    runner = CliRunner()
    assert "Example:" in runner.invoke(synth_command, ["--help"]).output
    result = runner.invoke(synth_command, ["--offers", "0", "--out", "x.json"])
    assert result.exit_code != 0 and "--offers" in result.output
    assert "Traceback" not in result.output


def test_cli_reports_an_unwritable_file_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "city.json"
    result = CliRunner().invoke(synth_command, ["--offers", "5", "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: Cannot write {str(out)!r}: No such file or directory"
    ]
