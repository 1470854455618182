"""The analysis' parts one by one: typical clients, duplicates, E2SFCA, weak links, dates."""

from __future__ import annotations

import copy
import datetime as dt
import math
import random

import networkx as nx
import numpy as np
import pytest
from analysis_builders import KM_LAT, TODAY, planted_dataset
from builders import graph_of

from socialmap.analysis import accessibility as acc
from socialmap.analysis import duplicates as dup
from socialmap.analysis.clients import typical_client
from socialmap.analysis.common import add_months, region_scale_km
from socialmap.analysis.links import articulation_cut_off, funding_cliffs, stale_entries
from socialmap.routing import parse_profile
from socialmap.vocab import STANDARD_TARGET_GROUPS

PARENTS = {str(g["id"]): g.get("parent") for g in STANDARD_TARGET_GROUPS}

# --- typical clients -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "age", "gender", "status"),
    [
        ("women", 35, "female", "citizen"),
        ("women-returners", 35, "female", "citizen"),
        ("single-parents", 35, "female", "citizen"),
        ("parents", 35, None, "citizen"),
        ("migrants", 35, None, "residence-permit"),
        ("refugees", 35, None, "residence-permit"),
        ("highly-qualified-migrants", 35, None, "residence-permit"),
        ("young-people", 19, None, "citizen"),
        ("early-school-leavers", 19, None, "citizen"),
        ("long-term-unemployed", 35, None, "citizen"),
        ("older-jobseekers", 58, None, "citizen"),
        ("a-group-of-our-own", 35, None, "citizen"),
    ],
)
def test_typical_client(group, age, gender, status):
    profile = typical_client(
        group, "wijk-28", parents=PARENTS, language="nl", max_distance_km=5, today=TODAY
    )
    assert (profile["age"], profile.get("gender"), profile["residence_status"]) == (
        age,
        gender,
        status,
    )
    assert profile["target_groups"] == [group] and profile["languages"] == ["nl"]
    assert profile["home"] == {"neighbourhood": "wijk-28"} and profile["rung"] == 1
    parse_profile(profile)  # a valid routing profile


def test_region_scale_city_and_districts():
    G = nx.MultiDiGraph()
    for i in range(5):  # a city: neighbourhood points ~1 km apart
        G.add_node(
            f"neighbourhood:c{i}", kind="neighbourhood", region="city", lat=52.0 + i * 0.01, lon=4.3
        )
    for i in range(5):  # Kreise: ~30 km apart
        G.add_node(
            f"neighbourhood:k{i}",
            kind="neighbourhood",
            region="state",
            lat=51.0 + i * 0.27,
            lon=7.0,
        )
    assert region_scale_km(G) == {"city": 5.0, "state": 25.0}


# --- duplicates ------------------------------------------------------------------------------


def _pair_graph(**changes):
    """Two near-identical offers; ``changes`` alters offer ``b`` (or its location)."""
    G = nx.MultiDiGraph()
    G.add_node("target_group:migrants", kind="target_group", id="migrants", parent=None)
    G.add_node("target_group:refugees", kind="target_group", id="refugees", parent="migrants")
    G.add_node("target_group:women", kind="target_group", id="women", parent=None)
    base = {
        "kind": "offer",
        "region": "r",
        "category": "language-course",
        "accepts": (2, 3),
        "target_groups": ("migrants",),
        "online": False,
        "name": "Taalcursus voor nieuwkomers",
        "purpose": "",
        "description": "Nederlands leren in kleine groepen, twee ochtenden per week.",
    }
    lat_b = 52.0 + changes.pop("km", 0.4) * KM_LAT
    for oid, lat in (("a", 52.0), ("b", lat_b)):
        G.add_node(f"location:l{oid}", kind="location", lat=lat, lon=4.3)
        data = {**base, "id": oid, "organisation": f"org-{oid}", "locations": (f"l{oid}",)}
        if oid == "b":
            data.update(changes)
        _add_offer(G, data)
    return G


