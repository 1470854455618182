"""``socialmap synth --outcomes`` and the outcomes benchmark on small networks: the
history goes through the referral write path, the truth stays outside the database, and
the benchmark prints its table with PASS/FAIL."""

from __future__ import annotations

import json
import sqlite3

import pytest
from builders import tiny_dataset
from click.testing import CliRunner

from socialmap.cli import cli
from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.referrals.synthetic import Truth, counts_of, simulate
from socialmap.store import open_db
from socialmap_bench.outcomes import region_profiles, run_outcomes_benchmark
from socialmap_bench.synth import write_synthetic


def test_synth_outcomes_writes_referrals_and_keeps_the_truth_apart(tmp_path):
    db_path = tmp_path / "t.db"
    db = open_db(db_path)
    import_document(db, Document(tiny_dataset(), "testville.json"))
    db.close()
    truth = tmp_path / "truth.json"
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "synth", "--outcomes", "40", "--truth", str(truth)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 40 referrals" in result.output
    shares = json.loads(truth.read_text())["first"]
    assert set(shares) == {"coffee", "language", "volunteer", "job"}
    conn = sqlite3.connect(db_path)
    statuses = dict(conn.execute("SELECT status, count(*) FROM referrals GROUP BY status"))
    assert sum(statuses.values()) == 40
    assert set(statuses) <= {"completed", "dropped_out", "declined", "no_show"}
    dumped = "\n".join(conn.iterdump())
    assert str(shares["coffee"]) not in dumped  # the truth is not in the data
    assert conn.execute("SELECT count(*) FROM changes").fetchone()[0] >= 80
    conn.close()
    again = CliRunner().invoke(cli, ["--db", str(db_path), "synth"])
    assert again.exit_code != 0 and "--offers and --out" in again.output


@pytest.fixture(scope="module")
def small_network(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outcomes")
    dataset = folder / "small.json"
    write_synthetic(dataset, 150, seed=3, region="den-haag")
    db = open_db(folder / "small.db")
    import_document(db, Document(json.loads(dataset.read_text()), "small.json"))
    yield db
    db.close()


def test_simulated_histories_follow_the_truth(small_network):
    from socialmap.routing.index import load_index

    index = load_index(small_network)
    truth = Truth.draw(index, 1)
    history = simulate(index, truth, 300, 2, region_profiles(index, "den-haag"))
    assert len(history) == 300
    first = [r for r in history if r.step == 1]
    expected = sum(truth.share(None, r.offer) for r in first) / len(first)
    observed = sum(r.started for r in first) / len(first)
    assert abs(observed - expected) < 0.1
    counts = counts_of(history)
    assert sum(t for _, t in counts.counts.values()) == 300


def test_the_benchmark_prints_its_table_with_verdicts(small_network):
    report = run_outcomes_benchmark(
        small_network, "den-haag", profiles=20, seed=0, sizes=(50, 400), echo=lambda _: None
    )
    text = report.summary()
    assert "to oracle" in text and ("PASS" in text or "FAIL" in text)
    assert 0 < report.static <= report.oracle + 1e-9
    assert set(report.learned) == {50, 400}
