"""Client profiles: defaults, and one clear line naming the field for every bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from socialmap.errors import InvalidProfile
from socialmap.graph import build_graph
from socialmap.routing import Home, parse_profile, referral_paths
from socialmap.store import open_db

DESIGN_EXAMPLE = {
    "age": 34,
    "gender": "female",
    "target_groups": ["single-parents", "migrants"],
    "languages": ["ar", "en"],
    "residence_status": "residence-permit",
    "work_ban": "none",
    "rung": 2,
    "goal_rung": 5,
    "home": {"postcode": "2525"},
    "max_distance_km": 5,
    "online_ok": True,
    "max_cost_eur": 0,
    "needs": ["childcare", "wheelchair"],
    "known_to": ["jobcenter-gladbeck"],
    "date": "2026-11-21",
}


def test_the_example_of_design_md_parses():
    p = parse_profile(DESIGN_EXAMPLE)
    assert p.rung == 2 and p.goal_rung == 5
    assert p.home == Home(postcode="2525")
    assert p.needs == frozenset({"childcare", "wheelchair"})
    assert p.date == dt.date(2026, 11, 21)
    assert p.target_groups == ("migrants", "single-parents")


def test_defaults():
    p = parse_profile({"rung": 1})
    assert (p.goal_rung, p.online_ok, p.lang, p.date) == (6, True, None, None)
    assert p.on == dt.date.today()
    assert p.target_groups is None and p.languages is None  # absent: no rule
    assert parse_profile({"rung": 1, "target_groups": []}).target_groups == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rung": None}, "profile.rung: missing"),
        ({"rung": 7}, "profile.rung: 7 is not a rung (expected one of: 1, 2, 3, 4, 5, 6)"),
        ({"rung": True}, "profile.rung: True is not a rung"),
        ({"goal_rung": 1}, "profile.goal_rung: 1 is below the client's rung 2"),
        ({"age": -3}, "profile.age: -3 is not an age in years"),
        ({"age": "34"}, "profile.age: '34' is not an age in years"),
        ({"gender": "f"}, "profile.gender: unknown value 'f' (expected one of: female, male, "),
        ({"residence_status": "refugee"}, "profile.residence_status: unknown value 'refugee'"),
        ({"work_ban": "yes"}, "profile.work_ban: unknown value 'yes'"),
        ({"languages": "ar"}, "profile.languages: expected a list of strings, got 'ar'"),
        ({"languages": ["arabic"]}, "profile.languages: 'arabic' is not a language code"),
        ({"target_groups": [3]}, "profile.target_groups: 3 is not an id"),
        ({"needs": ["interpreter"]}, "profile.needs: unknown value 'interpreter'"),
        ({"max_distance_km": 0}, "profile.max_distance_km: 0 must be more than 0"),
        ({"max_distance_km": "5"}, "profile.max_distance_km: '5' is not a number"),
        ({"max_cost_eur": -1}, "profile.max_cost_eur: -1 must be 0 or more"),
        ({"online_ok": "yes"}, "profile.online_ok: 'yes' is not true or false"),
        ({"date": "21.11.2026"}, "profile.date: '21.11.2026' is not a date (YYYY-MM-DD)"),
        ({"lang": "fr"}, "profile.lang: unknown value 'fr' (expected one of: de, nl, en)"),
        ({"home": "2525"}, "profile.home: expected {'lat', 'lon'}, {'postcode'} or"),
        ({"home": {"lat": 52.1}}, "profile.home: expected exactly {'lat', 'lon'}"),
        ({"home": {"lat": 95, "lon": 4}}, "profile.home.lat: 95 is not a latitude"),
        ({"home": {"lat": 52, "lon": 200}}, "profile.home.lon: 200 is not a longitude"),
        ({"home": {"postcode": "NL-2525"}}, "profile.home.postcode: 'NL-2525' is not a German"),
        ({"home": {"neighbourhood": ""}}, "profile.home.neighbourhood: '' is not an id"),
        ({"home": None, "max_distance_km": 5}, "profile.max_distance_km: needs profile.home"),
        ({"max_distance": 5}, "profile.max_distance: unknown field (expected one of: age, "),
        ({"gender": ["female"]}, "profile.gender: unknown value ['female'] (expected one of:"),
        ({"work_ban": {"none": 1}}, "profile.work_ban: unknown value {'none': 1}"),
        ({"lang": ["de"]}, "profile.lang: unknown value ['de']"),
        ({"max_cost_eur": 10**400}, "profile.max_cost_eur: " + "1" + "0" * 79 + "… is too large"),
        ({"age": 10**400}, "profile.age: " + "1" + "0" * 79 + "… is not an age"),
        ({"home": {"lat": -(10**400), "lon": 4}}, "profile.home.lat: -" + "1" + "0" * 78 + "…"),
        ({"home": {"postcode": 2525}}, "profile.home.postcode: expected text such as '2525'"),
        ({"date": 20261121}, "profile.date: 20261121 is not a date (YYYY-MM-DD)"),
        ({"date": "2026-W47-6"}, "profile.date: '2026-W47-6' is not a date"),
        ({"languages": ["ar\n"]}, "profile.languages: 'ar\\n' is not an id"),
        ({"languages": ["\u212aa"]}, "profile.languages: '\u212aa' is not a language code"),
        ({"known_to": ["a\n"]}, "profile.known_to: 'a\\n' is not an id"),
        ({"x" * 500: 1}, "profile." + "x" * 80 + "…: unknown field"),
        ({"a\nb": 1}, "profile.a\\nb: unknown field"),
    ],
)
def test_a_bad_field_is_named_in_one_line(change, message):
    profile = {**DESIGN_EXAMPLE, **change}
    with pytest.raises(InvalidProfile) as info:
        parse_profile(profile)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_an_empty_graph_answers_without_paths():
    G = build_graph(open_db(":memory:"))
    result = referral_paths(G, {"rung": 1, "date": "2026-11-21"})
    assert (result.reached_goal, result.paths, result.excluded, result.highest_rung) == (
        False,
        [],
        [],
        1,
    )
    with pytest.raises(InvalidProfile, match="profile.home.neighbourhood: unknown"):
        referral_paths(G, {"rung": 1, "home": {"neighbourhood": "wijk-28"}})
