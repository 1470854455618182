"""Realistic clients from the seeds, routed on the demo data of Den Haag and Gladbeck.

Each scenario asserts what a social worker would check on the route sheet:
every step open to this client on this date (age, gender, status, work ban,
language, distance, funding), referrals in the right order, and the offers
the seeds are about (Netzwerk W, BIWAQ in Brauck, WIR, Yasmin/Koffiepot).
:func:`check_like_a_social_worker` re-checks every step against the raw demo
JSON, not against the engine's index.
"""

from __future__ import annotations

import json

import pytest

from socialmap.geo import haversine_km
from socialmap.graph import build_graph
from socialmap.importer import import_path
from socialmap.paths import data_dir
from socialmap.routing import check_eligibility, format_route, referral_paths
from socialmap.store import open_db

DATE = "2026-11-21"
DEMO = data_dir() / "demo"


@pytest.fixture(scope="module")
def demo():
    """The graph of both demo regions, and their raw records by id."""
    db = open_db(":memory:")
    records: dict[str, dict[str, dict]] = {"offers": {}, "locations": {}}
    for name in ("den-haag.json", "gladbeck.json"):
        import_path(db, DEMO / name)
        data = json.loads((DEMO / name).read_text(encoding="utf-8"))
        for table in records:
            records[table].update({r["id"]: r for r in data[table]})
    return build_graph(db), records


def check_like_a_social_worker(result, profile, records):
    """Every step of every path is open to the client, reachable, and in ladder order."""
    offers, locations = records["offers"], records["locations"]
    for path in result.paths:
        reached, orgs = profile["rung"], set(profile.get("known_to", []))
        for step in path.steps:
            offer = offers[step.offer]
            rules = offer.get("eligibility") or {}
            assert reached in offer["ladder"]["accepts"], step.offer
            assert (offer.get("valid_from") or "") <= DATE <= (offer.get("valid_until") or "9999")
            age = profile.get("age")
            if age is not None:
                assert (rules.get("age_min") or 0) <= age <= (rules.get("age_max") or 200)
            if rules.get("genders") and "gender" in profile:
                assert profile["gender"] in rules["genders"], step.offer
            if rules.get("residence_statuses") and "residence_status" in profile:
                assert profile["residence_status"] in rules["residence_statuses"], step.offer
            assert profile.get("work_ban") not in (rules.get("excludes_work_ban") or [])
            if "languages" in profile:
                assert (
                    set(offer.get("languages") or []) & set(profile["languages"])
                    or offer.get("interpreter")
                    or offer["category"] == "language-course"
                ), step.offer
            if rules.get("requires_referral_by"):
                assert orgs & set(rules["requires_referral_by"]), step.offer
            if step.online:
                assert offer.get("online") and profile.get("online_ok", True)
            else:
                loc = locations[step.location]
                km = haversine_km(result.home.lat, result.home.lon, loc["lat"], loc["lon"])
                assert km == pytest.approx(step.distance_km, abs=0.01)
                assert km <= profile.get("max_distance_km", float("inf")) + 1e-9
                if "wheelchair" in profile.get("needs", []):
                    assert loc.get("wheelchair") is True
            assert step.reasons, step.offer
            reached = max(reached, offer["ladder"]["leads_to"])
            orgs.add(offer["organisation"])
        assert reached == path.reaches_rung
        if result.reached_goal:
            assert reached >= profile["goal_rung"]


def route(demo, profile, **kwargs):
    G, records = demo
    profile = {"date": DATE, **profile}
    result = referral_paths(G, profile, **kwargs)
    check_like_a_social_worker(result, profile, records)
    return result


def excluded_by(result):
    return {e.offer: [r.text for r in e.why] for e in result.excluded}


def all_offers(result):
    return [o for p in result.paths for o in p.offers]


# --- Gladbeck ------------------------------------------------------------------------------------

