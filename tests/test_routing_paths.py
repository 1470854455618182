"""Paths: warm over cold, near over far, referral order, known_to, gaps, homes, determinism."""

from __future__ import annotations

import json

import pytest
from builders import HOME, graph_of, offer_network, square, tiny_dataset

from socialmap.errors import InvalidProfile
from socialmap.routing import Weights, engine, format_route, parse_profile, referral_paths

DATE = "2026-11-21"


def route(offers, links=(), k=3, **profile):
    G = graph_of(offer_network(offers, links))
    return referral_paths(G, {"rung": 1, "goal_rung": 3, "home": HOME, "date": DATE, **profile}, k)


def offers_of(result):
    return [p.offers for p in result.paths]


def test_warm_beats_cold_when_all_else_is_equal():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "b1", "accepts": [2], "leads_to": 3, "km_north": 2},
        {"id": "b2", "accepts": [2], "leads_to": 3, "km_north": 2},
    ]
    result = route(offers, [("a", "b2")])
    assert offers_of(result) == [["a", "b2"], ["a", "b1"]]
    assert [s.handover for s in result.paths[0].steps] == ["start", "warm"]
    assert [s.handover for s in result.paths[1].steps] == ["start", "cold"]
    w = Weights()
    assert result.paths[1].cost - result.paths[0].cost == pytest.approx(w.cold - w.warm, abs=1e-3)
    warm = result.paths[0].steps[1]
    assert warm.warm_via["from"] == "offer:a" and warm.warm_via["to"] == "offer:b2"
    assert any("warm handover: a refers to b2" in r.text for r in warm.reasons)


def _link(to: str, confirmed: str) -> dict:
    return {"from": "a", "to": to, "kind": "agreement", "last_confirmed": confirmed}


def test_a_link_nobody_confirmed_for_two_years_is_a_cold_handover_and_says_so():
    """A link "eingeschlafen" since staff changed (no confirmation for two years) is cold."""
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "b", "accepts": [2], "leads_to": 3, "km_north": 2},
    ]
    result = route(offers, [_link("b", "2024-09-12")])
    step = result.paths[0].steps[1]
    assert step.handover == "cold"
    assert any("gone quiet (last confirmed 2024-09-12)" in r.text for r in step.reasons)


def test_warmth_fades_between_one_and_two_years_without_confirmation():
    """A link confirmed 18 months ago is still warm, but a fresh one is the better handover."""
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "fresh", "accepts": [2], "leads_to": 3, "km_north": 2},
        {"id": "fading", "accepts": [2], "leads_to": 3, "km_north": 2},
    ]
    result = route(offers, [_link("fresh", "2026-06-01"), _link("fading", "2025-05-21")])
    assert offers_of(result) == [["a", "fresh"], ["a", "fading"]]
    assert [p.steps[1].handover for p in result.paths] == ["warm", "warm"]
    w = Weights()
    half = (w.cold - w.warm) / 2  # 18 months: halfway between full warmth and none
    assert result.paths[1].cost - result.paths[0].cost == pytest.approx(half, abs=0.01)
    assert any("last confirmed 2025-05-21" in r.text for r in result.paths[1].steps[1].reasons)


def test_an_offer_whose_funding_ends_soon_ranks_below_a_lasting_one_and_warns():
    """Funding ends in 4 weeks: the place may be gone before the client is through."""
    offers = [
        {"id": "ending", "accepts": [1], "leads_to": 3, "km_north": 1, "valid_until": "2026-12-19"},
        {"id": "lasting", "accepts": [1], "leads_to": 3, "km_north": 1.5},
    ]
    result = route(offers, k=2)
    assert offers_of(result) == [["lasting"], ["ending"]]
    ending = result.paths[1].steps[0]
    assert any(
        "funding ends 2026-12-19, in 4 weeks — the place may not be available" in r.text
        for r in ending.reasons
    )


def test_without_an_age_an_open_offer_ranks_above_one_for_young_mothers():
    """Only a rung and a home: "Groep jonge moeders 16–23" is a guess, so it comes second."""
    offers = [
        {
            "id": "mothers",
            "accepts": [1],
            "leads_to": 3,
            "km_north": 1,
            "eligibility": {"age_min": 16, "age_max": 23, "genders": ["female"]},
        },
        {"id": "open", "accepts": [1], "leads_to": 3, "km_north": 2},
    ]
    result = route(offers, k=2)
    assert offers_of(result) == [["open"], ["mothers"]]
    assert result.undecided == ("age", "gender")
    decided = route(offers, k=2, age=19, gender="female")
    assert offers_of(decided) == [["mothers"], ["open"]] and decided.undecided == ()


