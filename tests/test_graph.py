"""The typed graph built from the store: node kinds, edge types and their attributes."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.graph import build_graph, edges_of, graph_stats, sources, targets
from socialmap.importer import import_path


def test_tiny_graph_counts_by_kind_and_type(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    stats = graph_stats(build_graph(fresh_db))
    assert stats["nodes"] == {
        "location": 3,
        "neighbourhood": 2,
        "offer": 4,
        "organisation": 3,
        "rung": 6,
        "target_group": 2,
    }
    assert stats["edges"] == {
        # accepts: 1 + 2 + 1 + 2 rungs, plus one leads-to per offer
        "ladder-rung": 10,
        "located-in": 3,
        "offered-at": 3,
        "part-of": 1,
        "provided-by": 4,
        "refers-to": 2,
        "serves-target-group": 1,
    }


def test_edges_connect_the_right_nodes(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    G = build_graph(fresh_db)

    def targets(node, type_):
        return sorted(v for _, v, t in G.out_edges(node, data="type") if t == type_)

    assert targets("offer:language", "provided-by") == ["organisation:college"]
    assert targets("offer:language", "serves-target-group") == ["target_group:migrants"]
    assert targets("target_group:refugees", "part-of") == ["target_group:migrants"]
    assert targets("location:loc-east", "located-in") == ["neighbourhood:n-east"]
    roles = {
        (v, d["role"])
        for _, v, d in G.out_edges("offer:language", data=True)
        if d["type"] == "ladder-rung"
    }
    assert roles == {("rung:2", "accepts"), ("rung:3", "accepts"), ("rung:3", "leads-to")}
    (link,) = [
        d
        for u, v, d in G.edges(data=True)
        if d["type"] == "refers-to" and u == "organisation:women-centre"
    ]
    assert link["kind"] == "informal" and link["last_confirmed"] == "2026-03-01"
    assert G.has_edge("offer:language", "offer:volunteer")


def test_edge_readers_follow_one_type(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    G = build_graph(fresh_db)
    assert sorted(sources(G, "organisation:municipality", "provided-by")) == [
        "offer:job",
        "offer:volunteer",
    ]
    assert targets(G, "offer:language", "ladder-rung", role="leads-to") == ["rung:3"]
    assert sorted(targets(G, "offer:language", "ladder-rung")) == ["rung:2", "rung:3", "rung:3"]
    assert [(u, v) for u, v, _ in edges_of(G, "part-of")] == [
        ("target_group:refugees", "target_group:migrants")
    ]


@pytest.mark.parametrize(
    ("node", "type_", "error"),
    [
        ("offer:language", "provided_by", ValueError),  # misspelt: not "no edges"
        ("offer:nowhere", "provided-by", nx.NodeNotFound),
    ],
)
def test_edge_readers_reject_unknown_types_and_nodes(
    fresh_db, tiny, write_json, node, type_, error
):
    import_path(fresh_db, write_json(tiny))
    G = build_graph(fresh_db)
    with pytest.raises(error, match="instead got"):
        targets(G, node, type_)
    with pytest.raises(error, match="instead got"):
        sources(G, node, type_)


def test_offer_nodes_carry_what_routing_needs(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    G = build_graph(fresh_db)
    job = G.nodes["offer:job"]
    assert job["kind"] == "offer" and job["online"] is True
    assert job["accepts"] == (4, 5) and job["leads_to"] == 6
    assert job["requires_referral_by"] == ("municipality",)
    assert (job["age_min"], job["age_max"]) == (18, 64)
    coffee = G.nodes["offer:coffee"]
    assert coffee["genders"] == ("female",) and coffee["languages"] == ("nl", "tr")
    assert G.nodes["organisation:college"]["org_kind"] == "education-provider"
    assert G.nodes["target_group:refugees"]["labels"]["de"] == "Geflüchtete"


def test_graph_of_one_region(fresh_db, tiny, write_json):
    import_path(fresh_db, write_json(tiny))
    assert graph_stats(build_graph(fresh_db, "nowhere"))["nodes"].get("offer") is None
    assert graph_stats(build_graph(fresh_db, "testville"))["nodes"]["offer"] == 4


def test_stats_command_prints_counts(tmp_path, tiny, write_json):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "import", str(write_json(tiny))])
    result = runner.invoke(cli, ["--db", db, "stats"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "offers 4" in lines and "offer 4" in lines and "refers-to 2" in lines


def test_stats_on_a_missing_database_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "nope.db"), "stats"])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
