"""``socialmap bench import``: import and graph-build figures on a synthetic network.

Each phase runs in its own child process so that its peak memory is its own
(the generator's memory does not count against the import).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import click

from .data import run_socialmap, synthetic_dataset, verdict
from .options import data_dir_option, scale_option

__all__ = ["BENCH_COMMANDS"]

IMPORT_TARGET_S, IMPORT_TARGET_MB, GRAPH_TARGET_S = 90.0, 2048.0, 30.0

_GRAPH_SCRIPT = (
    "import sys, time; from socialmap.store import open_db; from socialmap.graph import "
    "build_graph; db = open_db(sys.argv[1], create=False); t = time.perf_counter(); "
    "G = build_graph(db); print(f'{time.perf_counter() - t:.2f} {G.number_of_nodes()} "
    "{G.number_of_edges()}')"
)


@click.command("import")
@scale_option(default="state")
@click.option("--seed", type=int, default=0, show_default=True)
@data_dir_option
def bench_import(scale: str, seed: int, data_dir: Path) -> None:
    """Time importing a synthetic network and building its graph; print peak memory.

    Targets for the state scale (250,000 offers): import ≤ 90 s and ≤ 2 GB, graph ≤ 30 s.

    Example: socialmap bench import --scale state
    """
    dataset = synthetic_dataset(data_dir, scale, seed, echo=lambda line: click.echo(line, err=True))
    db_path = data_dir / f"bench-import-{scale}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seconds, peak_mb = run_socialmap(["--db", str(db_path), "import", "--quiet", str(dataset)])
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _GRAPH_SCRIPT, str(db_path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    graph_s, nodes, edges = float(out[0]), int(out[1]), int(out[2])
    total_graph = time.perf_counter() - started
    size_mb = dataset.stat().st_size / 2**20
    click.echo(f"dataset        {dataset} ({size_mb:,.0f} MB)")
    click.echo(
        f"import         {seconds:8.1f} s   (target ≤ {IMPORT_TARGET_S:.0f} s)   "
        f"{verdict(seconds <= IMPORT_TARGET_S)}"
    )
    click.echo(
        f"peak memory    {peak_mb:8.0f} MB  (largest child process; target ≤ "
        f"{IMPORT_TARGET_MB:.0f} MB)   {verdict(peak_mb <= IMPORT_TARGET_MB)}"
    )
    click.echo(
        f"graph build    {graph_s:8.1f} s   (target ≤ {GRAPH_TARGET_S:.0f} s)   "
        f"{verdict(graph_s <= GRAPH_TARGET_S)}   [{nodes:,} nodes, {edges:,} edges; "
        f"{total_graph:.1f} s with start-up]"
    )


BENCH_COMMANDS = (bench_import,)
