"""Chains, single points of failure and what funding cliffs would break.

A *chain* is how high the routing engine (:func:`socialmap.routing.referral_paths`,
never a copy of it) takes the typical client of a target group living in a
neighbourhood (:mod:`socialmap.analysis.clients`) from rung 1 towards rung 6.
When its highest rung is below 6 the group gets stuck there: a gap when no
offer accepts that rung, else a broken chain (:mod:`.breaks` says why).

An organisation is a *single point of failure* when without it (its offers
gone, and with them its warm handovers and the referrals it gives) some
chain gets shorter.  A funding cliff *breaks* a chain when without that one
offer the chain gets shorter.  Both are measured by re-running the engine —
but only where it can matter: an organisation (offer) that is not on every
best path reaching the chain's highest rung cannot shorten it, because a
path without it remains.  The removals use :func:`socialmap.analysis.engine.without`,
which reuses the engine's index instead of rebuilding it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

from ..graph import sources
from .clients import Setting
from .common import bare_id
from .engine import Source, index_of, route, without

__all__ = [
    "Chain",
    "find_chains",
    "single_points_of_failure",
    "cliff_breaks",
    "cliff_dates",
]

TOP_RUNG = 6
#: Paths asked of the engine per chain: more paths, fewer re-runs for failure points.
PATHS_PER_CHAIN = 3


@dataclass(frozen=True)
class Chain:
    """One target group × neighbourhood: how high it gets, and the best paths that get there."""

    target_group: str
    neighbourhood: str
    region: str
    highest_rung: int
    paths: tuple[tuple[str, ...], ...]  # offer ids of each path reaching highest_rung
    organisations: tuple[tuple[str, ...], ...]  # organisation ids along each of those paths

    def to_json(self) -> dict[str, Any]:
        """``{target_group, neighbourhood, highest_rung, path}`` (``path``: the best path)."""
        return {
            "target_group": self.target_group,
            "neighbourhood": self.neighbourhood,
            "highest_rung": self.highest_rung,
            "path": list(self.paths[0]) if self.paths else [],
        }

    def on_every_path(self, attribute: str) -> set[str]:
        """Offers (``"paths"``) or organisations (``"organisations"``) on every best path."""
        sets = [set(p) for p in getattr(self, attribute)]
        return set.intersection(*sets) if sets else set()


def _chain(
    G: Source,
    setting: Setting,
    group: str,
    nid: str,
    region: str,
    k: int = PATHS_PER_CHAIN,
) -> Chain:
    result = route(G, setting.profile(group, nid, region), k=k)
    start = 1
    highest = max(result.highest_rung or start, start)
    best = [p for p in result.paths if p.reaches_rung == highest]
    return Chain(
        target_group=group,
        neighbourhood=nid,
        region=region,
        highest_rung=highest,
        paths=tuple(tuple(s.offer for s in p.steps) for p in best),
        organisations=tuple(tuple(s.organisation for s in p.steps) for p in best),
    )


_T = TypeVar("_T")
_R = TypeVar("_R")
_SHARED: dict[str, Any] = {}


def _call(task: Any) -> Any:
    return _SHARED["fn"](task)


def parallel_map(fn: Callable[[_T], _R], tasks: Sequence[_T], workers: int = 1) -> list[_R]:
    """``[fn(t) for t in tasks]``, in ``workers`` forked processes when more than one.

    The workers are forked, so they share the graph and the engine's cached
    index with the parent without pickling them; only tasks and results
    travel.  Where ``fork`` is not available, or other threads are running
    (forking a threaded process can deadlock), it runs in this process.

    >>> parallel_map(abs, [-1, 2, -3], workers=2)
    [1, 2, 3]
    """
    serial = (
        workers <= 1
        or len(tasks) < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    )
    if serial:
        return [fn(t) for t in tasks]
    _SHARED["fn"] = fn
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(tasks) // (workers * 8))
            return pool.map(_call, tasks, chunksize=chunk)
    finally:
        _SHARED.clear()


def find_chains(
    G: nx.MultiDiGraph,
    *,
    today: dt.date | None = None,
    setting: Setting | None = None,
    workers: int = 1,
) -> list[Chain]:
    """Every target group × neighbourhood chain from rung 1.

    ``workers`` > 1 runs the engine in that many forked processes.

    Examples
    --------
    >>> import sys; sys.path.insert(0, "tests")
    >>> from builders import tiny_graph
    >>> found = find_chains(tiny_graph(), today=dt.date(2026, 11, 21))
    >>> [(c.highest_rung, c.paths[0]) for c in found
    ...  if c.target_group == "refugees" and c.neighbourhood == "n-west"]
    [(6, ('coffee', 'language', 'volunteer', 'job'))]
    """
    setting = setting or Setting.of(G, today)
    index_of(G)  # build the engine's index once, before any worker is forked
    tasks = [
        (group, nid, region)
        for nid, region, _, _ in setting.neighbourhoods
        for group in setting.groups
    ]
    return parallel_map(lambda t: _chain(G, setting, *t), tasks, workers)


def _rerun(G: nx.MultiDiGraph, setting: Setting, chain: Chain, gone: list[str]) -> int:
    return _chain(
        without(G, gone), setting, chain.target_group, chain.neighbourhood, chain.region, k=1
    ).highest_rung


def _break(chain: Chain, after: int) -> dict[str, Any]:
    return {
        "target_group": chain.target_group,
        "neighbourhood": chain.neighbourhood,
        "highest_rung": chain.highest_rung,
        "without": after,
    }


def single_points_of_failure(
    G: nx.MultiDiGraph, found: list[Chain], *, setting: Setting, workers: int = 1
) -> list[dict[str, Any]]:
    """Organisations without which some chain gets shorter, most breaks first.

    Returns
    -------
    list of dict
        ``{"organisation": id, "breaks": [{"target_group", "neighbourhood",
        "highest_rung", "without"}]}`` — ``without``: the highest rung left.
    """
    suspects: dict[str, list[Chain]] = {}
    for chain in found:
        for org in sorted(chain.on_every_path("organisations")):
            suspects.setdefault(org, []).append(chain)

    def check(org: str) -> list[dict[str, Any]]:
        offers = sources(G, f"organisation:{org}", "provided-by")
        view = without(G, [bare_id(o) for o in offers])
        breaks = []
        for chain in suspects[org]:
            after = _chain(
                view, setting, chain.target_group, chain.neighbourhood, chain.region, k=1
            ).highest_rung
            if after < chain.highest_rung:
                breaks.append(_break(chain, after))
        return breaks

    orgs = sorted(suspects)
    found_breaks = parallel_map(check, orgs, workers)
    result = [
        {"organisation": org, "breaks": b} for org, b in zip(orgs, found_breaks, strict=True) if b
    ]
    result.sort(key=lambda d: (-len(d["breaks"]), d["organisation"]))
    return result


def cliff_breaks(
    G: nx.MultiDiGraph, found: list[Chain], offers: list[str], *, setting: Setting
) -> dict[str, list[dict[str, Any]]]:
    """For each offer id in ``offers``: the chains that get shorter without it."""
    wanted = set(offers)
    suspects: dict[str, list[Chain]] = {o: [] for o in offers}
    for chain in found:
        for offer in sorted(chain.on_every_path("paths") & wanted):
            suspects[offer].append(chain)
    result: dict[str, list[dict[str, Any]]] = {}
    for offer, affected in suspects.items():
        breaks = []
        for chain in affected:
            after = _rerun(G, setting, chain, [offer])
            if after < chain.highest_rung:
                breaks.append(_break(chain, after))
        result[offer] = breaks
    return result


def cliff_dates(
    G: nx.MultiDiGraph, found: list[Chain], cliffs: list[dict[str, Any]], *, setting: Setting
) -> list[dict[str, Any]]:
    """The network the day after each cliff date: every offer ending by then gone at once.

    ``cliffs`` are :func:`~socialmap.analysis.links.funding_cliffs` rows.  Returns
    ``{"date", "offers": [ids ending that day], "breaks": [...]}`` per date, in
    date order; ``breaks`` counts every offer ending on or before the date.
    """
    result = []
    gone: list[str] = []
    for day in sorted({c["valid_until"] for c in cliffs}):
        ending = [c["offer"] for c in cliffs if c["valid_until"] == day]
        gone += ending
        removed = set(gone)
        view = without(G, gone)
        breaks = []
        for chain in found:
            if not chain.paths or any(removed.isdisjoint(p) for p in chain.paths):
                continue  # a best path without any ended offer remains
            after = _chain(
                view, setting, chain.target_group, chain.neighbourhood, chain.region, k=1
            ).highest_rung
            if after < chain.highest_rung:
                breaks.append(_break(chain, after))
        result.append({"date": day, "offers": ending, "breaks": breaks})
    return result
