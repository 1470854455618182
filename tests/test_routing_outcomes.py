"""Outcomes that teach the routing: observed shares price handovers from five outcomes on,
the reasons say so in the client's language, each path carries its chance, a profile can
switch it off, and the routing model picks new outcomes up from the change feed."""

from __future__ import annotations

import json

import pytest
from builders import graph_of, tiny_dataset
from click.testing import CliRunner

from socialmap import editing, referrals
from socialmap.cli import cli
from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.referrals.outcomes import Outcomes
from socialmap.routing import referral_paths
from socialmap.routing.index import routing_index
from socialmap.routing.model import Model
from socialmap.store import open_db

PROFILE = {
    "rung": 2,
    "goal_rung": 4,
    "target_groups": ["refugees"],
    "home": {"lat": 52.075, "lon": 4.305},
    "date": "2026-11-21",
}


def _data():
    data = tiny_dataset()
    data["offers"].append(
        {
            "id": "language-b",
            "organisation": "municipality",
            "locations": ["loc-west"],
            "name": "Taalcafé",
            "category": "language-course",
            "ladder": {"accepts": [2], "leads_to": 3},
            "languages": ["nl"],
            "wait_weeks": 8,
        }
    )
    return data


@pytest.fixture
def index():
    return routing_index(graph_of(_data()))


def _route(index, outcomes, **extra):
    index.outcomes = outcomes
    return referral_paths(index, {**PROFILE, **extra}, 2)


def test_without_outcomes_the_warm_path_wins_and_carries_its_prior_chance(index):
    result = _route(index, Outcomes())
    best = result.paths[0]
    assert best.offers == ["language", "volunteer"]
    assert [s.handover for s in best.steps] == ["start", "warm"]
    assert best.chance == pytest.approx(0.75 * 0.75, abs=0.001)
    path = result.to_json()["paths"][0]
    assert path["chance"] == best.chance
    assert [s["start_share"] for s in path["steps"]] == [0.75, 0.75]
    assert [s["outcomes"] for s in path["steps"]] == [None, None]


def test_five_poor_outcomes_move_the_client_to_another_path_and_say_why(index):
    outcomes = Outcomes({(None, "language"): (1, 10), ("college", "volunteer"): (2, 9)})
    result = _route(index, outcomes)
    assert result.paths[0].offers == ["language-b", "volunteer"]
    dear = result.paths[1]
    assert dear.offers == ["language", "volunteer"]
    assert dear.chance < result.paths[0].chance
    first, second = ([r for r in s.reasons if r.code == "outcome"] for s in dear.steps)
    assert [r.text for r in first] == ["fewer than 5 of 10 clients referred here started"]
    assert [r.text for r in second] == [
        "fewer than 5 of 9 clients referred here from ROC Testville started"
    ]
    assert dear.steps[0].outcomes == {"started": 1, "referred": 10}


def test_good_outcomes_are_said_with_their_counts_in_every_language(index):
    outcomes = Outcomes({(None, "language-b"): (8, 11)})
    for lang, words in [
        ("en", "8 of 11 clients referred here started"),
        ("de", "8 von 11"),
        ("nl", "8 van de 11"),
    ]:
        result = _route(index, outcomes, lang=lang)
        texts = [r.text for p in result.paths for s in p.steps for r in s.reasons]
        assert any(words in t for t in texts), (lang, texts)


def test_below_five_outcomes_the_static_cost_applies(index):
    static = _route(index, Outcomes())
    few = _route(index, Outcomes({(None, "language"): (0, 4), ("college", "volunteer"): (0, 4)}))
    assert few.to_json() == static.to_json()


def test_use_outcomes_false_switches_it_off_and_the_answer_is_deterministic(index):
    outcomes = Outcomes({(None, "language"): (1, 10)})
    off = _route(index, outcomes, use_outcomes=False)
    assert off.to_json() == _route(index, Outcomes()).to_json()
    on = _route(index, outcomes)
    assert on.to_json() == _route(index, outcomes).to_json()
    assert on.paths[0].offers != off.paths[0].offers


def test_a_cold_handover_with_good_outcomes_can_beat_a_warm_one(index):
    # language-b -> volunteer is cold, but every client from the municipality started there;
    # along the warm link from the college only half did
    outcomes = Outcomes(
        {("municipality", "volunteer"): (20, 20), ("college", "volunteer"): (5, 10)}
    )
    result = _route(index, outcomes)
    best, other = result.paths
    assert best.offers == ["language-b", "volunteer"]
    assert [s.handover for s in best.steps] == ["start", "cold"]
    assert best.chance > other.chance


def test_the_model_picks_up_outcomes_from_the_change_feed_without_a_rebuild(tmp_path):
    path = tmp_path / "m.db"
    db = open_db(path)
    import_document(db, Document(_data(), "testville.json"))
    editing.add_user(db, "s@example.org", "caseworker", (), ("municipality",))
    editing.add_user(db, "r@example.org", "caseworker", (), ("college",))
    model = Model(path, follow=False)
    before = model.index
    assert len(before.outcomes) == 0
    sender, receiver = editing.get_user(db, "s@example.org"), editing.get_user(db, "r@example.org")
    for _ in range(6):
        sent = referrals.send_referral(
            db,
            {"offer": "language", "from_organisation": "municipality", "consent": True},
            user=sender,
        )
        referrals.move_referral(
            db, sent["id"], {"status": "declined", "reason": "no_capacity"}, user=receiver
        )
    assert model.refresh()
    after = model.index
    assert after.outcomes.get(None, "language") == (0, 6)
    assert after.accepts is before.accepts and after.offer_ids is before.offer_ids  # no rebuild
    assert referral_paths(after, PROFILE, 1).paths[0].offers == ["language-b", "volunteer"]
    db.close()


def test_route_json_keeps_every_documented_key_and_adds_the_chance(tmp_path, write_json):
    db_path = tmp_path / "c.db"
    db = open_db(db_path)
    import_document(db, Document(_data(), "testville.json"))
    db.close()
    profile = write_json(PROFILE, "p.json")
    out = CliRunner().invoke(
        cli, ["--db", str(db_path), "route", "--profile", str(profile), "--json"]
    )
    assert out.exit_code == 0, out.output
    path = json.loads(out.output)["paths"][0]
    assert {"cost", "reaches_rung", "steps", "chance"} <= set(path)
    assert {"offer", "organisation", "handover", "reasons", "start_share"} <= set(path["steps"][0])
    text = CliRunner().invoke(cli, ["--db", str(db_path), "route", "--profile", str(profile)])
    assert "Estimated chance of arriving at every step: 56%" in text.output