def test_a_link_between_organisations_makes_the_handover_warm():
    offers = [
        {"id": "a", "org": "jc", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "b1", "accepts": [2], "leads_to": 3, "km_north": 2},
        {"id": "b2", "org": "college", "accepts": [2], "leads_to": 3, "km_north": 2},
    ]
    result = route(offers, [("jc", "college")])
    assert offers_of(result)[0] == ["a", "b2"]
    assert result.paths[0].steps[1].warm_via["from"] == "organisation:jc"


def test_a_nearer_offer_beats_a_farther_one():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "far", "accepts": [2], "leads_to": 3, "km_north": 4},
        {"id": "near", "accepts": [2], "leads_to": 3, "km_north": 1.5},
    ]
    result = route(offers)
    assert offers_of(result) == [["a", "near"], ["a", "far"]]
    assert result.paths[0].steps[1].distance_km == pytest.approx(1.5, abs=0.01)
    assert "1.5 km from home" in [r.text for r in result.paths[0].steps[1].reasons]


def test_one_step_beats_two_when_it_gets_there():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "b", "accepts": [2], "leads_to": 3, "km_north": 1},
        {"id": "c", "accepts": [1], "leads_to": 3, "km_north": 3},
    ]
    assert offers_of(route(offers)) == [["c"], ["a", "b"]]


REFERRAL = [
    {"id": "jc-intake", "org": "jobcenter", "accepts": [1], "leads_to": 2, "km_north": 3},
    {"id": "cafe", "accepts": [1], "leads_to": 2, "km_north": 0.5},
    {
        "id": "coaching",
        "accepts": [2],
        "leads_to": 3,
        "km_north": 0.5,
        "eligibility": {"requires_referral_by": ["jobcenter"]},
    },
    {"id": "course", "accepts": [2], "leads_to": 3, "km_north": 6},
]


def test_requires_referral_by_forces_the_order():
    result = route(REFERRAL, k=5)
    assert offers_of(result) == [
        ["jc-intake", "coaching"],
        ["cafe", "course"],
        ["jc-intake", "course"],
    ]
    for path in result.paths:
        if "coaching" in path.offers:
            before = path.offers[: path.offers.index("coaching")]
            assert any(s.organisation == "jobcenter" for s in path.steps if s.offer in before)
    step = result.paths[0].steps[1]
    assert (
        "needs a referral from Organisation jobcenter: step 1 (Organisation jobcenter) "
        "provides it" in [r.text for r in step.reasons]
    )


def test_known_to_lifts_the_referral_rule():
    result = route(REFERRAL, k=2, known_to=["jobcenter"])
    # the second path shares no step with the first (diverse paths, see cost.shared_step)
    assert offers_of(result) == [["cafe", "coaching"], ["jc-intake", "course"]]
    texts = [r.text for r in result.paths[0].steps[1].reasons]
    assert (
        "needs a referral from Organisation jobcenter: the client is known to "
        "Organisation jobcenter" in texts
    )


def test_a_gated_offer_is_never_the_first_step_without_known_to():
    offers = [
        {
            "id": "g",
            "accepts": [1],
            "leads_to": 3,
            "km_north": 1,
            "eligibility": {"requires_referral_by": ["jobcenter"]},
        },
        {"id": "j", "org": "jobcenter", "accepts": [3], "leads_to": 3, "km_north": 1},
    ]
    assert route(offers).paths == []
    assert offers_of(route(offers, known_to=["jobcenter"])) == [["g"]]


def test_no_path_to_the_goal_returns_the_highest_ones():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "b", "accepts": [2], "leads_to": 3, "km_north": 1},
        {"id": "c", "accepts": [2], "leads_to": 3, "km_north": 2},
        {"id": "d", "accepts": [1], "leads_to": 2, "km_north": 3},
    ]
    result = route(offers, goal_rung=5, k=3)
    assert not result.reached_goal
    assert result.highest_rung == 3
    assert [p.reaches_rung for p in result.paths] == [3, 3, 3]
    # the second path shares no step with the first (diverse paths)
    assert offers_of(result) == [["a", "b"], ["d", "c"], ["a", "c"]]
    assert result.to_json()["reached_goal"] is False
    assert "No path reaches rung 5; the best reach rung 3" in format_route(result)


