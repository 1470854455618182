"""The web layer's access to the database and the referral graph.

One SQLite connection per thread (gunicorn's sync workers have one thread;
the threaded test server several), opened on first use and kept.  The graph
the routing engine needs is built once per process and rebuilt only when the
data changed (a region imported with new content), never per request.

Read results (a page of the offer list, the map's GeoJSON) are kept in a small
per-process cache keyed by the data fingerprint: the data only changes with an
import, and residents ask the same few questions (page 1, a category) again
and again.  Nothing a social worker sends is cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx
import sqlite_utils
from flask import Flask, current_app

from socialmap import search
from socialmap.graph import build_graph
from socialmap.store import open_db

__all__ = ["init_app", "get_db", "get_graph", "cached", "offer_page", "GraphCache", "ResultCache"]

_local = threading.local()
T = TypeVar("T")


def init_app(app: Flask) -> None:
    """Create and migrate the database once at start, so requests only read."""
    open_db(app.config["DB"]).close()
    app.extensions["socialmap.graph"] = GraphCache(build_graph)
    app.extensions["socialmap.results"] = ResultCache(int(app.config["RESULT_CACHE_SIZE"]))


def get_db() -> sqlite_utils.Database:
    """This thread's connection to the app's database (one per thread, kept open)."""
    path = current_app.config["DB"]
    cached: tuple[str, sqlite_utils.Database] | None = getattr(_local, "db", None)
    if cached is not None and cached[0] == path:
        return cached[1]
    if cached is not None:
        cached[1].close()  # another app in this thread (tests): one open connection at a time
    db = open_db(path)
    _local.db = (path, db)
    return db


def get_graph() -> nx.MultiDiGraph:
    """The referral graph of every region, as of the database's current content."""
    cache: GraphCache = current_app.extensions["socialmap.graph"]
    return cache.get(get_db())


def offer_page(
    db: sqlite_utils.Database, offer_filter: search.OfferFilter, paging: Any
) -> search.OfferPage:
    """One page of the offer list; the count is shared by every page of the same filter."""
    total = cached(("count", offer_filter), lambda: search.count_offers(db, offer_filter))
    items = cached(
        ("page", offer_filter, paging.page, paging.per_page),
        lambda: search.list_offers(db, offer_filter, limit=paging.per_page, offset=paging.offset),
    )
    return search.OfferPage(total=total, items=items)


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier request on the same data."""
    cache: ResultCache = current_app.extensions["socialmap.results"]
    return cache.get(search.data_fingerprint(get_db()), key, compute)


class ResultCache:
    """A bounded least-recently-used cache, emptied whenever the data fingerprint changes.

    >>> cache = ResultCache(2)
    >>> cache.get("v1", "a", lambda: 1), cache.get("v1", "a", lambda: 2)
    (1, 1)
    >>> cache.get("v2", "a", lambda: 3)
    3
    """

    def __init__(self, size: int):
        self._size = size
        self._lock = threading.Lock()
        self._fingerprint: Any = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, fingerprint: Any, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if fingerprint != self._fingerprint:
                self._items.clear()
                self._fingerprint = fingerprint
            elif key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
        value = compute()
        if self._size > 0:
            with self._lock:
                if fingerprint == self._fingerprint:
                    self._items[key] = value
                    while len(self._items) > self._size:
                        self._items.popitem(last=False)
        return value


class GraphCache:
    """Holds one graph and the data fingerprint it was built from.

    >>> calls = []
    >>> cache = GraphCache(lambda db: calls.append(1) or nx.MultiDiGraph())
    >>> from socialmap.store import open_db
    >>> db = open_db(":memory:")
    >>> _ = cache.get(db); _ = cache.get(db); len(calls)
    1
    """

    def __init__(self, builder: Callable[[sqlite_utils.Database], nx.MultiDiGraph]):
        self._builder = builder
        self._lock = threading.Lock()
        self._graph: nx.MultiDiGraph | None = None
        self._fingerprint: Any = None

    def get(self, db: sqlite_utils.Database) -> nx.MultiDiGraph:
        fingerprint = search.data_fingerprint(db)
        graph = self._graph
        if graph is not None and fingerprint == self._fingerprint:
            return graph
        with self._lock:
            if self._graph is None or fingerprint != self._fingerprint:
                self._graph = self._builder(db)
                self._fingerprint = fingerprint
            return self._graph