def _add_offer(G: nx.MultiDiGraph, data: dict) -> None:
    """An offer node with its ``serves-target-group`` edges, as ``build_graph`` makes them."""
    G.add_node(f"offer:{data['id']}", **data)
    for group in data.get("target_groups") or ():
        G.add_edge(f"offer:{data['id']}", f"target_group:{group}", type="serves-target-group")


@pytest.mark.parametrize(
    ("changes", "found"),
    [
        ({}, True),
        ({"target_groups": ("refugees",)}, True),  # a sub-group: the same people
        ({"accepts": (3, 4)}, True),
        ({"km": 1.4}, True),
        ({"category": "counselling"}, False),
        ({"target_groups": ("women",)}, False),
        ({"target_groups": ()}, False),  # for everyone next to one for migrants: a complement
        ({"accepts": (4, 5)}, False),
        ({"km": 1.6}, False),
        ({"km": 5.0}, False),
        ({"region": "elsewhere"}, False),
        (
            {
                "name": "Fietsles",
                "description": "Leren fietsen in het verkeer op de Haagse straten.",
            },
            False,
        ),
        ({"valid_until": "2026-01-31"}, False),  # funding ended
    ],
)
def test_duplicate_pair_rules(changes, found):
    result = dup.duplicate_offers(_pair_graph(**changes), today=TODAY)
    assert bool(result) is found
    if found:
        assert result[0]["offers"] == ["a", "b"]


def test_online_offers_are_compared_with_online_offers():
    G = _pair_graph()
    for oid in "ab":
        G.nodes[f"offer:{oid}"].update(online=True, locations=())
    (group,) = dup.duplicate_offers(G, today=TODAY)
    assert "both online" in group["reasons"]
    G.nodes["offer:b"].update(online=False, locations=("lb",))
    assert dup.duplicate_offers(G, today=TODAY) == []


def test_duplicate_reasons_in_german():
    (group,) = dup.duplicate_offers(_pair_graph(), today=TODAY, lang="de")
    assert group["reasons"][0] == "gleiche Kategorie Sprachkurs"
    assert "0.4 km voneinander" in group["reasons"]


def test_pairs_chain_into_one_group():
    G = _pair_graph()
    G.add_node("location:lc", kind="location", lat=52.0 + 0.8 * KM_LAT, lon=4.3)
    _add_offer(G, {**G.nodes["offer:b"], "id": "c", "locations": ("lc",), "organisation": "org-c"})
    (group,) = dup.duplicate_offers(G, today=TODAY)
    assert group["offers"] == ["a", "b", "c"]
    assert group["reasons"][1].startswith("all for")


def _add_counselling_offer(G: nx.MultiDiGraph, k: int, lat: float, **data) -> None:
    """Counselling offer ``o{k}`` of organisation ``org{k}`` at its own location ``l{k}``."""
    G.add_node(f"location:l{k}", kind="location", lat=lat, lon=4.3)
    G.add_node(
        f"offer:o{k}",
        kind="offer",
        id=f"o{k}",
        organisation=f"org{k}",
        region="r",
        category="counselling",
        accepts=(2,),
        target_groups=(),
        online=False,
        locations=(f"l{k}",),
        **data,
    )


def test_boilerplate_descriptions_do_not_make_duplicates():
    G = nx.MultiDiGraph()
    names = ["Schuldhulp", "Fietsles", "Huiswerkklas", "Naaiatelier", "Repaircafé", "Moestuin"]
    for k, name in enumerate(names):
        _add_counselling_offer(
            G,
            k,
            52.0 + k * 0.001,
            name=name,
            description="Een project van Stichting Welzijn in uw wijk, gratis.",
        )
    assert dup.duplicate_offers(G, today=TODAY) == []


