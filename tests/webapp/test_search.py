"""socialmap.search: the filters, full-text search and paging behind the list, map and API."""

from __future__ import annotations

import pytest
from web_datasets import import_dataset

from socialmap import search, store
from socialmap.errors import NotFound
from socialmap.search import OfferFilter
from socialmap.store import open_db


@pytest.fixture
def db(tiny_db):
    database = open_db(tiny_db)
    yield database
    database.close()


def ids(db, **kwargs):
    return [item["id"] for item in search.search_offers(db, OfferFilter(**kwargs)).items]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["job", "coffee", "language", "volunteer"]),
        ({"category": "language-course"}, ["language"]),
        ({"target_group": "migrants"}, ["language"]),
        ({"target_group": "refugees"}, ["language"]),  # an offer for migrants serves refugees
        ({"language": "tr"}, ["coffee"]),
        ({"language": "en"}, ["volunteer"]),
        ({"rung": 3}, ["language", "volunteer"]),
        ({"neighbourhood": "n-east"}, ["coffee"]),
        ({"free_only": True}, ["language"]),
        ({"online": True}, ["job"]),
        ({"region": "elsewhere"}, []),
        ({"q": "taal"}, ["language"]),
        ({"q": "ontmoeten"}, ["coffee"]),  # the description
        ({"q": "TAALCURSUS"}, ["language"]),
        ({"q": "elk ontmoet"}, ["coffee"]),  # every word, as a prefix
        ({"q": "taal ontmoeten"}, []),
        ({"today": "2031-01-01"}, ["job", "coffee", "language"]),  # volunteering has ended
    ],
)
def test_filters(db, kwargs, expected):
    assert sorted(ids(db, **kwargs)) == sorted(expected)


def test_list_is_ordered_by_name_and_paged(db):
    names = [i["name"] for i in search.search_offers(db, OfferFilter()).items]
    assert names == sorted(names, key=str.casefold)
    page = search.search_offers(db, OfferFilter(), limit=2, offset=2)
    assert page.total == 4
    assert [i["name"] for i in page.items] == names[2:]


@pytest.mark.parametrize(
    "text",
    [
        'taal" OR "werk',
        "taal OR werk",
        "NEAR(taal werk)",
        "name:taal",
        "taal*",
        '"',
        "-taal",
        "taal'; DROP TABLE offers; --",
        "^taal",
        "(",
        "*",
    ],
)
def test_search_text_is_never_query_syntax(db, text):
    search.search_offers(db, OfferFilter(q=text))  # no FTS5 syntax error
    assert db["offers"].count == 4


def test_search_words_are_bound_as_quoted_terms(db):
    query = search.text_query(db, 'taal"* OR x')
    condition, values = query.condition()
    assert '"' not in condition and "taal" not in condition
    assert all(v.count('"') % 2 == 0 for v in values if isinstance(v, str) and "*" in v)
    assert search.text_query(db, "  ") is None


def test_offer_points_hold_one_point_per_located_offer(db):
    points = search.offer_points(db, OfferFilter())
    assert {p["id"] for p in points} == {"coffee", "language", "volunteer"}  # job is online only
    assert all(p["lat"] and p["lon"] for p in points)


def test_get_offer_and_organisation(db):
    offer = search.get_offer(db, "job")
    assert offer["requires_referral_by"] == [{"id": "municipality", "name": "Gemeente Testville"}]
    assert offer["online"] is True and offer["accepts"] == [4, 5]
    org = search.get_organisation(db, "women-centre")
    assert [o["id"] for o in org["offers"]] == ["coffee"]
    assert org["partners"] == [{"id": "college", "name": "ROC Testville", "kinds": ["informal"]}]
    with pytest.raises(NotFound):
        search.get_offer(db, "nope")
    with pytest.raises(NotFound):
        search.get_organisation(db, "nope")


def test_regions_neighbourhoods_and_options(db):
    assert search.list_regions(db)[0]["languages"] == ["nl"]
    west = next(n for n in search.list_neighbourhoods(db) if n["id"] == "n-west")
    assert west["geometry"]["type"] == "Polygon" and west["tags"] == ["focus-area"]
    options = search.filter_options(db, "testville")
    assert "language-course" in options["categories"] and "tr" in options["languages"]


def test_data_version_changes_with_a_new_import(tmp_path, tiny):
    path = import_dataset(tmp_path / "x.db", tiny)
    db = open_db(path)
    before = store.data_version(db)
    db.close()
    tiny["offers"][0]["name"] = "Koffie"
    import_dataset(path, tiny)
    db = open_db(path)
    assert store.data_version(db) != before
    db.close()
