"""The synthetic networks every ``socialmap bench …`` command measures, and their figures.

One cache for all benchmarks: :func:`synthetic_dataset` writes a network with
:func:`socialmap_bench.synth.write_synthetic` and :func:`synthetic_database` imports
it, each once per scale, seed, size and generator version, into ``data_dir``
(``bench-data/`` by default) — *city*: 10,000 offers on Den Haag's wijken;
*state*: 250,000 on NRW's Kreise (or another size, ``offers``).  The
generator's side file of planted duplicates lies next to the dataset.  Both
run ``socialmap`` in a child process, so the generator's and the importer's
memory stay out of what a benchmark measures of its own process (a benchmark
that counts its children, like ``bench gaps``, says when they were part of
it).  The small helpers below turn measurements into the printed figures
(peak memory, percentiles, PASS/FAIL).

It must not import Flask or the ``web`` package: ``bench web`` serves the app
from a child process.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from socialmap.store import open_db
from socialmap_bench.synth import GENERATOR_VERSION, planted_path

__all__ = [
    "SCALES",
    "Scale",
    "synthetic_dataset",
    "synthetic_database",
    "run_socialmap",
    "peak_rss_mb",
    "percentile",
    "verdict",
]


class Scale(NamedTuple):
    """How large a synthetic network is and where it lies."""

    offers: int
    region: str


#: The benchmarks' network sizes.
SCALES: dict[str, Scale] = {"city": Scale(10_000, "den-haag"), "state": Scale(250_000, "nrw")}

Echo = Callable[[str], Any]


def _stem(scale: str, seed: int, offers: int | None) -> str:
    if scale not in SCALES:
        raise ValueError(f"Expected scale among {sorted(SCALES)}, instead got: {scale!r}.")
    size = offers or SCALES[scale].offers
    return f"synth-{scale}-{size}-seed{seed}-v{GENERATOR_VERSION}"


def synthetic_dataset(
    data_dir: Path,
    scale: str,
    seed: int = 1,
    echo: Echo | None = None,
    *,
    offers: int | None = None,
) -> Path:
    """The cached synthetic dataset (JSON) of ``scale`` and ``seed``, written on first use.

    ``offers`` replaces the scale's size (the region stays the scale's);
    ``echo`` hears one line when the dataset has to be generated.
    """
    path = Path(data_dir) / f"{_stem(scale, seed, offers)}.json"
    if not path.exists() or not planted_path(path).exists():
        region = SCALES[scale].region
        offers = offers or SCALES[scale].offers
        path.parent.mkdir(parents=True, exist_ok=True)
        if echo is not None:
            echo(f"generating {path} ({offers:,} offers, {region}) …")
        # write_synthetic renames a complete file into place: an interrupted run caches nothing.
        command = ["synth", "--offers", str(offers), "--seed", str(seed), "--region", region]
        run_socialmap([*command, "--out", str(path)])
    return path


def synthetic_database(
    data_dir: Path,
    scale: str,
    seed: int = 1,
    echo: Echo | None = None,
    *,
    offers: int | None = None,
) -> Path:
    """The cached database holding :func:`synthetic_dataset`, imported on first use.

    A database counts as done once it holds the synthetic region: an import
    is all-or-nothing, so an interrupted one is simply run again.
    """
    db_path = Path(data_dir) / f"{_stem(scale, seed, offers)}.db"
    if db_path.exists() and _holds_region(db_path, f"synth-{SCALES[scale].region}"):
        return db_path
    dataset = synthetic_dataset(data_dir, scale, seed, echo, offers=offers)
    if echo is not None:
        size = offers or SCALES[scale].offers
        echo(f"preparing {db_path} ({size:,} synthetic offers; cached for later runs) …")
    run_socialmap(["--db", str(db_path), "import", "--quiet", str(dataset)])
    return db_path


def _holds_region(db_path: Path, region: str) -> bool:
    db = open_db(db_path, create=False)
    try:
        found = db.execute("SELECT count(*) FROM regions WHERE id = ?", [region]).fetchone()
        return bool(found[0])
    finally:
        db.close()


def run_socialmap(args: Sequence[str]) -> tuple[float, float]:
    """Run ``socialmap *args`` in a child process; return (seconds, peak RSS in MB).

    The peak is that of the largest child process so far (``ru_maxrss`` of
    ``RUSAGE_CHILDREN``).  The child's stdout is discarded; its stderr (progress
    bars, errors) passes through.
    """
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "socialmap", *args], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started, peak_rss_mb(children=True)


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory in MB of this process (or of its largest child process)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100, linear interpolation) of ``values``; NaN when empty.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([], 95)
    (2.5, nan)
    """
    return float(np.percentile(values, q)) if len(values) else float("nan")


def verdict(ok: bool) -> str:
    """How a benchmark line reports a target: ``PASS`` or ``FAIL``."""
    return "PASS" if ok else "FAIL"