def test_oversized_blocks_are_compared_by_sorted_neighbourhood(monkeypatch):
    """A dense spot does not make the comparison quadratic, and still finds close names."""
    G = nx.MultiDiGraph()
    rng = random.Random(1)
    words = ["taal", "werk", "fiets", "koken", "naaien", "computer", "sport", "muziek"]
    for k in range(60):
        _add_counselling_offer(G, k, 52.0, name=" ".join(rng.sample(words, 3)) + f" {k}")
    G.add_node("offer:twin", **{**G.nodes["offer:o7"], "id": "twin", "organisation": "orgx"})
    monkeypatch.setattr(dup, "MAX_BLOCK", 20)
    compared = []
    real = dup._similarity

    def spy(offers, i, j, dist):
        compared.append(len(i))
        return real(offers, i, j, dist)

    monkeypatch.setattr(dup, "_similarity", spy)
    groups = dup.duplicate_offers(G, today=TODAY, min_similarity=99)
    assert ["o7", "twin"] in [g["offers"] for g in groups]
    assert compared[0] <= 61 * dup.WINDOW  # not 61 * 60 / 2


def test_normalise_text_folds_german_and_dutch():
    assert (
        dup.normalise_text("Beratung für Geflüchtete – Übergänge")
        == "beratung gefluchtete ubergange"
    )
    assert dup.normalise_text("Begeleiding naar werk voor vrouwen") == "begeleiding werk vrouwen"
    assert dup.normalise_text(None) == ""


# --- E2SFCA ----------------------------------------------------------------------------------


def test_e2sfca_against_a_hand_computed_example():
    # Demand A (1,000) and B (2,000); supply S1 (30 places) and S2 (10); catchment 3 km,
    # steps: ≤1 km 1.00, ≤2 km 0.68, ≤3 km 0.22.
    distance = np.array(
        [
            [0.5, 2.5],  # A–S1 full weight, A–S2 0.22
            [1.5, 4.0],
        ]
    )  # B–S1 0.68, B–S2 out of reach
    # Step 1: R1 = 30 / (1000·1 + 2000·0.68) = 30 / 2360;  R2 = 10 / (1000·0.22) = 10 / 220
    r1, r2 = 30 / 2360, 10 / 220
    # Step 2: A = 1·R1 + 0.22·R2;  B = 0.68·R1
    expected = [r1 + 0.22 * r2, 0.68 * r1]
    got = acc.e2sfca(distance, [30, 10], [1000, 2000], 3.0, "step")
    assert got == pytest.approx(expected)
    # every place is shared out: Σ population × accessibility = Σ supply
    assert 1000 * got[0] + 2000 * got[1] == pytest.approx(40)


def test_e2sfca_gaussian_by_hand():
    d0, edge = 4.0, math.exp(-0.5)

    def w(d):
        return (math.exp(-0.5 * (d / d0) ** 2) - edge) / (1 - edge)

    distance = np.array([[1.0], [3.0], [5.0]])
    r = 12 / (500 * w(1.0) + 1500 * w(3.0))  # the third is out of reach
    got = acc.e2sfca(distance, [12], [500, 1500, 800], d0)
    assert got == pytest.approx([w(1.0) * r, w(3.0) * r, 0.0])


def test_accessibility_on_a_graph():
    data = planted_dataset()
    data["neighbourhoods"].append(
        {
            "id": "n-north",
            "name": "North",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[4.30, 52.09], [4.31, 52.09], [4.31, 52.10], [4.30, 52.10], [4.30, 52.09]]
                ],
            },
        }
    )
    for offer in data["offers"]:
        if offer["id"] == "course":
            del offer["capacity"]  # counts with the median of its category
        if offer["id"] == "course-e":
            offer["online"], offer["locations"] = True, []  # online: no place, left out
    G = graph_of(data)
    result = acc.accessibility_scores(G, today=TODAY, decay="step")
    assert result["neighbourhoods_without_population"] == ["n-north"]
    assert result["parameters"]["capacity_imputed"] == 1
    rows = {(r["neighbourhood"], r["category"]): r for r in result["scores"]}
    assert "n-north" not in {n for n, _ in rows}
    assert ("n-west", "digital-skills") not in rows  # only offer is online
    assert "expired" not in str(result)
    # recompute one category by hand from the graph's points
    west, east = (G.nodes[f"neighbourhood:{n}"] for n in ("n-west", "n-east"))
    bridge = G.nodes["location:loc-bridge"]
    distance = acc.haversine_matrix(
        np.array([west["lat"], east["lat"]]),
        np.array([west["lon"], east["lon"]]),
        np.array([bridge["lat"]]),
        np.array([bridge["lon"]]),
    )
    expected = acc.e2sfca(distance, [20], [10000, 5000], 5.0, "step") * 1000
    assert [rows[(n, "job-coaching")]["score"] for n in ("n-west", "n-east")] == pytest.approx(
        expected.tolist(), abs=1e-3
    )


