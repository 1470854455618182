"""On the demo regions the analysis finds what a network coach in Den Haag or Gladbeck would.

The demo datasets plant their findings on purpose (data/demo/SOURCES-*.md,
"Deliberate fixtures"); the dates refer to 2026-11-21.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from socialmap.analysis import analyse, region_graph
from socialmap.analysis.summary import format_summary
from socialmap.errors import InvalidProfile
from socialmap.importer import import_path
from socialmap.store import open_db

TODAY = dt.date(2026, 11, 21)
DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    paths = sorted(DEMO.glob("*.json"))
    assert [p.name for p in paths] == ["den-haag.json", "gladbeck.json"]
    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    for path in paths:
        import_path(db, path)
    graphs = {region: region_graph(db, region) for region in ("den-haag", "gladbeck")}
    yield {region: (G, analyse(G, today=TODAY)) for region, G in graphs.items()}
    db.close()


def names(G, kind, ids):
    return {G.nodes[f"{kind}:{i}"]["name"] for i in ids}


def test_the_isolated_self_organisations_are_found(demo):
    assert demo["den-haag"][1]["isolated_organisations"] == [
        "buurtwerkplaats-spoorwijk",
        "vrouwenvereniging-transvaal",
    ]
    assert demo["gladbeck"][1]["isolated_organisations"] == [
        "interkultureller-frauentreff-gladbeck",
        "nachbarschaftsverein-ellinghorst",
    ]


def test_two_taalcafes_in_different_buildings_of_schilderswijk_are_not_duplicates(demo):
    # Since the demo places locations at their street (not all on the postcode centre),
    # the library's taalcafé and Zebra's are 0.3 km apart with different descriptions:
    # two offers, not one offer listed twice.
    groups = [d["offers"] for d in demo["den-haag"][1]["duplicates"]]
    assert ["bieb.taalcafe-schilderswijk", "zebra.taalcafe-schilderswijk"] not in groups
    assert demo["gladbeck"][1]["duplicates"] == []


def test_the_far_east_of_den_haag_has_the_gaps(demo):
    G, result = demo["den-haag"]
    where = Counter(G.nodes[f"neighbourhood:{g['neighbourhood']}"]["name"] for g in result["gaps"])
    assert set(where) <= {"Ypenburg", "Leidschenveen"} and where
    central = {"Schildersbuurt", "Centrum", "Transvaalkwartier", "Stationsbuurt"}
    assert not central & set(where)
    # a chain that stops at a gap is a gap, not also a broken chain (counted once)
    stuck = {(c["target_group"], c["neighbourhood"], c["highest_rung"]) for c in result["chains"]}
    gap_cells = {(g["target_group"], g["neighbourhood"], g["rung"]) for g in result["gaps"]}
    broken = {
        (c["target_group"], c["neighbourhood"], c["highest_rung"]) for c in result["broken_chains"]
    }
    assert stuck & gap_cells and not broken & gap_cells


def test_gladbeck_has_an_offer_for_every_group_on_every_rung(demo):
    _, result = demo["gladbeck"]
    assert result["gaps"] == [] and result["broken_chains"] == []


def test_without_the_ehrenamtsagentur_gladbecks_chains_get_shorter(demo):
    _, result = demo["gladbeck"]
    spof = {s["organisation"]: s["breaks"] for s in result["single_points_of_failure"]}
    assert "ehrenamtsagentur-gladbeck" in spof
    assert all(b["without"] < b["highest_rung"] for b in spof["ehrenamtsagentur-gladbeck"])


def test_netzwerk_w_holds_gladbecks_referral_network_together(demo):
    brokers = {b["organisation"]: b for b in demo["gladbeck"][1]["brokers"]}
    assert brokers["netzwerk-w-kreis-recklinghausen"]["cuts_off"] >= 1
    assert brokers["jobcenter-gladbeck"]


def test_stale_entries_and_funding_cliffs_as_documented(demo):
    stale = {(s["kind"], s["id"]) for s in demo["den-haag"][1]["stale"]}
    for org in (
        "jekuntmeer",
        "welzijn-scheveningen",
        "stichting-al-amal",
        "buurtwerkplaats-spoorwijk",
    ):
        assert ("organisation", org) in stale
    assert ("referral_link", "uwv-den-haag -> haeghe-groep") in stale
    gla_stale = {s["id"] for s in demo["gladbeck"][1]["stale"] if s["kind"] == "organisation"}
    assert gla_stale == {
        "fluechtlingshilfe-gladbeck",
        "familienzentrum-butendorf",
        "integrationsfachdienst-emscher-lippe",
        "modehaus-hochstrasse",
        "nachbarschaftsverein-ellinghorst",
    }
    assert [c["offer"] for c in demo["den-haag"][1]["funding_cliffs"]] == [
        "jongerenpunt.mdt",
        "roc.nt2-in-de-wijk",
        "gemeente.herintreders",
        "yasmin.empowerment",
        "studiefonds.bijdrage-vrouwen",
        "vluchtelingenwerk.werkcoach",
    ]
    cliffs = demo["gladbeck"][1]["funding_cliffs"]
    assert sum("biwaq" in c["offer"] for c in cliffs) == 6
    assert cliffs[-1]["offer"] == "gla-kfb-mentoring"
    ended = {"yasmin.naaiatelier", "mooi.trajectbegeleiding-werk", "uwv.stap-budget"}
    assert not ended & {c["offer"] for c in demo["den-haag"][1]["funding_cliffs"]}


def test_neighbourhoods_without_population_are_reported_not_scored(demo):
    G, result = demo["den-haag"]
    missing = set(result["neighbourhoods_without_population"])
    scored = {a["neighbourhood"] for a in result["accessibility"]}
    # every wijk has its CBS 2016 population; Oostduinen (dunes) has no residents
    with_people = {
        n["id"]
        for n in json.loads((DEMO / "den-haag.json").read_text(encoding="utf-8"))["neighbourhoods"]
        if n["population"]
    }
    assert scored == with_people and len(scored) == 43
    assert not missing & scored
    # the centre reaches more job coaching per resident than far-away Ypenburg
    score = {
        a["neighbourhood"]: a["score"]
        for a in result["accessibility"]
        if a["category"] == "job-coaching"
    }
    assert score["wijk-28"] > score["wijk-42"]


def test_a_coach_chooses_arabic_speakers_who_travel_3_km_and_sees_where_chains_break():
    # "Our typical clients are too easy: what about Arabic speakers who cannot travel far?"
    db = open_db(":memory:")
    import_path(db, DEMO / "den-haag.json")
    G = region_graph(db, "den-haag")
    easy = analyse(G, today=TODAY, parts=("coverage", "chains"))
    hard = analyse(
        G,
        today=TODAY,
        parts=("coverage", "chains"),
        client={"languages": ["ar"], "max_distance_km": 3},
    )
    assert len(hard["broken_chains"]) > len(easy["broken_chains"])
    rules = Counter(b["rule"] for c in hard["broken_chains"] for b in c["blocked_by"])
    assert {"language", "distance"} <= set(rules)
    # whom an offer is for is not a closed door
    assert not {"target-group", "gender", "age", "not-asked"} & set(rules)
    one = hard["broken_chains"][0]
    assert one["missing"].startswith("no offer open to")
    assert all(n["why"] for n in one["near_misses"])
    # nothing is counted twice
    gap_cells = {(g["target_group"], g["neighbourhood"], g["rung"]) for g in hard["gaps"]}
    assert (
        not {
            (c["target_group"], c["neighbourhood"], c["highest_rung"])
            for c in hard["broken_chains"]
        }
        & gap_cells
    )


def test_a_client_type_cannot_override_what_the_analysis_sets():
    db = open_db(":memory:")
    import_path(db, DEMO / "gladbeck.json")
    with pytest.raises(InvalidProfile, match="profile.home"):
        analyse(region_graph(db, "gladbeck"), today=TODAY, client={"home": {"postcode": "45964"}})


def test_a_funding_cliff_the_router_puts_first_says_what_happens_to_those_chains(demo):
    # "This offer's money runs out: which clients lose their way, and which take a detour?"
    G, result = demo["den-haag"]
    used = [c for c in result["funding_cliffs"] if c["on_best_paths"]]
    assert used, "a cliff on some chain's best path"
    for cliff in used:
        best = {
            (c["target_group"], c["neighbourhood"])
            for c in result["chains"]
            if c["path"] and cliff["offer"] in c["path"]
        }
        assert {(c["target_group"], c["neighbourhood"]) for c in cliff["on_best_paths"]} == best
        broken = {(b["target_group"], b["neighbourhood"]) for b in cliff["breaks"]}
        assert broken <= best
    summary = format_summary(G, result, lang="nl")
    assert "op de beste route van" in summary or "breekt" in summary