RETURNER = {
    "age": 36,
    "gender": "female",
    "target_groups": ["women-returners", "parents"],
    "languages": ["de"],
    "residence_status": "citizen",
    "work_ban": "none",
    "rung": 2,
    "goal_rung": 5,
    "home": {"postcode": "45966"},
    "max_distance_km": 10,
    "needs": ["childcare"],
}


def test_a_woman_returning_after_parental_leave_finds_the_netzwerk_w_chain(demo):
    result = route(demo, RETURNER)
    assert result.reached_goal and len(result.paths) == 3
    network_w = {
        "netzwerk-w-kreis-recklinghausen",
        "kompetenzzentrum-frau-und-beruf-emscher-lippe",
        "agentur-arbeit-gladbeck",
        "familienzentrum-rentfort-nord",
        "familienzentrum-butendorf",
        "stadt-gladbeck-gleichstellungsstelle",
    }
    first = result.paths[0]
    assert {s.organisation for s in first.steps} <= network_w
    assert any(s.handover == "warm" for s in first.steps)
    # postcode 45966 covers four neighbourhoods: the engine knows it cannot tell which
    assert len(result.home.neighbourhoods) > 1
    assert all(
        r.code != "childcare" or r.text == "childcare available" or "no childcare" in r.text
        for s in first.steps
        for r in s.reasons
    )
    assert excluded_by(result)["gla-biwaq4-digitale-akademie"] == [
        "funding ended 2022-12-31",
        "starting a business: only when the client asks for it (need: own business)",
    ]


SINGLE_PARENT = {
    "age": 29,
    "gender": "female",
    "target_groups": ["single-parents"],
    "languages": ["de", "tr"],
    "residence_status": "citizen",
    "work_ban": "none",
    "rung": 2,
    "goal_rung": 5,
    "home": {"neighbourhood": "gladbeck-brauck"},
    "max_distance_km": 5,
    "needs": ["childcare"],
}


def test_a_single_parent_in_brauck_reaches_biwaq_through_the_jobcenter(demo):
    result = route(demo, SINGLE_PARENT)
    assert result.reached_goal
    biwaq = [p for p in result.paths if "gla-rebeq-biwaq-jobcoaching" in p.offers]
    assert biwaq, "BIWAQ jobcoaching is the offer for single parents in Brauck"
    steps = biwaq[0].steps
    i = biwaq[0].offers.index("gla-rebeq-biwaq-jobcoaching")
    assert any(s.organisation == "jobcenter-gladbeck" for s in steps[:i])
    texts = [r.text for r in steps[i].reasons]
    assert any(t.startswith("needs a referral from Jobcenter Gladbeck: step") for t in texts)
    assert "for residents of Brauck, Butendorf, Stadtmitte: the client lives there" in texts
    assert steps[i].handover == "warm"
    assert excluded_by(result)["gla-biwaq4-jobcoaching"] == ["funding ended 2022-12-31"]


def test_biwaq_is_not_for_the_same_parent_in_zweckel(demo):
    result = route(
        demo,
        {**SINGLE_PARENT, "home": {"neighbourhood": "gladbeck-zweckel"}, "max_distance_km": 10},
    )
    assert "gla-rebeq-biwaq-jobcoaching" not in all_offers(result)
    why = excluded_by(result)["gla-rebeq-biwaq-jobcoaching"]
    assert why == ["only for residents of Brauck, Butendorf, Stadtmitte (client lives in Zweckel)"]


def test_a_shared_postcode_in_gladbeck_asks_to_check_the_address(demo):
    result = route(demo, {**SINGLE_PARENT, "home": {"postcode": "45968"}})
    texts = [r.text for p in result.paths for s in p.steps for r in s.reasons]
    assert any(
        "postcode 45968 covers Brauck, Butendorf, Rosenhügel — check the address" in t
        for t in texts
    )