def test_when_referral_rules_block_the_goal_the_gap_shows():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {
            "id": "g",
            "accepts": [2],
            "leads_to": 3,
            "km_north": 1,
            "eligibility": {"requires_referral_by": ["nobody-here"]},
        },
        {"id": "n", "org": "nobody-here", "accepts": [5], "leads_to": 6, "km_north": 1},
    ]
    result = route(offers)
    assert not result.reached_goal
    assert offers_of(result) == [["a"]]


def test_a_step_the_path_could_drop_is_never_kept():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "lateral", "accepts": [2], "leads_to": 2, "km_north": 1},
        {"id": "b", "accepts": [2], "leads_to": 3, "km_north": 1},
    ]
    result = route(offers, [("a", "lateral"), ("lateral", "b")], k=10)
    assert offers_of(result) == [["a", "b"]]


def test_goal_equal_to_rung_asks_for_one_step():
    offers = [{"id": "job", "accepts": [5, 6], "leads_to": 6, "km_north": 1}]
    assert offers_of(route(offers, rung=6, goal_rung=6)) == [["job"]]


def test_ties_are_broken_by_offer_id_and_answers_repeat():
    offers = [
        {"id": i, "accepts": [1], "leads_to": 3, "at": (HOME["lat"], HOME["lon"])}
        for i in ("c", "a", "b")
    ]
    first = route(offers, k=2)
    assert offers_of(first) == [["a"], ["b"]]
    again = route(offers, k=2)
    assert json.dumps(again.to_json()) == json.dumps(first.to_json())


def test_weights_are_tunable():
    offers = [
        {"id": "a", "accepts": [1], "leads_to": 2, "km_north": 1},
        {"id": "near", "accepts": [2], "leads_to": 3, "km_north": 1},
        {"id": "warm-far", "accepts": [2], "leads_to": 3, "km_north": 12},
    ]
    G = graph_of(offer_network(offers, [("a", "warm-far")]))
    profile = {"rung": 1, "goal_rung": 3, "home": HOME, "date": DATE}
    assert referral_paths(G, profile, 1).paths[0].offers == ["a", "near"]
    no_km = Weights(per_km=0.0)
    assert referral_paths(G, profile, 1, weights=no_km).paths[0].offers == ["a", "warm-far"]


def test_childcare_is_a_preference_not_a_rule():
    offers = [
        {"id": "plain", "accepts": [1], "leads_to": 3, "km_north": 1},
        {"id": "kids", "accepts": [1], "leads_to": 3, "km_north": 2, "childcare": True},
    ]
    assert offers_of(route(offers))[0] == ["plain"]
    with_need = route(offers, needs=["childcare"])
    assert offers_of(with_need) == [["kids"], ["plain"]]
    assert "no childcare (the client needs it)" in [
        r.text for r in with_need.paths[1].steps[0].reasons
    ]


def test_waiting_weeks_cost():
    offers = [
        {"id": "slow", "accepts": [1], "leads_to": 3, "km_north": 1, "wait_weeks": 12},
        {"id": "quick", "accepts": [1], "leads_to": 3, "km_north": 1, "wait_weeks": 1},
    ]
    assert offers_of(route(offers))[0] == ["quick"]


# --- homes ---------------------------------------------------------------------------------------


def tiny_graph_with_shared_postcode():
    data = tiny_dataset()
    data["neighbourhoods"][1]["postcodes"] = ["2513"]  # n-west and n-east share it now
    data["offers"].append(
        {
            "id": "east-only",
            "organisation": "municipality",
            "locations": ["loc-east"],
            "name": "Buurtwerk Oost",
            "category": "volunteering",
            "ladder": {"accepts": [1], "leads_to": 4},
            "eligibility": {"neighbourhoods": ["n-east"]},
        }
    )
    return graph_of(data)


@pytest.mark.parametrize(
    "home", [{"postcode": "2513 AB"}, {"neighbourhood": "n-east"}, {"lat": 52.075, "lon": 4.315}]
)
def test_home_may_be_a_postcode_a_neighbourhood_or_a_point(home):
    G = tiny_graph_with_shared_postcode()
    result = referral_paths(G, {"rung": 1, "goal_rung": 4, "home": home, "date": DATE})
    assert offers_of(result)[0] == ["east-only"]


def test_a_shared_postcode_meets_a_residents_rule_and_asks_to_check():
    G = tiny_graph_with_shared_postcode()
    result = referral_paths(
        G, {"rung": 1, "goal_rung": 4, "home": {"postcode": "2513"}, "date": DATE}
    )
    assert result.home.neighbourhoods == ("n-east", "n-west")
    texts = [r.text for r in result.paths[0].steps[0].reasons]
    assert "for residents of East: postcode 2513 covers East, West — check the address" in texts


