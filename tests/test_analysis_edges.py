"""Every edge type of the typed graph is read by the analysis: remove one, the findings change.

The graph keeps its routing index when edges are removed, so what changes is
exactly what the analysis reads from the edges (not from the node attributes
that repeat them, nor from the engine's index).
"""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from analysis_builders import TODAY, planted_dataset
from builders import graph_of

from socialmap.analysis import analyse
from socialmap.graph import EDGE_TYPES

#: Edge type -> the findings that must change without it.
READERS = {
    "provided-by": {"offers_nobody_refers_to", "single_points_of_failure", "funding_cliffs"},
    "offered-at": {"accessibility"},
    "part-of": {"coverage", "gaps"},
    "ladder-rung": {"coverage", "gaps"},
    "refers-to": {"isolated_organisations", "brokers", "stale"},
    "serves-target-group": {"duplicates"},
    "located-in": {"neighbourhoods_without_offers"},
}
#: Edge types with no reader yet, and why (README, "Coach analysis"): strict expected failures,
#: so a new reader has to move its type to READERS.
UNREAD = {}


@pytest.fixture(scope="module")
def planted() -> nx.MultiDiGraph:
    """Plantville plus one offer only for residence-permit holders (a typical refugee is one,
    because refugees are ``part-of`` migrants) — the only rung-5 offer in ``n-east``."""
    data = copy.deepcopy(planted_dataset())
    data["offers"].append(
        {
            "id": "permit-job",
            "organisation": "e",
            "locations": ["loc-e"],
            "name": "Werkervaringsplaats voor statushouders",
            "category": "employment",
            "ladder": {"accepts": [5], "leads_to": 6},
            "eligibility": {"residence_statuses": ["residence-permit"]},
            "languages": ["nl"],
            "capacity": 10,
            "last_verified": "2026-10-01",
        }
    )
    return graph_of(data)


def _without(G: nx.MultiDiGraph, type_: str) -> nx.MultiDiGraph:
    H = G.copy()  # the copy shares G's routing index
    H.remove_edges_from([(u, v, k) for u, v, k, t in G.edges(keys=True, data="type") if t == type_])
    return H


def test_the_tables_name_every_edge_type_the_graph_has(planted):
    assert {t for _, _, t in planted.edges(data="type")} == set(EDGE_TYPES)
    assert set(READERS) | set(UNREAD) == set(EDGE_TYPES)
    assert not set(READERS) & set(UNREAD)


def test_the_planted_offer_closes_the_refugees_gap(planted):
    gaps = analyse(planted, today=TODAY, parts=["coverage"])["gaps"]
    east5 = {g["target_group"] for g in gaps if (g["neighbourhood"], g["rung"]) == ("n-east", 5)}
    assert east5 == {"single-parents"}  # migrants and refugees hold a residence permit


@pytest.mark.parametrize(
    "type_",
    [
        *READERS,
        *(
            pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=why))
            for t, why in UNREAD.items()
        ),
    ],
)
def test_removing_an_edge_type_changes_the_analysis(planted, type_):
    before = analyse(planted, today=TODAY)
    after = analyse(_without(planted, type_), today=TODAY)
    changed = {key for key in before if after[key] != before[key]}
    assert changed, f"nothing in the analysis reads {type_!r} edges"
    assert changed >= READERS.get(type_, set()), changed