def test_the_route_sheet_in_german_for_brauck(demo):
    result = route(demo, SINGLE_PARENT, lang="de")
    sheet = format_route(result)
    assert sheet.startswith("Klient/in auf Stufe 2 (Soziale Kontakte außer Haus); Ziel: Stufe 5")
    assert "  1. " in sheet and "  2. " in sheet
    assert "braucht eine Zuweisung von Jobcenter Gladbeck" in sheet
    assert "Förderung endete am 31.12.2022" in sheet


WIR_CLIENT = {
    "age": 31,
    "gender": "male",
    "target_groups": ["refugees"],
    "languages": ["ar"],
    "residence_status": "tolerated",
    "work_ban": "temporary",
    "rung": 1,
    "goal_rung": 5,
    "home": {"postcode": "45964"},
}


def test_a_refugee_with_duldung_and_a_temporary_work_ban_gets_wir(demo):
    result = route(demo, WIR_CLIENT)
    assert result.reached_goal
    assert "gla-wir-beratung" in all_offers(result)  # "temporäre Arbeitsverbote sind unschädlich"
    excluded = excluded_by(result)
    assert excluded["gla-ivaf-arbeitsmarktzugang"] == ["funding ended 2022-06-30"]
    wir = next(s for p in result.paths for s in p.steps if s.offer == "gla-wir-beratung")
    assert "open with the client's temporary work ban" in [r.text for r in wir.reasons]


def test_an_absolute_work_ban_closes_the_wir_programme(demo):
    result = route(demo, {**WIR_CLIENT, "work_ban": "absolute"}, lang="de")
    assert not {"gla-wir-beratung", "gla-wir-vermittlung"} & set(all_offers(result))
    assert "nicht bei Arbeitsverbot" in excluded_by(result)["gla-wir-beratung"]


def test_a_temporary_work_ban_keeps_paid_work_open_but_says_a_permit_comes_first(demo):
    """Duldung with a temporary ban, goal: a job — the job steps say a work permit is needed."""
    result = route(demo, {**WIR_CLIENT, "goal_rung": 6}, lang="de")
    assert result.reached_goal
    paid = [s for p in result.paths for s in p.steps if s.leads_to >= 5]
    assert paid, "the paths lead into paid work"
    for step in paid:
        assert "bezahlte Arbeit: zuerst ist eine Beschäftigungserlaubnis nötig" in " ".join(
            r.text for r in step.reasons
        )
    unpaid = [s for p in result.paths for s in p.steps if s.leads_to < 5]
    assert all(r.code != "paid-work" for s in unpaid for r in s.reasons)


def test_an_absolute_work_ban_stops_every_path_before_paid_work_and_says_why(demo):
    result = route(demo, {**WIR_CLIENT, "work_ban": "absolute", "goal_rung": 6})
    assert not result.reached_goal and result.paths
    assert all(s.leads_to < 5 for p in result.paths for s in p.steps)
    assert result.highest_rung == 4
    assert "A work ban rules out paid work (rung 6)" in format_route(result)
    reasons = excluded_by(result)
    assert any("leads to paid work, which a work ban rules out" in r for r in reasons.values())


OLDER = {
    "age": 55,
    "gender": "male",
    "target_groups": ["older-jobseekers"],
    "languages": ["de"],
    "residence_status": "citizen",
    "work_ban": "none",
    "rung": 2,
    "goal_rung": 5,
    "home": {"postcode": "45966"},
    "known_to": ["jobcenter-gladbeck"],
}


def test_a_man_of_55_unemployed_for_years_gets_coaching_from_50(demo):
    result = route(demo, OLDER)
    assert result.reached_goal
    assert "gla-rebeq-erfahrung-zaehlt" in all_offers(result)
    excluded = excluded_by(result)
    assert "age 15–25 (client: 55)" in excluded["gla-jba-beratung-u25"]
    assert "women only" in excluded["gla-kfb-orientierung"]
    # the Jobcenter knows him: offers needing its referral may come first
    first_steps = [p.steps[0] for p in result.paths]
    assert any(
        s.offer in {"gla-rebeq-agh-sozialkaufhaus", "gla-jc-fallmanagement"} for s in first_steps
    )


