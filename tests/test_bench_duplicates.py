"""Duplicate detection on synthetic networks with planted duplicates (issue: unusable at scale).

A network coach acts on the duplicate list only if it is short and right: on a
realistic synthetic network the detector must find the re-entries the
generator planted, and little else.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest

from socialmap.analysis.duplicates import duplicate_offers
from socialmap.graph import build_graph
from socialmap.importer import import_path
from socialmap.store import open_db
from socialmap_bench.gaps import TARGETS, duplicate_quality, run_gaps_benchmark
from socialmap_bench.synth import planted_path, read_planted, write_synthetic

TODAY = dt.date(2026, 11, 21)
OFFERS = 2000


@pytest.fixture(scope="module", params=["den-haag", "nrw"])
def network(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """(dataset dict, planted pairs, duplicate groups) of a 2,000-offer network."""
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / "net.json"
    write_synthetic(path, OFFERS, seed=5, region=request.param, today=TODAY)
    db = open_db(folder / "net.db")
    import_path(db, path)
    groups = duplicate_offers(build_graph(db), today=TODAY)
    db.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, read_planted(path), groups


def test_planted_duplicates_are_found_and_little_else(network: Any) -> None:
    data, planted, groups = network
    quality = duplicate_quality(groups, planted, len(data["offers"]))
    assert quality.precision >= TARGETS["precision"]
    assert quality.recall >= TARGETS["recall"]
    assert quality.grouped_share < 0.05


def test_about_one_and_a_half_percent_are_planted_re_entries(network: Any) -> None:
    data, planted, _ = network
    assert 0.01 * OFFERS <= len(planted) <= 0.02 * OFFERS
    offers = {o["id"]: o for o in data["offers"]}
    points = {loc["id"]: (loc["lat"], loc["lon"]) for loc in data["locations"]}
    involved = [offer for pair in planted for offer in pair]
    assert len(involved) == len(set(involved))  # distinct pairs
    for original_id, copy_id in planted:
        original, copy = offers[original_id], offers[copy_id]
        assert original["organisation"] != copy["organisation"]
        assert original["category"] == copy["category"]
        assert original["ladder"] == copy["ladder"]
        assert original.get("target_groups") == copy.get("target_groups")
        assert original["online"] == copy["online"]
        if not original["online"]:
            (a,), (b,) = original["locations"], copy["locations"]
            assert _metres(points[a], points[b]) <= 260
    edited = sum(offers[a]["name"] != offers[b]["name"] for a, b in planted)
    assert edited >= 0.8 * len(planted)
    reformatted = sum(
        offers[a]["contact"]["phone"] != offers[b]["contact"]["phone"] for a, b in planted
    )
    assert reformatted == len(planted)


def test_offers_of_a_kind_are_named_and_described_variously(network: Any) -> None:
    data, _, _ = network
    names = [o["name"] for o in data["offers"]]
    descriptions = [o["description"] for o in data["offers"]]
    assert len(set(names)) > 0.6 * len(names)
    assert len(set(descriptions)) == len(descriptions)
    assert all(d.endswith(("(Testdaten).", "(testgegevens).")) for d in descriptions)


def test_the_ground_truth_sits_beside_the_dataset_not_in_it(tmp_path: Path) -> None:
    path = tmp_path / "city.json"
    write_synthetic(path, 400, seed=2, today=TODAY)
    side = json.loads(planted_path(path).read_text(encoding="utf-8"))
    assert side["format"] == "socialmap-synth-planted/1" and side["offers"] == 400
    assert "planted" not in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city.json", "city.planted.json"]


def test_the_gaps_benchmark_reports_quality_and_child_memory(tmp_path: Path) -> None:
    lines: list[str] = []
    report = run_gaps_benchmark(
        "state", seed=3, data_dir=tmp_path, offers=1500, workers=1, echo=lines.append
    )
    text = report.summary()
    assert report.quality.planted >= 15 and report.quality.recall >= TARGETS["recall"]
    assert report.child_peak_mb > 0 and report.prepared  # generated and imported in this run
    for words in ("precision", "recall", "offers in groups", "children"):
        assert words in text
    assert "duplicate precision ≥ 0.9" in text and ("PASS" in text or "FAIL" in text)


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance in metres (exact enough under a kilometre)."""
    dy = (a[0] - b[0]) * 111_200
    dx = (a[1] - b[1]) * 111_200 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)
