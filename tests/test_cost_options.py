"""Cost options: currency, conditions, unit and validity kept; routing uses the cheapest valid
option in euros that fits the client, says which, and treats an unusable price as unknown."""

from __future__ import annotations

import pytest
from builders import HOME, graph_of, offer_network
from test_hsds_support import stored

from socialmap.costs import usable_price
from socialmap.hsds import to_hsds
from socialmap.routing import check_eligibility, referral_paths

BASE = {"rung": 1, "goal_rung": 2, "home": HOME, "date": "2026-11-21"}
OPTIONS = [
    {
        "amount": 35,
        "currency": "EUR",
        "conditions": "Under 18s and Over 60s",
        "unit": "per 1 hour session",
        "valid_from": "2020-01-01",
        "valid_to": "2022-12-31",
    },
    {"amount": 20, "currency": "EUR", "conditions": "Landlords", "unit": "per session"},
    {"amount": 12, "currency": "EUR", "conditions": "Over 60s", "age_min": 60},
    {"amount": 1, "currency": "GBP", "conditions": "UK residents"},
]


def graph(options, currency=None):
    data = offer_network(
        [{"id": "x", "accepts": [1], "leads_to": 2, "km_north": 1, "cost_options": options}]
    )
    if currency:
        data["region"]["currency"] = currency
    return graph_of(data)


def test_the_cheapest_valid_option_in_euros_is_the_price_and_the_step_says_which():
    result = referral_paths(graph(OPTIONS), {**BASE, "max_cost_eur": 25})
    (path,) = result.paths
    reasons = [r.text for r in path.steps[0].reasons]
    assert "costs €20 (Landlords, per session)" in reasons  # not the expired €35


def test_an_option_open_only_to_some_ages_is_used_for_them():
    result = referral_paths(graph(OPTIONS), {**BASE, "max_cost_eur": 15, "age": 64})
    assert [r.text for r in result.paths[0].steps[0].reasons if r.text.startswith("costs")] == [
        "costs €12 (Over 60s)"
    ]
    young = check_eligibility(graph(OPTIONS), {**BASE, "max_cost_eur": 15, "age": 30}, "x")
    assert [r.text for r in young] == ["costs €20 (Landlords, per session), limit €15"]


def test_expired_or_foreign_currency_options_leave_the_price_unknown():
    unusable = [OPTIONS[0], OPTIONS[3]]
    why = check_eligibility(graph(unusable), {**BASE, "max_cost_eur": 100}, "x")
    assert [(r.code, r.text) for r in why] == [
        (
            "cost",
            "price not known (its cost options have expired or are in another currency), "
            "limit €100",
        )
    ]
    # Without a limit, the price does not decide.
    assert check_eligibility(graph(unusable), BASE, "x") == []


def test_an_option_without_currency_takes_the_regions_and_no_other():
    option = [{"amount": 5, "conditions": "everyone"}]
    assert check_eligibility(graph(option), {**BASE, "max_cost_eur": 10}, "x")[0].code == "cost"
    assert check_eligibility(graph(option, currency="EUR"), {**BASE, "max_cost_eur": 10}, "x") == []


@pytest.mark.parametrize(
    ("day", "expected"), [("2021-06-01", 20.0), ("2026-11-21", 20.0), ("2019-06-01", 20.0)]
)
def test_usable_price_by_date(day, expected):
    assert usable_price(OPTIONS, day).amount == expected


def test_cost_options_survive_the_store_and_go_to_hsds_with_their_currency(tiny):
    tiny["region"]["currency"] = "EUR"
    tiny["offers"][0]["cost_options"] = [OPTIONS[0], {"amount": 3, "unit": "per month"}]
    _, exported = stored(tiny)
    assert exported["region"]["currency"] == "EUR"
    offer = next(o for o in exported["offers"] if o["id"] == tiny["offers"][0]["id"])
    assert offer["cost_options"] == [OPTIONS[0], {"amount": 3, "unit": "per month"}]
    service = next(s for s in to_hsds(exported).services if s["name"] == offer["name"])
    first, second = service["cost_options"]
    assert (first["option"], first["amount_description"], first["valid_to"]) == (
        "Under 18s and Over 60s",
        "per 1 hour session",
        "2022-12-31",
    )
    assert second["currency"] == "EUR"  # the region's, stated by the region


def test_without_a_region_currency_none_is_invented(tiny):
    tiny["offers"][0]["cost_options"] = [{"amount": 3}]
    _, exported = stored(tiny)
    service = next(s for s in to_hsds(exported).services if s["name"] == tiny["offers"][0]["name"])
    assert "currency" not in service["cost_options"][0]