def test_a_point_outside_the_neighbourhood_fails_a_residents_rule():
    G = tiny_graph_with_shared_postcode()
    result = referral_paths(
        G, {"rung": 1, "goal_rung": 4, "home": {"lat": 52.075, "lon": 4.305}, "date": DATE}
    )
    assert "east-only" not in [o for p in result.paths for o in p.offers]
    excluded = {e.offer: [r.text for r in e.why] for e in result.excluded}
    assert excluded["east-only"] == ["only for residents of East (client lives in West)"]


@pytest.mark.parametrize(
    ("home", "message"),
    [
        ({"postcode": "9999"}, "profile.home.postcode: '9999' is neither in the offline gazetteer"),
        (
            {"neighbourhood": "wijk-99"},
            "profile.home.neighbourhood: unknown neighbourhood 'wijk-99'",
        ),
    ],
)
def test_an_unknown_home_is_a_clear_error(home, message):
    G = tiny_graph_with_shared_postcode()
    with pytest.raises(InvalidProfile, match=message):
        referral_paths(G, {"rung": 1, "home": home})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target_groups": ["refugee"]}, "profile.target_groups: unknown target group 'refugee'"),
        ({"known_to": ["jobcentre"]}, "profile.known_to: unknown organisation 'jobcentre'"),
    ],
)
def test_ids_the_graph_does_not_know_are_errors(change, message):
    with pytest.raises(InvalidProfile, match=message):
        referral_paths(graph_of(tiny_dataset()), {"rung": 1, **change})


def test_without_home_there_is_no_distance():
    result = referral_paths(graph_of(tiny_dataset()), {"rung": 3, "goal_rung": 4, "date": DATE})
    step = result.paths[0].steps[0]
    assert step.distance_km is None
    assert "no home given: distance not known" in [r.text for r in step.reasons]


# --- large graphs: bounded candidates, same answers ----------------------------------------------


def _ring_of_offers():
    offers = []
    for i in range(40):
        offers.append(
            {
                "id": f"o{i:02}",
                "accepts": [1 + i % 4],
                "leads_to": 2 + i % 4,
                "km_north": 0.7 * i,
                "wait_weeks": i % 5,
                "target_groups": ["women"] if i % 7 == 0 else [],
            }
        )
    offers.append({"id": "web", "accepts": [4], "leads_to": 6, "online": True})
    links = [(f"o{i:02}", f"o{i + 1:02}") for i in range(0, 39, 3)]
    return graph_of(offer_network(offers, links))


@pytest.mark.parametrize(
    "profile",
    [
        {"rung": 1, "goal_rung": 5},
        {"rung": 1, "goal_rung": 6, "online_ok": False},
        {"rung": 2, "goal_rung": 5, "max_distance_km": 6, "target_groups": []},
        {"rung": 1, "goal_rung": 5, "gender": "male", "target_groups": ["migrants"]},
    ],
)
def test_the_large_graph_search_finds_what_the_full_search_finds(monkeypatch, profile):
    G = _ring_of_offers()
    full = referral_paths(G, {**profile, "home": HOME, "date": DATE}, k=3)
    monkeypatch.setattr(engine, "LARGE_GRAPH", 5)
    monkeypatch.setattr(engine, "OPEN_RADII_KM", (2.0, 4.0, 8.0))
    monkeypatch.setattr(engine, "EXCLUDED_MIN_KM", 3.0)
    bounded = referral_paths(G, {**profile, "home": HOME, "date": DATE}, k=3)
    assert [(p.offers, p.cost) for p in bounded.paths] == [(p.offers, p.cost) for p in full.paths]
    assert bounded.reached_goal == full.reached_goal
    near = engine.EXCLUDED_FACTOR * (profile.get("max_distance_km") or 0)
    radius = max(near, 3.0)
    assert all(0.7 * int(e.offer[1:]) <= radius + 0.01 for e in bounded.excluded)


def test_profile_dataclasses_are_accepted():
    G = graph_of(tiny_dataset())
    profile = parse_profile({"rung": 3, "goal_rung": 4, "date": DATE})
    assert offers_of(referral_paths(G, profile)) == [["volunteer"]]


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="k must be at least 1"):
        referral_paths(graph_of(tiny_dataset()), {"rung": 1}, k=0)


def test_square_builder_is_closed():
    ring = square(4.3, 52.0)["coordinates"][0]
    assert ring[0] == ring[-1]
