"""``socialmap bench import``: import and graph-build figures on a synthetic network.

Each phase runs in its own child process so that its peak memory is its own
(the generator's memory does not count against the import).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import click

__all__ = ["BENCH_COMMANDS", "synthetic_file"]

SCALES = {"city": (10_000, "den-haag"), "state": (250_000, "nrw")}
IMPORT_TARGET_S, IMPORT_TARGET_MB, GRAPH_TARGET_S = 90.0, 2048.0, 30.0


def synthetic_file(data_dir: Path, scale: str, seed: int = 1) -> Path:
    """Return the cached synthetic dataset of ``scale``, generating it on first use."""
    offers, region = SCALES[scale]
    path = data_dir / f"synth-{scale}-{offers}-seed{seed}.json"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        click.echo(f"generating {path} ({offers:,} offers, {region}) …", err=True)
        _run(
            [
                "synth",
                "--offers",
                str(offers),
                "--seed",
                str(seed),
                "--region",
                region,
                "--out",
                str(path),
            ]
        )
    return path


def _run(args: list[str]) -> tuple[float, float]:
    """Run a socialmap command in a child process; return (seconds, peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "socialmap", *args], check=True, stdout=subprocess.DEVNULL
    )
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far; report it only if this one raised it.
    return seconds, max(peak_kb, before) / 1024


_GRAPH_SCRIPT = (
    "import sys, time; from socialmap.store import open_db; from socialmap.graph import "
    "build_graph; db = open_db(sys.argv[1], create=False); t = time.perf_counter(); "
    "G = build_graph(db); print(f'{time.perf_counter() - t:.2f} {G.number_of_nodes()} "
    "{G.number_of_edges()}')"
)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


@click.command("import")
@click.option("--scale", type=click.Choice(sorted(SCALES)), default="state", show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("bench-data"),
    show_default=True,
    help="Where generated datasets and databases are cached.",
)
def bench_import(scale: str, seed: int, data_dir: Path) -> None:
    """Time importing a synthetic network and building its graph; print peak memory.

    Targets for the state scale (250,000 offers): import ≤ 90 s and ≤ 2 GB, graph ≤ 30 s.

    Example: socialmap bench import --scale state
    """
    dataset = synthetic_file(data_dir, scale, seed)
    db_path = data_dir / f"bench-import-{scale}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seconds, _ = _run(["--db", str(db_path), "import", "--quiet", str(dataset)])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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
        f"{_verdict(seconds <= IMPORT_TARGET_S)}"
    )
    click.echo(
        f"peak memory    {peak_mb:8.0f} MB  (largest child process; target ≤ "
        f"{IMPORT_TARGET_MB:.0f} MB)   {_verdict(peak_mb <= IMPORT_TARGET_MB)}"
    )
    click.echo(
        f"graph build    {graph_s:8.1f} s   (target ≤ {GRAPH_TARGET_S:.0f} s)   "
        f"{_verdict(graph_s <= GRAPH_TARGET_S)}   [{nodes:,} nodes, {edges:,} edges; "
        f"{total_graph:.1f} s with start-up]"
    )


BENCH_COMMANDS = (bench_import,)
