"""Each hard rule of DESIGN.md: it excludes the offer, says why, and lets a fitting client in."""

from __future__ import annotations

import pytest
from builders import HOME, graph_of, offer_network

from socialmap.errors import NotFound
from socialmap.routing import RULES, check_eligibility, referral_paths

DATE = "2026-11-21"
BASE = {"rung": 1, "goal_rung": 2, "home": HOME, "date": DATE}

# rule, offer fields, profile that fails, reason (en), profile that passes
CASES = [
    (
        "no-rung",
        {"km_north": 1, "accepts": None},
        {},
        "no ladder rung known — add it to use this offer in paths",
        None,
    ),
    ("unreachable", {}, {}, "no address with coordinates and not online", None),
    (
        "not-started",
        {"km_north": 1, "valid_from": "2027-01-01"},
        {},
        "starts 2027-01-01",
        {"date": "2027-01-01"},
    ),
    (
        "funding-ended",
        {"km_north": 1, "valid_until": "2022-12-31"},
        {},
        "funding ended 2022-12-31",
        {"date": "2022-12-31"},
    ),
    (
        "target-group",
        {"km_north": 1, "target_groups": ["single-parents"]},
        {"target_groups": ["migrants"]},
        "only for Single parents",
        {"target_groups": ["single-parents"]},
    ),
    (
        "age",
        {"km_north": 1, "eligibility": {"age_min": 18, "age_max": 25}},
        {"age": 34},
        "age 18–25 (client: 34)",
        {"age": 25},
    ),
    (
        "gender",
        {"km_north": 1, "eligibility": {"genders": ["female"]}},
        {"gender": "male"},
        "women only",
        {"gender": "female"},
    ),
    (
        "residence-status",
        {"km_north": 1, "eligibility": {"residence_statuses": ["residence-permit"]}},
        {"residence_status": "tolerated"},
        "needs Residence permit (client: Tolerated (Duldung))",
        {"residence_status": "residence-permit"},
    ),
    (
        "work-ban",
        {"km_north": 1, "eligibility": {"excludes_work_ban": ["absolute"]}},
        {"work_ban": "absolute"},
        "not open with a work ban",
        {"work_ban": "temporary"},
    ),
    (
        "paid-work",
        {"km_north": 1, "leads_to": 6},
        {"work_ban": "absolute"},
        "leads to paid work, which a work ban rules out",
        {"work_ban": "temporary"},
    ),
    (
        "not-asked",
        {"km_north": 1, "category": "entrepreneurship"},
        {},
        "starting a business: only when the client asks for it (need: own business)",
        {"needs": ["own-business"]},
    ),
    (
        "neighbourhood",
        {"km_north": 1, "eligibility": {"neighbourhoods": ["n-east"]}},
        {},
        "only for residents of East (client lives in West)",
        {"home": {"lat": 52.075, "lon": 4.315}},
    ),
    (
        "language",
        {"km_north": 1, "languages": ["nl", "tr"]},
        {"languages": ["ar"]},
        "no shared language (offered in Dutch, Turkish; client speaks Arabic)",
        {"languages": ["ar", "tr"]},
    ),
    (
        "cost",
        {"km_north": 1, "cost_eur": 25},
        {"max_cost_eur": 0},
        "costs €25, limit €0",
        {"max_cost_eur": 25},
    ),
    (
        "distance",
        {"km_north": 6.3},
        {"max_distance_km": 5},
        "6.3 km, limit 5 km",
        {"max_distance_km": 6.5},
    ),
    (
        "online-only",
        {"online": True},
        {"online_ok": False},
        "only online, and the client cannot take part online",
        {"online_ok": True},
    ),
    (
        "wheelchair",
        {"km_north": 1, "wheelchair": False},
        {"needs": ["wheelchair"]},
        "no wheelchair-accessible location",
        {"needs": ["childcare"]},
    ),
]


def _graph(fields):
    offer = {"id": "x", "accepts": [1], "leads_to": 2, **fields}
    return graph_of(offer_network([offer]))


def test_every_rule_has_a_case():
    assert sorted(case[0] for case in CASES) == sorted(RULES)


@pytest.mark.parametrize(
    ("rule", "fields", "fails", "reason", "passes"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_excludes_with_its_reason(rule, fields, fails, reason, passes):
    G = _graph(fields)
    result = referral_paths(G, {**BASE, **fails})
    assert result.paths == []
    assert [(e.offer, e.rules) for e in result.excluded] == [("x", [rule])]
    assert [r.text for r in result.excluded[0].why] == [reason]
    assert [(r.code, r.text) for r in check_eligibility(G, {**BASE, **fails}, "x")] == [
        (rule, reason)
    ]


@pytest.mark.parametrize(
    ("rule", "fields", "fails", "reason", "passes"),
    [c for c in CASES if c[4] is not None],
    ids=[c[0] for c in CASES if c[4]],
)
def test_rule_lets_a_fitting_client_in(rule, fields, fails, reason, passes):
    G = _graph(fields)
    result = referral_paths(G, {**BASE, **fails, **passes})
    assert [p.offers for p in result.paths] == [["x"]]
    assert result.excluded == []


def test_an_excluded_offer_lists_every_rule_it_fails():
    G = _graph(
        {
            "km_north": 8,
            "cost_eur": 40,
            "eligibility": {"genders": ["female"]},
            "valid_until": "2022-12-31",
        }
    )
    profile = {**BASE, "gender": "male", "max_cost_eur": 10, "max_distance_km": 5}
    (excluded,) = referral_paths(G, profile).excluded
    assert excluded.rules == ["funding-ended", "gender", "cost", "distance"]
    assert [r.text for r in excluded.why] == [
        "funding ended 2022-12-31",
        "women only",
        "costs €40, limit €10",
        "8 km, limit 5 km",
    ]


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("de", ["nur für Frauen", "8 km entfernt, Grenze 5 km"]),
        ("nl", ["alleen voor vrouwen", "8 km, grens 5 km"]),
        ("en", ["women only", "8 km, limit 5 km"]),
    ],
)
def test_reasons_come_in_the_clients_language(lang, texts):
    G = _graph({"km_north": 8, "eligibility": {"genders": ["female"]}})
    profile = {**BASE, "gender": "male", "max_distance_km": 5}
    assert [r.text for r in check_eligibility(G, profile, "x", lang=lang)] == texts
    assert [r.text for r in check_eligibility(G, {**profile, "lang": lang}, "x")] == texts


