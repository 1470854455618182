# ruff: noqa: F811  (the demo fixtures are imported by name)
"""Search in residents' own words over the demo data: vocabulary, synonyms, compounds, typos."""

from __future__ import annotations

import json

import pytest
from demo_fixtures import active_language_courses, demo_db  # noqa: F401

from socialmap import search
from socialmap.search import OfferFilter, words
from socialmap.store import open_db

OWN_WORDS = (
    "Sprache",
    "Sprachkurs",
    "Deutschkurs",
    "taalles",
    "language course",
    "dil kursu",
    "курси мови",
    "دورة لغة",
    "کلاس زبان",
    "Dutch",
)


@pytest.fixture
def db(demo_db):  # noqa: F811
    database = open_db(demo_db)
    yield database
    database.close()


def found(db, **kwargs) -> list[str]:
    return [i["id"] for i in search.search_offers(db, OfferFilter(**kwargs), limit=500).items]


@pytest.mark.parametrize("region", ["gladbeck", "den-haag"])
@pytest.mark.parametrize("text", OWN_WORDS)
def test_own_words_find_every_language_course(db, demo_db, region, text):  # noqa: F811
    courses = active_language_courses(demo_db, region)
    assert courses
    ids = found(db, region=region, q=text)
    assert courses <= set(ids), (text, courses - set(ids))
    # The language courses come first: found through the vocabulary, not by chance.
    assert set(ids[: len(courses)]) == courses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Integratonskurs", "gla-vhs-integrationskurs"),  # a typing mistake
        ("integrationskurs fuer frauen", "gla-vhs-integrationskurs-frauen"),  # ue for ü
        ("INTEGRATIONSKURS FÜR FRAUEN", "gla-vhs-integrationskurs-frauen"),
        ("taalcafe", "zebra.taalcafe-schilderswijk"),  # é typed as e
        ("Sprachpaten", "gla-fh-sprachpaten"),  # the stem of a compound
    ],
)
def test_folding_stems_and_typos(db, text, expected):
    assert expected in found(db, q=text)


def test_a_phrase_is_one_meaning_and_other_words_narrow_it(db, demo_db):  # noqa: F811
    both = found(db, region="den-haag", q="taal kinderopvang")
    # A language course with childcare in its name, and a childcare offer with language in it.
    assert "zebra.taalles-kinderopvang" in both[:2]
    assert len(both) < len(found(db, region="den-haag", q="taal"))
    assert found(db, q="xyzzyq") == []


def test_a_compound_matches_by_its_parts(db):
    ids = found(db, region="gladbeck", q="Frauenberatung")
    assert ids[0] == "gla-gst-beratung-frauen"  # "Beratung für Frauen …"
    query = search.text_query(db, "Frauenberatung")
    assert query is not None and query.units[0].parts  # split into "Frauen" + "Beratung"


def test_target_group_words_find_offers_for_that_group_and_below(db):
    ids = set(found(db, region="gladbeck", q="kadınlar"))  # Turkish "women"
    assert "gla-frauentreff-nachmittag" in ids


def test_nearest_first_with_distances(db):
    home = (51.5698, 6.9887)  # Gladbeck centre
    items = search.search_offers(db, OfferFilter(region="gladbeck", near=home), limit=500).items
    distances = [i["distance_km"] for i in items]
    located = [d for d in distances if d is not None]
    assert located and located == sorted(located)
    assert distances.index(None) > distances.index(located[-1]) if None in distances else True


def test_the_synonym_table_is_data_and_read_as_such(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "synonyms.json").write_text(
        json.dumps({"categories": {"childcare": {"en": ["little ones"]}}}), encoding="utf-8"
    )
    vocabulary = words.load_vocabulary({}, tmp_path)
    assert "little" in vocabulary.entries
    shipped = words.load_vocabulary({})
    assert any(e.code == "language-course" for e in shipped.entries["dil"])


def test_folding():
    assert words.fold("Ärger Straße Café") == "arger strasse cafe"
    assert words.words("Taal-les, A1!") == ["taal", "les", "a1"]
