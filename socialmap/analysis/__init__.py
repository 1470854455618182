"""Network-coach analysis: gaps, broken chains, duplicates, weak links and accessibility.

:func:`analyse` runs everything on one graph and returns the JSON object of
``socialmap gaps --json`` (DESIGN.md): the keys ``gaps``, ``broken_chains``,
``duplicates``, ``isolated_organisations``, ``single_points_of_failure``,
``stale``, ``funding_cliffs`` and ``accessibility``, plus these added keys —
``coverage`` (the full group × neighbourhood × rung matrix), ``chains``
(every group × neighbourhood), ``offers_nobody_refers_to``, ``brokers``,
``funding_cliff_dates``, ``neighbourhoods_without_population``,
``neighbourhoods_without_offers``,
``accessibility_parameters`` and ``today``.

Modules (each reads the graph, none writes it, none imports Flask):

* :mod:`.clients` — the typical client of a target group (documented table);
* :mod:`.coverage` — the coverage matrix and its gaps;
* :mod:`.chains` — chains, single points of failure, funding-cliff impact;
* :mod:`.breaks` — broken chains that are not gaps: what is missing, near misses;
* :mod:`.duplicates` — duplicated offers (blocked, scored, explained);
* :mod:`.links` — isolated organisations, offers nobody refers to, brokers,
  stale entries, funding cliffs;
* :mod:`.accessibility` — E2SFCA per neighbourhood and category;
* :mod:`.report` — the self-contained HTML report;
* :mod:`.engine` — the one door to the routing engine.

Example:

>>> import sys, datetime as dt; sys.path.insert(0, "tests")
>>> from builders import tiny_graph
>>> result = analyse(tiny_graph(), today=dt.date(2026, 11, 21))
>>> sorted(result)[:6]
['accessibility', 'accessibility_parameters', 'broken_chains', 'brokers', 'chains', 'coverage']
>>> result["isolated_organisations"]
[]
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import networkx as nx
import sqlite_utils

from ..errors import NotFound
from ..graph import build_graph
from .accessibility import accessibility_scores
from .breaks import explain_broken_chains
from .chains import (
    cliff_breaks,
    cliff_dates,
    find_chains,
    single_points_of_failure,
)
from .clients import Setting, typical_client
from .coverage import coverage_matrix, gaps
from .duplicates import duplicate_offers
from .engine import index_of
from .links import (
    brokers,
    funding_cliffs,
    isolated_organisations,
    offers_nobody_refers_to,
    stale_entries,
)

__all__ = [
    "analyse",
    "region_graph",
    "DESIGN_KEYS",
    "ADDED_KEYS",
    "PARTS",
    "coverage_matrix",
    "gaps",
    "find_chains",
    "explain_broken_chains",
    "single_points_of_failure",
    "cliff_breaks",
    "cliff_dates",
    "duplicate_offers",
    "isolated_organisations",
    "offers_nobody_refers_to",
    "brokers",
    "stale_entries",
    "funding_cliffs",
    "accessibility_scores",
    "typical_client",
    "Setting",
]

#: The keys of ``socialmap gaps --json`` that DESIGN.md documents, each a list.
DESIGN_KEYS = (
    "gaps",
    "broken_chains",
    "duplicates",
    "isolated_organisations",
    "single_points_of_failure",
    "stale",
    "funding_cliffs",
    "accessibility",
)
#: The lists :func:`analyse` adds to them.
ADDED_KEYS = (
    "coverage",
    "chains",
    "offers_nobody_refers_to",
    "brokers",
    "funding_cliff_dates",
    "neighbourhoods_without_population",
    "neighbourhoods_without_offers",
)

#: The parts :func:`analyse` can run (all by default).
PARTS = ("coverage", "chains", "duplicates", "links", "accessibility")


def analyse(
    G: nx.MultiDiGraph,
    *,
    today: dt.date | None = None,
    lang: str = "en",
    parts: Collection[str] = PARTS,
    workers: int = 1,
    timings: dict[str, float] | None = None,
    client: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Run the network-coach analysis on ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`socialmap.graph.build_graph` (one region or several).
    today : datetime.date, optional
        The day the analysis looks from: funding, 12-month staleness and the
        6-month cliff window (default: the current date).
    lang : {"en", "de", "nl"}
        Language of the duplicate reasons.
    parts : collection of str
        Which of :data:`PARTS` to run; keys of parts not run are empty lists.
    workers : int
        Processes for the routing-engine runs of coverage, chains and single
        points of failure (forked; 1 = this process only).
    timings : dict, optional
        Filled with the seconds each part took (for ``socialmap bench gaps``).
    client : dict, optional
        The client type: profile fields every typical client gets (see
        :mod:`.clients`), e.g. ``{"languages": ["ar"], "max_distance_km": 3}``.

    Returns
    -------
    dict
        DESIGN.md's ``gaps --json`` object (see the module docstring).
    """
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"Expected parts among {PARTS}, instead got: {sorted(unknown)!r}.")
    clock = _Clock(timings)
    setting = Setting.of(G, today, client)
    today = setting.today
    result: dict[str, Any] = {
        "today": today.isoformat(),
        **{key: [] for key in (*DESIGN_KEYS, *ADDED_KEYS)},
        "accessibility_parameters": {},
    }
    with clock("index"):
        index_of(G)  # the engine's index, built once before any worker is forked
    if "coverage" in parts:
        with clock("coverage"):
            result["coverage"] = coverage_matrix(G, setting=setting, workers=workers)
            result["gaps"] = gaps(result["coverage"])
    cliffs = [{**c, "breaks": None} for c in funding_cliffs(G, today=today)]  # None: not run
    if "chains" in parts:
        with clock("chains"):
            found = find_chains(G, setting=setting, workers=workers)
            result["chains"] = [c.to_json() for c in found]
            # a chain that stops at a gap is listed under gaps only (see .breaks)
            gap_cells = (
                {(g["target_group"], g["neighbourhood"], g["rung"]) for g in result["gaps"]}
                if "coverage" in parts
                else None
            )
            result["broken_chains"] = explain_broken_chains(
                G, found, gap_cells, setting=setting, lang=lang
            )
        with clock("single_points_of_failure"):
            result["single_points_of_failure"] = single_points_of_failure(
                G, found, setting=setting, workers=workers
            )
        with clock("funding_cliffs"):
            impact = cliff_breaks(G, found, [c["offer"] for c in cliffs], setting=setting)
            # the chains whose best path uses the offer: they break, or take a dearer path
            cliffs = [
                {
                    **c,
                    "breaks": impact[c["offer"]],
                    "on_best_paths": [
                        {"target_group": f.target_group, "neighbourhood": f.neighbourhood}
                        for f in found
                        if f.paths and c["offer"] in f.paths[0]
                    ],
                }
                for c in cliffs
            ]
            result["funding_cliff_dates"] = cliff_dates(G, found, cliffs, setting=setting)
    if "links" in parts or "chains" in parts:
        result["funding_cliffs"] = cliffs
    if "duplicates" in parts:
        with clock("duplicates"):
            result["duplicates"] = duplicate_offers(G, today=today, lang=lang)
    if "links" in parts:
        with clock("links"):
            result["isolated_organisations"] = isolated_organisations(G)
            result["offers_nobody_refers_to"] = offers_nobody_refers_to(G)
            result["brokers"] = brokers(G)
            result["stale"] = stale_entries(G, today=today)
    if "accessibility" in parts:
        with clock("accessibility"):
            access = accessibility_scores(G, today=today)
        result["accessibility"] = access["scores"]
        result["neighbourhoods_without_population"] = access["neighbourhoods_without_population"]
        result["neighbourhoods_without_offers"] = access["neighbourhoods_without_offers"]
        result["accessibility_parameters"] = access["parameters"]
    return result


class _Clock:
    """``with clock("part"):`` adds the seconds the block took to ``timings[part]``."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    @contextmanager
    def __call__(self, part: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[part] = self.timings.get(part, 0.0) + time.perf_counter() - started


def region_graph(db: sqlite_utils.Database, region: str | None = None) -> nx.MultiDiGraph:
    """The graph of one region of ``db`` (or of all), for the commands and the notebook.

    Raises
    ------
    NotFound
        When ``region`` is not in the database.
    """
    if region is not None:
        known = [r for (r,) in db.execute("SELECT id FROM regions ORDER BY id").fetchall()]
        if region not in known:
            raise NotFound(f"region {region!r} is not in the database (have: {known})")
    return build_graph(db, region)