@pytest.mark.parametrize(
    "fields",
    [
        {"category": "language-course"},
        {"interpreter": True},
    ],
    ids=["language-course", "interpreter"],
)
def test_language_rule_spares_language_courses_and_interpreters(fields):
    G = _graph({"km_north": 1, "languages": ["nl"], **fields})
    assert check_eligibility(G, {**BASE, "languages": ["ar"]}, "x") == []


def test_an_offer_for_a_group_serves_its_sub_groups():
    G = _graph({"km_north": 1, "target_groups": ["migrants"]})
    assert check_eligibility(G, {**BASE, "target_groups": ["refugees"]}, "x") == []
    reasons = check_eligibility(G, {**BASE, "target_groups": ["young-people"]}, "x")
    assert [r.code for r in reasons] == ["target-group"]


def test_a_sub_group_offer_does_not_serve_the_parent_group():
    G = _graph({"km_north": 1, "target_groups": ["refugees"]})
    assert [r.code for r in check_eligibility(G, {**BASE, "target_groups": ["migrants"]}, "x")] == [
        "target-group"
    ]


def test_a_woman_is_in_the_target_group_women_without_saying_so():
    G = _graph({"km_north": 1, "target_groups": ["women"]})
    profile = {**BASE, "target_groups": ["migrants"]}
    assert check_eligibility(G, {**profile, "gender": "female"}, "x") == []
    assert [r.code for r in check_eligibility(G, {**profile, "gender": "male"}, "x")] == [
        "target-group"
    ]


@pytest.mark.parametrize(
    ("fields", "code", "text"),
    [
        ({"eligibility": {"genders": ["female"]}}, "gender", "women only — check"),
        ({"eligibility": {"age_min": 18}}, "age", "age from 18 — check"),
        (
            {"target_groups": ["refugees"]},
            "target-group",
            "for Refugees — check the client belongs",
        ),
        (
            {"eligibility": {"residence_statuses": ["tolerated"]}},
            "residence-status",
            "only with Tolerated (Duldung) — check the client's residence status",
        ),
        (
            {"eligibility": {"excludes_work_ban": ["absolute"]}},
            "work-ban",
            "not open with a work ban — check",
        ),
        ({"languages": ["nl"]}, "language", "in Dutch — check the client understands it"),
    ],
)
def test_a_rule_the_profile_cannot_check_is_kept_and_flagged(fields, code, text):
    G = _graph({"km_north": 1, **fields})
    (path,) = referral_paths(G, BASE).paths
    reasons = {r.code: r.text for r in path.steps[0].reasons}
    assert reasons[code] == text


def test_wheelchair_needs_an_accessible_location_within_reach():
    offers = [
        {"id": "x", "accepts": [1], "leads_to": 2, "km_north": 1, "wheelchair": False},
        {"id": "y", "accepts": [1], "leads_to": 2, "km_north": 8},
    ]
    G = graph_of(offer_network(offers))
    profile = {**BASE, "needs": ["wheelchair"], "max_distance_km": 5}
    result = referral_paths(G, profile)
    assert result.paths == []
    assert {e.offer: [r.text for r in e.why] for e in result.excluded} == {
        "x": ["no wheelchair-accessible location"],
        "y": ["8 km, limit 5 km", "no wheelchair-accessible location within 5 km"],
    }


def test_online_offers_need_no_distance_when_online_is_ok():
    G = _graph({"online": True})
    (path,) = referral_paths(G, {**BASE, "max_distance_km": 1}).paths
    assert path.steps[0].online and path.steps[0].distance_km is None


def test_check_eligibility_of_an_unknown_offer_is_not_found():
    with pytest.raises(NotFound, match="offer 'nope'"):
        check_eligibility(_graph({"km_north": 1}), BASE, "nope")


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [("rif", "nl", "Riffijns"), ("hi", "de", "Hindi"), ("ar", "en", "Arabic"), ("xx", "nl", "xx")],
)
def test_language_names_come_from_cldr_for_the_desk_and_the_form(code, lang, name):
    """The route reasons and the referral form name a language with the same CLDR word."""
    from socialmap.routing import messages
    from web.i18n import Labels

    assert messages.language_name(code, lang) == name
    assert Labels(lang, {}).language(code) == name


def test_the_rule_table_is_the_one_definition_of_every_rule():
    """Every rule has one entry: a mask, a failure text, and a pass text or SQL where it has one."""
    from socialmap.routing.eligibility import RULE_TABLE, RULES
    from socialmap.routing.messages import MESSAGES

    assert len(set(RULES)) == len(RULES)
    assert set(RULES) <= set(MESSAGES), "a rule without its own failure sentence"
    shown = [rule.shown for rule in RULE_TABLE if rule.passes]
    assert len(set(shown)) == len(shown), "two pass texts at the same place"
    spatial = {rule.code for rule in RULE_TABLE if rule.sql is None}
    assert spatial == {"unreachable", "distance", "online-only"}
