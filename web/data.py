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

Read results (a page of the offer list, the map's GeoJSON, the HSDS
taxonomy terms, the coach's analyses) are kept in per-process
:class:`ResultCache` instances — the one cache helper of the web layer —
keyed by the data version (the model's change sequence number): residents ask
the same few questions (page 1, a category) again and again.  Nothing a social
worker sends is cached.  A result that takes long (an analysis) is computed in
the background by :meth:`ResultCache.prepare`, one at a time; the request is
told to come back (:class:`NotReady`) instead of waiting.

Every request has a time limit (``REQUEST_SECONDS``, below gunicorn's
``timeout``): a progress handler on the thread's connection aborts a query
that runs past it, and long loops call :func:`check_time`; either way the
request ends as :class:`RequestTimeout`, a clean 503, never a killed worker.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import ExitStack
from typing import Any, TypeVar

import sqlite_utils
from flask import Flask, current_app, g, has_request_context, jsonify

from socialmap import search
from socialmap.errors import SocialmapError
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
    "NotReady",
    "RequestTimeout",
    "check_time",
    "keep_time_limit",
    "on_data_change",
]

_local = threading.local()
T = TypeVar("T")
log = logging.getLogger(__name__)
#: SQLite virtual-machine steps between two looks at the clock.
_PROGRESS_STEPS = 10_000


class RequestTimeout(SocialmapError):
    """The request ran past ``REQUEST_SECONDS`` (answered with a 503)."""


class NotReady(SocialmapError):
    """A result is being prepared in the background (answered with a 503 and Retry-After)."""

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


def init_app(app: Flask) -> None:
    """Create and migrate the database, and load the routing model, once at start."""
    open_db(app.config["DB"]).close()
    listeners: list[Callable[[Flask], None]] = []
    app.extensions["socialmap.listeners"] = listeners
    app.extensions["socialmap.model"] = Model(
        app.config["DB"], on_change=lambda _index: _notify(app, listeners)
    )
    app.extensions["socialmap.results"] = ResultCache(int(app.config["RESULT_CACHE_SIZE"]))
    app.add_url_rule("/healthz", "healthz", healthz)
    app.before_request(_start_clock)
    app.teardown_request(_stop_clock)
    app.teardown_request(_end_snapshot)


def on_data_change(app: Flask, listener: Callable[[Flask], None]) -> None:
    """Call ``listener(app)`` (in the model's background thread) after every change of the data."""
    app.extensions["socialmap.listeners"].append(listener)


def _notify(app: Flask, listeners: list[Callable[[Flask], None]]) -> None:
    for listener in listeners:
        try:
            listener(app)
        except Exception:  # one listener's failure must not stop the model's refreshes
            log.exception("a data change listener failed")


def _start_clock() -> None:
    _local.deadline = time.monotonic() + float(current_app.config["REQUEST_SECONDS"])


def _stop_clock(_exc: BaseException | None = None) -> None:
    _local.deadline = None


def _past_deadline() -> bool:
    deadline: float | None = getattr(_local, "deadline", None)
    return deadline is not None and time.monotonic() > deadline


def _on_progress() -> int:
    """SQLite's progress handler: a non-zero answer interrupts the running statement."""
    return 1 if _past_deadline() else 0


def check_time() -> None:
    """Raise :class:`RequestTimeout` if this request has run past its time limit."""
    if _past_deadline():
        raise RequestTimeout("the request took too long")


def keep_time_limit(chunks: Iterator[T]) -> Iterator[T]:
    """``chunks`` of a streamed answer, under this request's time limit.

    Flask's teardown (which ends the limit) runs before a streamed body is
    written; this carries the limit over to the writing.
    """
    deadline: float | None = getattr(_local, "deadline", None)

    def run() -> Iterator[T]:
        _local.deadline = deadline
        try:
            yield from chunks
        finally:
            _local.deadline = None

    return run()


def timed_out(exc: sqlite3.OperationalError) -> bool:
    """Was ``exc`` raised because the progress handler interrupted a query at the deadline?"""
    return "interrupted" in str(exc) and _past_deadline()


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
    db.conn.set_progress_handler(_on_progress, _PROGRESS_STEPS)
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

    :meth:`get` computes a missing value in the request; :meth:`prepare` and
    :meth:`background` compute in a background thread instead, at most one
    job at a time per cache and process, so that no request waits long and a
    burst of different questions cannot start many computations at once.

    >>> cache = ResultCache(2)
    >>> cache.get("v1", "a", lambda: 1), cache.get("v1", "a", lambda: 2)
    (1, 1)
    >>> cache.get("v2", "a", lambda: 3)
    3
    """

    def __init__(self, size: int):
        self._size = size
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)  # notified when a background job ends
        self._fingerprint: Any = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        #: pid of the process whose background job is running (a fork does not inherit it)
        self._job_pid: int | None = None

    def get(self, fingerprint: Any, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, computed now (in this thread) if it is missing."""
        found, value = self.peek(fingerprint, key)
        if found:
            return value  # type: ignore[no-any-return]
        value = compute()
        self._store(fingerprint, key, value)
        return value

    def peek(self, fingerprint: Any, key: Hashable) -> tuple[bool, Any]:
        """``(True, value)`` if ``key`` is cached for ``fingerprint``, else ``(False, None)``."""
        with self._lock:
            if fingerprint != self._fingerprint:
                self._items.clear()
                self._fingerprint = fingerprint
            elif key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
        return False, None

    def prepare(
        self, fingerprint: Any, key: Hashable, compute: Callable[[], T], wait: float = 0.0
    ) -> T:
        """The cached value of ``key``; if missing, compute it in the background.

        Waits up to ``wait`` seconds for it, then raises :class:`NotReady`.
        """
        deadline = time.monotonic() + wait
        while True:
            found, value = self.peek(fingerprint, key)
            if found:
                return value  # type: ignore[no-any-return]
            self.background(fingerprint, [(key, compute)])  # unless another job runs
            left = deadline - time.monotonic()
            if left <= 0:
                raise NotReady("this result is being prepared; please try again in a moment")
            with self._done:
                if self.busy:
                    self._done.wait(left)

    def background(self, fingerprint: Any, jobs: list[tuple[Hashable, Callable[[], Any]]]) -> bool:
        """Compute each missing ``(key, compute)`` in turn in one background thread.

        Returns False (and starts nothing) while an earlier job of this cache runs.
        """
        with self._lock:
            if self._job_pid == os.getpid():
                return False
            self._job_pid = os.getpid()
        thread = threading.Thread(
            target=self._run, args=(fingerprint, jobs), name="socialmap-cache", daemon=True
        )
        thread.start()
        return True

    @property
    def busy(self) -> bool:
        """Is a background job of this process running?"""
        return self._job_pid == os.getpid()

    def _run(self, fingerprint: Any, jobs: list[tuple[Hashable, Callable[[], Any]]]) -> None:
        try:
            for key, compute in jobs:
                if not self.peek(fingerprint, key)[0]:
                    self._store(fingerprint, key, compute())
                    with self._done:
                        self._done.notify_all()
        except Exception:  # the next request asks again; say why in the log
            log.exception("preparing a cached result failed")
        finally:
            with self._lock:
                self._job_pid = None
                self._done.notify_all()

    def _store(self, fingerprint: Any, key: Hashable, value: Any) -> None:
        if self._size <= 0:
            return
        with self._lock:
            if fingerprint == self._fingerprint:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
