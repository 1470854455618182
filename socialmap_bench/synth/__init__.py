"""Synthetic social maps for scale tests and demos: realistic networks of any size.

:func:`synthesize` returns a ``socialmap-dataset/1`` dict laid over real
polygons (Den Haag's 44 wijken or NRW's 53 Kreise); :func:`write_synthetic`
streams the same dataset to a JSON file without building it in memory, so a
quarter of a million offers take seconds.  The shares the generator aims for
(a third as many organisations as offers, ~10 % online, ~40 % with target
groups, …) are in :mod:`socialmap_bench.synth.tables`, the wording of offers
in :mod:`socialmap_bench.synth.words`.

About 1.5 % of the offers are *planted duplicates*: another organisation's
re-entry of an earlier offer with small edits
(:mod:`socialmap_bench.synth.planted`).  :func:`write_synthetic` records the
pairs in a side file next to the dataset (:func:`planted_path`), which the
importer never sees; :func:`read_planted` reads it back.

Everything is synthetic and marked so: region ids ``synth-<region>``, record
ids prefixed ``s-`` (``s-org-1``, ``s-loc-1``, ``s-off-1``, ``s-wijk-28``,
``s-kreis-05111``) so a synthetic region can share a database with the demo
regions, and every offer's description says it is test data.  Den Haag's
populations are invented (5,000–40,000, tagged ``synthetic-population``);
NRW's are Destatis figures.  This module never touches a database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from socialmap.errors import SocialmapError
from socialmap_bench.synth.records import Network, dataset_parts
from socialmap_bench.synth.regions import load_region
from socialmap_bench.synth.tables import REGION_SETTINGS

__all__ = [
    "REGIONS",
    "GENERATOR_VERSION",
    "PLANTED_FORMAT",
    "synthesize",
    "write_synthetic",
    "planted_path",
    "read_planted",
]

#: Regions synthetic networks can be laid over.
REGIONS = tuple(REGION_SETTINGS)
#: Changes whenever the same arguments give different data (caches key on it).
GENERATOR_VERSION = 2
#: ``format`` of the side file of planted duplicates.
PLANTED_FORMAT = "socialmap-synth-planted/1"

_PROGRESS_STEP = 1000


def synthesize(
    offers: int, seed: int = 0, region: str = "den-haag", *, today: date | None = None
) -> dict[str, Any]:
    """Return a synthetic ``socialmap-dataset/1`` dataset with ``offers`` offers.

    Parameters
    ----------
    offers : int
        Number of offers (at least 1); organisations, locations and referral
        links scale with it (about 1/3, 0.43 and 0.5 per offer).
    seed : int
        The same seed (and ``today``) gives the same dataset.
    region : {"den-haag", "nrw"}
        Polygons, language and country of the network.
    today : datetime.date, optional
        Reference date for funding periods and verification dates; defaults
        to today.  Fix it for reproducible output across days.

    Returns
    -------
    dict
        A dataset that validates against ``socialmap/dataset/schema.json``.

    Raises
    ------
    SocialmapError
        If ``offers`` is below 1 or ``region`` is unknown.

    >>> data = synthesize(30, seed=1, today=date(2026, 11, 21))
    >>> data["region"]["id"], len(data["offers"]), len(data["organisations"])
    ('synth-den-haag', 30, 10)
    """
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _network(offers, seed, region, today).parts
    }


def write_synthetic(
    path: str | os.PathLike[str],
    offers: int,
    seed: int = 0,
    region: str = "den-haag",
    *,
    today: date | None = None,
    progress: Callable[[int], object] | None = None,
) -> None:
    """Write the dataset :func:`synthesize` returns to ``path`` as UTF-8 JSON, streaming.

    One record per line; records are generated and written one at a time, so
    memory stays small whatever ``offers`` is.  The planted duplicates go to
    :func:`planted_path` of ``path``.  Each file is written under a temporary
    name and renamed when complete: a failed run leaves no half file.

    Parameters
    ----------
    path : str or os.PathLike
        The JSON file to create or replace.
    offers, seed, region, today
        As for :func:`synthesize`.
    progress : callable, optional
        Called with the number of offers written since its last call (e.g.
        ``tqdm.update``), every 1,000 offers and at the end.

    Raises
    ------
    SocialmapError
        If ``offers`` is below 1 or ``region`` is unknown.
    """
    target = Path(path)
    network = _network(offers, seed, region, today)
    partial = target.with_name(target.name + ".part")
    encode = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), check_circular=False
    ).encode
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            for n, (key, value) in enumerate(network.parts):
                out.write(("{" if n == 0 else ",") + "\n" + encode(key) + ":")
                if isinstance(value, Iterator):
                    report = progress if key == "offers" else None
                    _write_records(out, value, encode, report)
                else:
                    out.write(encode(value))
            out.write("\n}\n")
        side = planted_path(target)
        side_partial = side.with_name(side.name + ".part")
        truth = {
            "format": PLANTED_FORMAT,
            "dataset": target.name,
            "offers": offers,
            "planted_duplicates": [list(pair) for pair in network.planted],
        }
        side_partial.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
        partial.replace(target)
        side_partial.replace(side)
    finally:
        partial.unlink(missing_ok=True)
        planted_path(target).with_name(planted_path(target).name + ".part").unlink(missing_ok=True)


def planted_path(dataset: str | os.PathLike[str]) -> Path:
    """The side file of planted duplicates next to ``dataset``: ``x.json`` → ``x.planted.json``.

    >>> planted_path("bench-data/city.json").as_posix()
    'bench-data/city.planted.json'
    """
    path = Path(dataset)
    return path.with_name(f"{path.stem}.planted.json")


def read_planted(dataset: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """The planted duplicates of ``dataset`` as ``(original id, re-entered id)`` pairs.

    Raises
    ------
    SocialmapError
        If the side file is missing or not a planted-duplicates file.
    """
    side = planted_path(dataset)
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SocialmapError(f"Cannot read planted duplicates {str(side)!r}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != PLANTED_FORMAT:
        raise SocialmapError(f"{side}: format: expected {PLANTED_FORMAT!r}")
    return [(str(a), str(b)) for a, b in data["planted_duplicates"]]


def _network(offers: int, seed: int, region: str, today: date | None) -> Network:
    """Check the arguments, then plan the network."""
    if isinstance(offers, bool) or not isinstance(offers, int) or offers < 1:
        raise SocialmapError(f"Expected a number of offers of at least 1, instead got: {offers!r}.")
    return dataset_parts(offers, seed, load_region(region), today or date.today())


def _write_records(
    out: IO[str],
    records: Iterator[dict[str, Any]],
    encode: Callable[[Any], str],
    progress: Callable[[int], object] | None,
) -> None:
    """Write a JSON array, one record per line."""
    separator = "["
    count = 0
    for count, record in enumerate(records, 1):
        out.write(separator + "\n" + encode(record))
        separator = ","
        if progress is not None and count % _PROGRESS_STEP == 0:
            progress(_PROGRESS_STEP)
    out.write("[]" if count == 0 else "\n]")
    if progress is not None and count % _PROGRESS_STEP:
        progress(count % _PROGRESS_STEP)
