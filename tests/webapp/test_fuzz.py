"""Property tests of every web input: whatever is sent, the answer is never a 5xx.

Random JSON profiles (wrong types, huge numbers, NaN, deep nesting, any unicode)
go to ``POST /api/route``; random query strings to the offer list, the JSON API,
the HSDS API and the coach's pages; random forms to the referral desk.  A 4xx
from a JSON endpoint must be ``{"error", "field"}`` naming a field that was sent
(or ``body``), in one line that echoes at most 80 characters of a value.
"""

from __future__ import annotations

import json
import math

import pytest
from conftest import make_app
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from socialmap.dataset.reader import MAX_DEPTH
from socialmap.routing.profile import CHOICES, PROFILE_FIELDS
from web.referral.forms import PROFILE_FORM_FIELDS

FUZZ = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
#: /api/route answers in milliseconds: it gets more examples.
FUZZ_ROUTE = settings(FUZZ, max_examples=300)


@pytest.fixture(scope="module")
def client(shared_dbs):
    app = make_app(shared_dbs["tiny"].path, WTF_CSRF_ENABLED=False)
    return app.test_client()


# --- strategies -----------------------------------------------------------------------------

#: Text a person might paste: unicode digits, digits by the hundred, dates out of range, markup.
nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["²", "١٢", "1_0", " 3 ", "-1", "0", "7", "1e400", "nan", "inf", "", "2"]),
    st.integers(1, 400).map(lambda n: "9" * n),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "2026-W01-1", "20261121"]),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "\x00", "\ud7ff\ufffe"]),
)
huge_numbers = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), huge_numbers, nasty_text)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


#: Values close to valid ones, so that the deeper checks are reached too.
plausible = {
    "rung": st.integers(0, 7),
    "goal_rung": st.integers(0, 7),
    "age": st.integers(-5, 130),
    **{name: st.sampled_from(values) for name, values in CHOICES.items() if name != "needs"},
    "lang": st.sampled_from(["de", "nl", "en", "fr"]),
    "languages": st.lists(st.sampled_from(["nl", "tr", "AR", "xx", "english"]), max_size=3),
    "target_groups": st.lists(st.sampled_from(["migrants", "women", "nobody"]), max_size=2),
    "known_to": st.lists(st.sampled_from(["municipality", "nobody"]), max_size=2),
    "needs": st.lists(st.sampled_from([*CHOICES["needs"], "pony"]), max_size=2),
    "home": st.one_of(
        st.fixed_dictionaries({"postcode": st.sampled_from(["2513", "2525 AB", "45964", "x"])}),
        st.fixed_dictionaries({"neighbourhood": st.sampled_from(["n-west", "n-east", "nope"])}),
        st.fixed_dictionaries({"lat": huge_numbers, "lon": huge_numbers}),
        st.dictionaries(st.sampled_from(["lat", "lon", "postcode", "x"]), json_values),
    ),
    "max_distance_km": huge_numbers,
    "max_cost_eur": huge_numbers,
    "online_ok": st.booleans(),
    "use_outcomes": st.booleans(),
    "date": st.sampled_from(["2026-11-21", "9999-12-31", "0001-01-01", "2026-13-01"]),
}
field_values = {name: st.one_of(plausible[name], json_values) for name in PROFILE_FIELDS}


@st.composite
def profiles(draw, values: dict) -> dict:
    """A profile of some fields drawn from ``values``, now and then with a stray key."""
    names = draw(st.lists(st.sampled_from(PROFILE_FIELDS), max_size=6, unique=True))
    profile = {name: draw(values[name]) for name in ["rung", *names]}
    if draw(st.integers(0, 5)) == 0:
        profile[draw(st.text(min_size=1, max_size=200))] = draw(json_values)
    return profile


@st.composite
def route_bodies(draw) -> tuple[bytes, dict, int]:
    """A request body for /api/route, the fields it sends and how deep it nests."""
    kind = draw(st.sampled_from(["plausible", "plausible", "profile", "any", "deep", "deep field"]))
    if kind in ("deep", "deep field"):  # built as text: json.dumps itself would recurse
        depth = draw(st.integers(2, 100_000) if kind == "deep" else st.integers(2, 5000))
        deep = "[" * depth + "]" * depth
        if kind == "deep":
            return deep.encode(), {}, depth
        field = draw(st.sampled_from(PROFILE_FIELDS))
        return f'{{"rung": 1, "{field}": {deep}}}'.encode(), {"rung": 1, field: []}, depth + 1
    if kind == "any":
        value = draw(json_values)
    else:
        value = draw(profiles(plausible if kind == "plausible" else field_values))
    sent = value if isinstance(value, dict) else {}
    return json.dumps(value, allow_nan=True).encode(), sent, _depth(value)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


