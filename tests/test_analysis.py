"""The network-coach analysis finds exactly what was planted in Plantville.

See ``analysis_builders`` for what was planted where.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from analysis_builders import DESIGN_KEYS, GROUPS, TODAY, planted_dataset
from builders import graph_of

from socialmap.analysis import PARTS, analyse, find_chains
from socialmap.analysis.clients import Setting
from socialmap.analysis.engine import without
from socialmap.routing import referral_paths


@pytest.fixture(scope="module")
def planted():
    return graph_of(planted_dataset())


@pytest.fixture(scope="module")
def result(planted):
    return analyse(planted, today=TODAY)


def everywhere(rung_west, rung_east):
    """Break records for every group: n-west from rung_west, n-east from rung_east."""
    return {
        (g, n, before)
        for g in GROUPS
        for n, before in (("n-west", rung_west), ("n-east", rung_east))
    }


def test_every_design_key_is_a_list(result):
    for key in DESIGN_KEYS:
        assert isinstance(result[key], list), key
    json.dumps(result)  # JSON-ready as it is


def test_planted_gap_and_nothing_else(result):
    assert result["gaps"] == [
        {"target_group": g, "neighbourhood": "n-east", "rung": 5} for g in GROUPS
    ]


def test_coverage_matrix_is_complete(result):
    cells = {(r["target_group"], r["neighbourhood"], r["rung"]) for r in result["coverage"]}
    assert cells == {(g, n, r) for g in GROUPS for n in ("n-west", "n-east") for r in range(1, 6)}
    row = next(
        r
        for r in result["coverage"]
        if (r["target_group"], r["neighbourhood"], r["rung"]) == ("refugees", "n-west", 3)
    )
    assert row["offers"] == 1  # volunteer; the ended offer does not count
    assert row["leads_up"] == 1


def test_chains_that_stop_at_a_gap_are_gaps_not_broken_chains(result):
    stuck = {
        (c["target_group"], c["neighbourhood"], c["highest_rung"])
        for c in result["chains"]
        if c["highest_rung"] < 6
    }
    assert stuck == {(g, "n-east", 5) for g in GROUPS}
    gap_cells = {(g["target_group"], g["neighbourhood"], g["rung"]) for g in result["gaps"]}
    assert stuck <= gap_cells  # nothing on the map takes them from rung 5: a gap …
    assert result["broken_chains"] == []  # … and not counted a second time
    for chain in result["chains"]:
        if chain["neighbourhood"] == "n-east":
            assert chain["path"][-1] == "coach"
    assert {c["highest_rung"] for c in result["chains"] if c["neighbourhood"] == "n-west"} == {6}


def test_the_planted_duplicate_pair_and_not_the_near_misses(result):
    assert [d["offers"] for d in result["duplicates"]] == [["dup-f", "dup-g"]]
    (pair,) = result["duplicates"]
    assert 0.8 <= pair["score"] <= 1.0
    reasons = " | ".join(pair["reasons"])
    for expected in (
        "same category Parenting support",
        "both for Single parents",
        "both accept rung 1–2",
        "0.3 km apart",
        "% similar",
    ):
        assert expected in reasons


def test_isolated_organisation(result):
    assert result["isolated_organisations"] == ["iso"]
    assert result["offers_nobody_refers_to"] == ["iso-offer"]


def test_bridge_organisation_is_the_single_point_of_failure(result):
    (spof,) = result["single_points_of_failure"]
    assert spof["organisation"] == "bridge"
    assert {
        (b["target_group"], b["neighbourhood"], b["highest_rung"]) for b in spof["breaks"]
    } == everywhere(6, 5)
    assert {b["without"] for b in spof["breaks"]} == {3}


def test_bridge_organisation_is_the_only_broker(result):
    assert [(b["organisation"], b["cuts_off"]) for b in result["brokers"]] == [("bridge", 1)]


def test_stale_entries(result):
    assert [(s["kind"], s["id"]) for s in result["stale"]] == [
        ("organisation", "h"),
        ("offer", "later"),
        ("referral_link", "d -> e"),
    ]


def test_funding_cliff_and_the_chains_it_breaks(result):
    (cliff,) = result["funding_cliffs"]
    assert (cliff["offer"], cliff["organisation"], cliff["valid_until"]) == (
        "coach",
        "bridge",
        "2027-02-28",
    )
    assert {
        (b["target_group"], b["neighbourhood"], b["highest_rung"], b["without"])
        for b in cliff["breaks"]
    } == {(*k, 4) for k in everywhere(6, 5)}
    (day,) = result["funding_cliff_dates"]
    assert day["date"] == "2027-02-28" and day["offers"] == ["coach"]


def test_accessibility_scores_every_populated_neighbourhood_and_category(result):
    assert result["neighbourhoods_without_population"] == []
    pairs = {(a["neighbourhood"], a["category"]) for a in result["accessibility"]}
    assert ("n-east", "parenting-support") in pairs
    assert all(a["score"] >= 0 for a in result["accessibility"])
    assert result["accessibility_parameters"]["catchment_km"] == {"plantville": 5.0}


def test_today_is_injectable(planted):
    # Three months on, the coach's funding has ended: every chain stops at rung 4, and
    # "later" (until 2027-06-30) has become a cliff that breaks nothing.
    later = analyse(planted, today=dt.date(2027, 3, 1), parts=("chains",))
    assert {c["highest_rung"] for c in later["chains"]} == {4}
    assert later["funding_cliffs"] == [
        {
            "offer": "later",
            "organisation": "d",
            "valid_until": "2027-06-30",
            "breaks": [],
            "on_best_paths": [],  # and no chain's best path uses it
        }
    ]
    links_only = analyse(planted, today=dt.date(2027, 3, 1), parts=("links",))
    assert links_only["funding_cliffs"][0]["breaks"] is None  # chains not run: not known


def test_parts_run_alone_leave_the_other_keys_empty(planted):
    only = analyse(planted, today=TODAY, parts=("duplicates",))
    assert only["duplicates"] and not only["gaps"] and not only["stale"]
    with pytest.raises(ValueError, match="parts"):
        analyse(planted, parts=("everything",))
    assert set(PARTS) == {"coverage", "chains", "duplicates", "links", "accessibility"}


def test_the_analysis_is_deterministic(planted, result):
    assert analyse(planted, today=TODAY) == result


def test_forked_workers_give_the_same_answer(planted):
    parallel = analyse(planted, today=TODAY, workers=2, parts=("coverage", "chains"))
    serial = analyse(planted, today=TODAY, workers=1, parts=("coverage", "chains"))
    assert parallel == serial


def test_chains_are_the_routing_engines_answer(planted):
    setting = Setting.of(planted, TODAY)
    for chain in find_chains(planted, setting=setting):
        profile = setting.profile(chain.target_group, chain.neighbourhood, "plantville")
        engine = referral_paths(planted, profile, k=3)
        assert chain.highest_rung == max(engine.highest_rung, 1)
        assert chain.paths[0] == tuple(s.offer for s in engine.paths[0].steps)


def test_removing_offers_matches_a_graph_built_without_them(planted):
    """The engine over ``without(G, …)`` answers as over a graph that never had the offers."""
    data = copy.deepcopy(planted_dataset())
    gone = [o["id"] for o in data["offers"] if o["organisation"] == "bridge"]
    data["offers"] = [o for o in data["offers"] if o["id"] not in gone]
    fresh = graph_of(data)
    view = without(planted, gone)
    setting = Setting.of(planted, TODAY)
    for group in GROUPS:
        for place in ("n-west", "n-east"):
            profile = setting.profile(group, place, "plantville")
            a, b = referral_paths(view, profile), referral_paths(fresh, profile)
            assert a.highest_rung == b.highest_rung == 3
            assert [p.offers for p in a.paths] == [p.offers for p in b.paths]
    # the original graph and its engine index are untouched
    assert referral_paths(planted, setting.profile("migrants", "n-west", "plantville")).reached_goal