def test_unknown_decay_is_an_error():
    with pytest.raises(ValueError, match="decay"):
        acc.decay_weights(np.array([1.0]), 5.0, "linear")


# --- weak links and dates --------------------------------------------------------------------


def _brute_cut_off(H):
    result = {}
    for v in nx.articulation_points(H):
        rest = H.subgraph(nx.node_connected_component(H, v) - {v})
        sizes = [len(c) for c in nx.connected_components(rest)]
        result[v] = sum(sizes) - max(sizes)
    return result


@pytest.mark.parametrize("seed", range(40))
def test_articulation_cut_off_matches_brute_force(seed):
    rng = random.Random(seed)
    H = nx.gnm_random_graph(rng.randint(1, 30), rng.randint(0, 40), seed=seed)
    assert articulation_cut_off(H) == _brute_cut_off(H)


@pytest.mark.parametrize(
    ("verified", "stale"),
    [("2025-11-21", False), ("2025-11-20", True), (None, True), ("not a date", True)],
)
def test_stale_after_exactly_twelve_months(verified, stale):
    G = nx.MultiDiGraph()
    G.add_node("offer:x", kind="offer", id="x", last_verified=verified)
    assert bool(stale_entries(G, today=TODAY)) is stale


@pytest.mark.parametrize(
    ("until", "cliff"),
    [
        ("2026-11-21", True),
        ("2027-05-21", True),
        ("2027-05-22", False),
        ("2026-11-20", False),
        (None, False),
    ],
)
def test_cliff_window_is_six_months(until, cliff):
    G = nx.MultiDiGraph()
    G.add_node("offer:x", kind="offer", id="x", organisation="o", valid_until=until)
    assert bool(funding_cliffs(G, today=TODAY)) is cliff


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 21), -12) == dt.date(2025, 11, 21)


def test_link_confirmed_never_falls_back_to_since():
    data = copy.deepcopy(planted_dataset())
    for link in data["referral_links"]:
        link.pop("last_confirmed")
    G = graph_of(data)
    stale = [s for s in stale_entries(G, today=TODAY) if s["kind"] == "referral_link"]
    assert len(stale) == len(data["referral_links"])  # since 2020, never confirmed
    assert {s["last_verified"] for s in stale} == {None}


def test_german_duplicates_are_found():
    G = _pair_graph()
    for oid, name in (
        ("a", "Bewerbungstraining für Alleinerziehende"),
        ("b", "Bewerbungscoaching für Alleinerziehende"),
    ):
        G.nodes[f"offer:{oid}"].update(
            name=name,
            category="job-coaching",
            description="Wir üben Anschreiben, Lebenslauf und Vorstellungsgespräche – "
            "mit Kinderbetreuung während des Kurses.",
        )
    (group,) = dup.duplicate_offers(G, today=TODAY, lang="de")
    assert group["reasons"][0] == "gleiche Kategorie Jobcoaching"
    G.nodes["offer:b"].update(
        name="Deutschkurs B1",
        description="Grammatik und Wortschatz für den Beruf, vier Vormittage pro Woche.",
    )
    assert dup.duplicate_offers(G, today=TODAY) == []