# --- Den Haag ------------------------------------------------------------------------------------

ISOLATED = {
    "age": 45,
    "gender": "female",
    "target_groups": ["migrants"],
    "languages": ["tr"],
    "residence_status": "residence-permit",
    "work_ban": "none",
    "rung": 1,
    "goal_rung": 4,
    "home": {"postcode": "2526"},
    "max_distance_km": 3,
    "needs": ["childcare"],
    "lang": "nl",
}


def test_an_isolated_turkish_speaking_woman_starts_at_a_womens_centre(demo):
    result = route(demo, ISOLATED)
    assert result.reached_goal
    assert result.home.neighbourhoods == ("wijk-29",)  # Schilderswijk
    # low-threshold first steps in her language, then the participation centres of the seeds
    for path in result.paths:
        assert path.steps[0].reasons[0].text.startswith("trede 1 (Geïsoleerd)")
        assert path.steps[0].category in {
            "information",
            "health-support",
            "language-course",
            "counselling",
            "parenting-support",
        }
    assert any(
        s.organisation in {"stichting-yasmin", "de-koffiepot"}
        for p in result.paths
        for s in p.steps
    )
    # reasons in Dutch, as the profile asks
    texts = [r.text for r in result.paths[0].steps[0].reasons]
    assert "in het Turks (spreekt de cliënt)" in texts
    assert any(t.startswith("trede 1 (Geïsoleerd)") for t in texts)


def test_check_eligibility_explains_why_not_for_the_same_woman(demo):
    G, _ = demo
    reasons = check_eligibility(G, {**ISOLATED, "date": DATE}, "yasmin.naaiatelier", lang="en")
    assert [r.code for r in reasons] == ["funding-ended", "language"]


YOUNG = {
    "age": 19,
    "gender": "male",
    "target_groups": ["early-school-leavers"],
    "languages": ["nl"],
    "residence_status": "citizen",
    "work_ban": "none",
    "rung": 2,
    "goal_rung": 5,
    "home": {"postcode": "2525"},
    "max_distance_km": 8,
}


def test_a_young_person_without_a_school_certificate(demo):
    result = route(demo, YOUNG)
    assert result.reached_goal
    excluded = excluded_by(result)
    assert excluded["uwv.werkcafe-50plus"][0] == "only for Older jobseekers"
    assert "age from 30 (client: 19)" in excluded["roc.mbo-30plus"]
    # with the Jongerenpunt involved, its school and work routes open up
    known = route(demo, {**YOUNG, "known_to": ["jongerenpunt-den-haag"]}, k=10)
    assert {"jongerenpunt.leerwerkbaan", "roc.leerwerktraject-jongeren"} & set(all_offers(known))


HIGHLY_QUALIFIED = {
    "age": 34,
    "gender": "female",
    "target_groups": ["highly-qualified-migrants"],
    "languages": ["en", "fa"],
    "residence_status": "residence-permit",
    "work_ban": "none",
    "rung": 3,
    "goal_rung": 6,
    "home": {"postcode": "2521"},
}


def test_a_highly_qualified_migrant_woman(demo):
    result = route(demo, HIGHLY_QUALIFIED)
    assert result.reached_goal
    assert any(s.organisation == "uaf" for p in result.paths for s in p.steps)
    # the Dutch-only associate degree is out of reach until her Dutch improves: that is the gap
    assert excluded_by(result)["hhs.deeltijd-ad"] == [
        "no shared language (offered in Dutch; client speaks English, Persian)"
    ]


UNDOCUMENTED = {
    "age": 40,
    "gender": "male",
    "target_groups": ["refugees"],
    "languages": ["ar", "en"],
    "residence_status": "undocumented",
    "work_ban": "absolute",
    "rung": 1,
    "goal_rung": 6,
    "home": {"postcode": "2516"},
}


