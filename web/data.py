"""The web layer's access to the database and the in-memory routing model.

One SQLite connection per thread (gunicorn's sync workers have one thread;
the threaded test server several), opened on first use and kept.  A request
reads one snapshot (:func:`socialmap.store.snapshot`, begun at its first
:func:`get_db` and ended with it): an import committed meanwhile shows from
the next request on, never half-way through a page.  The routing
model (:class:`socialmap.routing.model.Model`) is loaded once, when the app is
created — under gunicorn's ``preload_app`` that is in the master, before the
workers fork, so every worker shares it — and each process keeps it current by
following the store's change feed.  No request ever builds it.

Read results (a page of the offer list, the map's GeoJSON) are kept in one
small per-process cache (:func:`cached`) keyed by the data version (the
model's change sequence number): residents ask the same few questions (page
1, a category) again and again.  Nothing a social worker sends is cached.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import ExitStack
from typing import Any, TypeVar

import sqlite_utils
from flask import Flask, current_app, g, has_request_context, jsonify

from socialmap import search
from socialmap.routing.index import RoutingIndex
from socialmap.routing.model import Model
from socialmap.store import open_db, snapshot

__all__ = [
    "init_app",
    "get_db",
    "get_write_db",
    "get_model",
    "get_index",
    "cached",
    "offer_page",
    "ResultCache",
]

_local = threading.local()
T = TypeVar("T")


def init_app(app: Flask) -> None:
    """Create and migrate the database, and load the routing model, once at start."""
    open_db(app.config["DB"]).close()
    app.extensions["socialmap.model"] = Model(app.config["DB"])
    app.extensions["socialmap.results"] = ResultCache(int(app.config["RESULT_CACHE_SIZE"]))
    app.add_url_rule("/healthz", "healthz", healthz)
    app.teardown_request(_end_snapshot)


def healthz() -> Any:
    """``{"ready": true, "offers", "seq", …}``: the routing model is loaded (it always is once
    the app answers — it is loaded before the server accepts requests)."""
    model = get_model()
    status = {**model.status(), "data_version": model.data_version(get_db()), "pid": os.getpid()}
    return jsonify(status)


def get_db() -> sqlite_utils.Database:
    """This thread's connection to the app's database; in a request, the request's snapshot."""
    db = _thread_db(current_app.config["DB"])
    if has_request_context() and "socialmap_snapshot" not in g:
        g.socialmap_snapshot = ExitStack()
        g.socialmap_snapshot.enter_context(snapshot(db))
    return db


def get_write_db() -> sqlite_utils.Database:
    """This thread's connection for a write (:mod:`socialmap.editing`): the request's read
    snapshot, if one was begun, ends first, so the write's own transaction
    (:func:`socialmap.store.write`) starts from the newest commit."""
    if has_request_context():
        _end_snapshot(None)
    return _thread_db(current_app.config["DB"])


def _thread_db(path: str) -> sqlite_utils.Database:
    """One connection per thread, opened on first use and kept."""
    cached: tuple[str, sqlite_utils.Database] | None = getattr(_local, "db", None)
    if cached is not None and cached[0] == path:
        return cached[1]
    if cached is not None:
        cached[1].close()  # another app in this thread (tests): one open connection at a time
    db = open_db(path)
    _local.db = (path, db)
    return db


def _end_snapshot(_exc: BaseException | None) -> None:
    stack: ExitStack | None = g.pop("socialmap_snapshot", None)
    if stack is not None:
        stack.close()


def get_model() -> Model:
    """The app's routing model (loaded at start, followed in the background)."""
    model: Model = current_app.extensions["socialmap.model"]
    return model


def get_index() -> RoutingIndex:
    """The current routing index: take it once per request and use that snapshot."""
    return get_model().index


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
    return cache.get(get_model().data_version(get_db()), key, compute)


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