query_values = st.one_of(
    nasty_text,
    st.sampled_from(["testville", "migrants", "n-west", "de", "4.2,52.0,4.4,52.1", "nan,0,1,1"]),
)


def queries(names: tuple[str, ...]):
    """Random query strings over the parameters a page reads (and a stray one)."""
    return st.dictionaries(st.sampled_from([*names, "x"]), query_values, max_size=4)


# --- the JSON API ---------------------------------------------------------------------------


def assert_names_a_field(response, sent: dict) -> None:
    """A JSON 4xx: one line, ``field`` one of those sent (or body, or the page's own)."""
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert isinstance(body["error"], str) and "\n" not in body["error"]
    assert "Traceback" not in body["error"]
    if response.status_code in (400, 422):
        field = body["field"]
        top = field.partition(".")[0].removesuffix("…")
        spelt = {str(name) for name in sent} | {repr(str(name))[1:-1] for name in sent}
        required = ("body", "profile", "rung")  # the whole body, or the one required field
        assert field in required or any(name.startswith(top) for name in spelt)


@FUZZ_ROUTE
@given(body=route_bodies(), k=st.one_of(st.none(), query_values), lang=st.none() | query_values)
def test_route_never_fails_on_any_body(client, body, k, lang):
    data, sent, depth = body
    query = {name: v for name, v in (("k", k), ("lang", lang)) if v is not None}
    response = client.post(
        "/api/route", data=data, query_string=query, content_type="application/json"
    )
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert_names_a_field(response, {**sent, **query})
    if depth > MAX_DEPTH:
        assert response.status_code == 400 and response.get_json()["field"] == "body"
    if response.status_code == 200:
        assert "rung" in sent
        assert not any(isinstance(v, float) and not math.isfinite(v) for v in sent.values())


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/api/offers", ("q", "region", "category", "rung", "free", "page", "per_page", "lang")),
        ("/api/offers.geojson", ("language", "target_group", "online", "lang", "bbox")),
        ("/api/neighbourhoods", ("region",)),
        ("/coach/analysis.json", ("date", "region", "lang")),
        ("/hsds/services", ("search", "page", "per_page", "format", "modified_after", "full")),
        ("/hsds/service_at_locations", ("postcode", "proximity", "page", "taxonomy_id")),
    ],
)
@FUZZ
@given(data=st.data())
def test_json_endpoints_name_the_bad_parameter(client, url, names, data):
    query = data.draw(queries(names))
    response = client.get(url, query_string=query)
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, (query, response.get_data(as_text=True)[:300])
    if response.status_code >= 400:
        assert_names_a_field(response, query)


# --- pages for people -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/", ("q", "region", "category", "target_group", "language", "rung", "page", "free")),
        ("/coach/", ("date", "region", "lang")),
        ("/coach/report.html", ("date", "region")),
    ],
)
@FUZZ
@given(data=st.data())
def test_pages_answer_any_query_with_at_most_a_4xx(client, url, names, data):
    query = data.draw(queries(names))
    response = client.get(url, query_string=query)
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, (query, response.get_data(as_text=True)[:300])
    assert "Traceback" not in response.get_data(as_text=True)


FORM_FIELDS = (*PROFILE_FORM_FIELDS, "path", "offer_query", "edit")
form_values = st.one_of(
    nasty_text, st.sampled_from(["1", "2", "6", "female", "citizen", "none", "nl", "2513"])
)


forms = st.builds(
    lambda rung, rest: {"rung": rung, **rest},
    st.one_of(st.sampled_from(["1", "2", "3", "4", "5", "6"]), form_values),
    st.dictionaries(
        st.sampled_from(FORM_FIELDS),
        st.one_of(form_values, st.lists(form_values, min_size=2, max_size=3)),
        max_size=5,
    ),
)


@pytest.mark.parametrize("url", ["/referral/", "/referral/print", "/referral/why-not"])
@FUZZ
@given(form=forms)
def test_the_referral_desk_answers_any_form_with_at_most_a_4xx(client, url, form):
    response = client.post(url, data=form)
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, (form, response.get_data(as_text=True)[:300])
    if response.status_code == 422:
        page = response.get_data(as_text=True)
        assert 'class="error"' in page  # the problem is shown at its field
