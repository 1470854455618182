"""The in-memory routing model: read from SQLite, refreshed in place from the change feed.

A refresh must give exactly what a fresh load gives — the same arrays and the
same paths — while reading only the records that changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import wait_until

from socialmap.importer import import_path
from socialmap.routing import referral_paths
from socialmap.routing.index import load_index
from socialmap.routing.model import Model
from socialmap.sql import sql
from socialmap.store import log_change, open_db, write

ROOT = Path(__file__).resolve().parent.parent
GLADBECK = ROOT / "data" / "demo" / "gladbeck.json"
DEN_HAAG = ROOT / "data" / "demo" / "den-haag.json"

PROFILES = [
    {"rung": 1, "goal_rung": 6, "home": {"postcode": "45966"}, "date": "2026-11-21"},
    {
        "rung": 2,
        "goal_rung": 5,
        "gender": "female",
        "target_groups": ["single-parents"],
        "languages": ["de", "tr"],
        "home": {"postcode": "45964"},
        "max_distance_km": 5,
        "date": "2026-11-21",
    },
    {"rung": 1, "goal_rung": 4, "languages": ["ar"], "home": {"postcode": "2525"}},
]


def _paths(index, profile):
    result = referral_paths(index, profile, k=3)
    return [(p.offers, p.cost, [s.handover for s in p.steps]) for p in result.paths]


def _same(a, b):
    assert a.offer_ids == b.offer_ids
    assert a.loc_ids == b.loc_ids
    for name in ("accepts", "leads_to", "valid_until", "online", "warm_ptr", "warm_dst"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.languages.values(0) == b.languages.values(0)
    for profile in PROFILES:
        assert _paths(a, profile) == _paths(b, profile)


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    db = open_db(path)
    import_path(db, GLADBECK)
    import_path(db, DEN_HAAG)
    yield path, db
    db.close()


def _edit_offer(db, offer, **values):
    region = db.execute("SELECT region FROM offers WHERE id = ?", [offer]).fetchone()[0]
    with write(db):
        db["offers"].update(offer, values)
        log_change(db, "offer", offer, region)


def test_the_model_loads_what_the_graph_carries(demo_db):
    from socialmap.graph import build_graph

    path, db = demo_db
    model = Model(path, follow=False)
    _same(model.index, build_graph(db).graph["_routing_index"])


def test_an_edited_offer_is_refreshed_in_place_and_equals_a_fresh_load(demo_db):
    path, db = demo_db
    model = Model(path, follow=False)
    before = model.index
    first = _paths(before, PROFILES[1])[0][0][0]
    _edit_offer(db, first, valid_until="2020-01-01")  # its funding has ended
    assert model.refresh() is True
    assert model.refresh() is False  # nothing new
    assert first not in [o for offers, *_ in _paths(model.index, PROFILES[1]) for o in offers]
    _same(model.index, load_index(db))
    assert (
        before.valid_until[before.position[first]]
        != model.index.valid_until[model.index.position[first]]
    )


def test_a_new_offer_a_deleted_offer_and_a_new_link_are_refreshed(demo_db):
    path, db = demo_db
    model = Model(path, follow=False)
    offer = db.execute("SELECT * FROM offers WHERE region = 'gladbeck' LIMIT 1").fetchone()
    columns = [c.name for c in db["offers"].columns]
    row = dict(zip(columns, offer, strict=True))
    old_id = row["id"]
    row["id"] = "aaa-new-offer"
    links = {
        t: db.execute(sql("SELECT * FROM {table} WHERE offer = ?", table=t), [old_id]).fetchall()
        for t in ("offer_accepts", "offer_locations", "offer_languages")
    }
    gone = db.execute(
        "SELECT id FROM offers WHERE region = 'den-haag' ORDER BY id DESC LIMIT 1"
    ).fetchone()[0]
    with write(db):
        db["offers"].insert(row)
        for table, rows in links.items():
            for r in rows:
                db.execute(
                    sql("INSERT INTO {table} VALUES (?, ?)", table=table), ["aaa-new-offer", r[1]]
                )
        db.execute("DELETE FROM offers WHERE id = ?", [gone])
        db["referral_links"].insert(
            {
                "id": "link-new",
                "region": "gladbeck",
                "from_organisation": row["organisation"],
                "to_offer": "aaa-new-offer",
                "kind": "informal",
            }
        )
        log_change(db, "offer", "aaa-new-offer", "gladbeck")
        log_change(db, "offer", gone, "den-haag")
        log_change(db, "referral_link", "link-new", "gladbeck")
    model.refresh()
    index = model.index
    assert index.offer_ids[0] == "aaa-new-offer"  # still in id order
    assert gone not in index.position
    _same(index, load_index(db))


def test_a_reimported_region_is_refreshed(demo_db, tmp_path):
    path, db = demo_db
    model = Model(path, follow=False)
    data = json.loads(GLADBECK.read_text(encoding="utf-8"))
    data["offers"] = data["offers"][: len(data["offers"]) // 2]
    kept = {o["id"] for o in data["offers"]}
    data["referral_links"] = [
        link
        for link in data["referral_links"]
        if (link["from"] in kept or not link["from"].startswith("offer"))
        and link["to"] in kept | {o["id"] for o in data["organisations"]}
    ]
    smaller = tmp_path / "gladbeck.json"
    smaller.write_text(json.dumps(data), encoding="utf-8")
    import_path(db, smaller)
    model.refresh()
    assert len(model.index.region_offers["gladbeck"]) == len(kept)
    _same(model.index, load_index(db))


def test_a_follower_thread_sees_a_write_from_another_connection(demo_db):
    path, db = demo_db
    model = Model(path)  # follows the change feed in a background thread
    offer = model.index.offer_ids[0]
    _edit_offer(db, offer, leads_to=6)

    def refreshed() -> bool:
        index = model.index  # one snapshot: the thread may swap it meanwhile
        return bool(index.leads_to[index.position[offer]] == 6)

    wait_until(refreshed, timeout=5, what="the follower thread's refresh")
    assert model.index.leads_to[model.index.position[offer]] == 6


def test_the_excluded_list_is_explained_only_as_far_as_it_is_read(demo_db):
    path, _ = demo_db
    index = Model(path, follow=False).index
    profile = {"rung": 1, "gender": "male", "age": 30, "home": {"postcode": "2525"}}
    first = referral_paths(index, profile).excluded_first(3)
    result = referral_paths(index, profile)
    assert result.excluded_count == len(result.excluded) > 3
    assert [e.to_json() for e in first] == [e.to_json() for e in result.excluded[:3]]