def test_an_undocumented_man_shows_where_the_chain_breaks(demo):
    result = route(demo, UNDOCUMENTED)
    assert not result.reached_goal
    assert result.paths and result.highest_rung < 6
    assert all(p.reaches_rung == result.paths[0].reaches_rung for p in result.paths)
    assert "A work ban rules out paid work (rung 6)" in format_route(result)
    assert excluded_by(result)["vluchtelingenwerk.werkcoach"][:2] == [
        "needs Residence permit (client: Undocumented)",
        "not open with a work ban",
    ]
    assert result.to_json()["reached_goal"] is False


WHEELCHAIR = {
    "age": 42,
    "gender": "female",
    "target_groups": ["people-with-disabilities"],
    "languages": ["nl"],
    "residence_status": "citizen",
    "work_ban": "none",
    "rung": 3,
    "goal_rung": 6,
    "home": {"postcode": "2595"},
    "needs": ["wheelchair"],
    "known_to": ["uwv-den-haag"],
}


def test_a_wheelchair_user_known_to_uwv(demo):
    result = route(demo, WHEELCHAIR)
    assert result.reached_goal
    assert any(
        s.organisation == "uwv-den-haag" or "uwv" in s.offer for p in result.paths for s in p.steps
    )
    assert any(
        r.text == "wheelchair-accessible location"
        for p in result.paths
        for s in p.steps
        for r in s.reasons
    )


def test_a_den_haag_client_is_never_sent_to_gladbeck(demo):
    result = route(demo, {**HIGHLY_QUALIFIED, "online_ok": True})
    assert not any(o.startswith("gla-") for o in all_offers(result))
    assert not any(e.offer.startswith("gla-") for e in result.excluded)


def test_a_location_placed_at_its_postcode_does_not_claim_0_km(demo):
    """Gladbeck locations sit on postcode centres: "0 km von zu Hause" would be false precision."""
    result = route(demo, WIR_CLIENT)
    texts = [
        r.text for p in result.paths for s in p.steps for r in s.reasons if r.code == "distance"
    ]
    assert texts and not any(t.startswith("0 km") for t in texts)
    assert any(t.startswith("in the same postcode area as home (≈") for t in texts)


# --- diverse paths, and nothing the client did not ask for ---------------------------------------

OLDER_IN_ESCAMP = {
    "age": 58,
    "languages": ["nl"],
    "rung": 1,
    "goal_rung": 6,
    "home": {"neighbourhood": "wijk-33"},
}


def test_a_58_year_old_in_bouwlust_gets_three_routes_that_really_differ(demo):
    # "Give me three options, not the same route with the last step swapped."
    result = route(demo, OLDER_IN_ESCAMP, k=3)
    assert result.reached_goal and len(result.paths) == 3
    firsts = [p.offers[0] for p in result.paths]
    assert len(set(firsts)) == 3, firsts
    for a, b in [(0, 1), (0, 2), (1, 2)]:
        shared = set(result.paths[a].offers) & set(result.paths[b].offers)
        assert len(shared) <= 1, (result.paths[a].offers, result.paths[b].offers)
    # the best route is still the cheapest one; the others are shown in the order chosen
    assert result.paths[0].cost == min(p.cost for p in result.paths)


def test_nobody_is_sent_to_register_a_business_who_did_not_ask_for_it(demo):
    job_seeker = {**OLDER_IN_ESCAMP, "age": 45, "rung": 4}
    result = route(demo, job_seeker, k=5)
    assert all(s.category != "entrepreneurship" for p in result.paths for s in p.steps)
    assert "kvk.inschrijving" not in all_offers(result)
    assert excluded_by(result)["qredits.microkrediet"] == [
        "starting a business: only when the client asks for it (need: own business)"
    ]


def test_a_client_who_wants_her_own_business_is_shown_the_kvk_and_qredits(demo):
    starter = {**OLDER_IN_ESCAMP, "age": 45, "rung": 4, "needs": ["own-business"]}
    result = route(demo, starter, k=3)
    assert ["kvk.starters-webinar", "qredits.microkrediet"] in [p.offers for p in result.paths]
