"""One in-memory routing model per deployment: loaded once, shared, and kept current in place.

A server loads the :class:`Model` of its database once, before its workers
fork (gunicorn's ``preload_app``), so the workers share the model's pages
copy-on-write and none of them ever builds it inside a request.  Each process
then follows the store's change feed (``record_changes``, written in the same
transaction as the records): a background thread looks every
:data:`POLL_SECONDS`, reads only the records that changed, and swaps in a
refreshed :class:`~socialmap.routing.index.RoutingIndex`.  A change of a referral
(kind ``referral`` on the feed) recounts the outcomes per handover
(:func:`socialmap.referrals.handover_counts`, one grouped query) and swaps them
into the index — no rebuild; so does a new day (outcomes count for a year).  Requests take
:attr:`Model.index` once and use that snapshot to the end; a swap never blocks
them.

This module never imports Flask: the web app, the CLI and the benchmarks use it
alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from ..referrals.outcomes import handover_counts
from ..store import changes_since, open_db, snapshot
from .index import RoutingIndex, derive, refreshed
from .tables import Scope, Tables, change_seq

__all__ = ["Model", "POLL_SECONDS", "scopes_of"]

#: How often each process looks for changes (a write is visible everywhere within twice this).
POLL_SECONDS = 0.25
#: Above this many changed records a refresh reads whole regions again instead.
MAX_RECORDS = 5000

log = logging.getLogger(__name__)


def _follow(ref: weakref.ReferenceType[Model]) -> None:
    """Refresh the model every :data:`POLL_SECONDS` until nobody holds it any more."""
    model = ref()
    if model is None:
        return
    db = model._connect()
    del model
    try:
        while True:
            time.sleep(POLL_SECONDS)
            model = ref()
            if model is None:
                return
            try:
                model.refresh(db)
            except Exception:  # keep serving the last good model; say why in the log
                log.exception("refreshing the routing model failed; keeping the previous one")
            del model
    finally:
        db.close()


def scopes_of(changes: list[tuple[int, str, str, str | None]]) -> list[Scope]:
    """The scopes to read again for a list of ``(seq, kind, record, region)`` changes.

    >>> scopes_of([(1, "offer", "a", "r"), (2, "location", "l", "r"), (3, "offer", "b", "r")])
    [Scope(region=None, offers=('a', 'b'), locations=('l',), organisations=(), links=())]
    >>> [s.region for s in scopes_of([(4, "region", "r", "r"), (5, "offer", "a", "r")])]
    ['r']
    """
    regions = {region for _, kind, _, region in changes if kind == "region" and region}
    if len(changes) > MAX_RECORDS:
        regions |= {region for *_, region in changes if region}
    ids: dict[str, dict[str, None]] = {
        "offer": {},
        "location": {},
        "organisation": {},
        "referral_link": {},
    }
    for _, kind, record, region in changes:
        if kind in ids and region not in regions:
            ids[kind][record] = None
    scopes = [Scope(region=r) for r in sorted(regions)]
    if any(ids.values()):
        scopes.append(
            Scope(
                offers=tuple(ids["offer"]),
                locations=tuple(ids["location"]),
                organisations=tuple(ids["organisation"]),
                links=tuple(ids["referral_link"]),
            )
        )
    return scopes


class Model:
    """The routing index of one database file, loaded once and followed (see the module).

    >>> model = Model(":memory:")
    >>> model.index.n, model.status()["ready"]
    (0, True)
    """

    def __init__(
        self,
        db_path: str | Path,
        *,
        region: str | None = None,
        follow: bool = True,
        on_change: Callable[[RoutingIndex], None] | None = None,
    ):
        self.db_path = str(db_path)
        self.region = region
        self.follow = follow and self.db_path != ":memory:"
        self.on_change = on_change
        self._lock = threading.Lock()
        self._thread_pid: int | None = None
        self._memory_db = open_db(":memory:") if self.db_path == ":memory:" else None
        started = time.perf_counter()
        db = self._connect()
        try:
            self._index = derive(Tables.load(db, region))
            self._index.outcomes = handover_counts(db)
        finally:
            if self._memory_db is None:
                db.close()
        self.load_seconds = time.perf_counter() - started
        self.refreshed_at = time.time()

    def _connect(self) -> sqlite_utils.Database:
        if self._memory_db is not None:
            return self._memory_db
        return open_db(self.db_path, create=False)

    @property
    def index(self) -> RoutingIndex:
        """The current routing index (take it once per request)."""
        if self.follow and self._thread_pid != os.getpid():
            self._start_following()
        return self._index

    def refresh(self, db: sqlite_utils.Database | None = None) -> bool:
        """Apply every change logged since the index was derived; True if there was one."""
        with self._lock:
            own = db is None
            db = db if db is not None else self._connect()
            try:
                return self._apply(db)
            finally:
                if own and self._memory_db is None:
                    db.close()

    def _apply(self, db: sqlite_utils.Database) -> bool:
        with snapshot(db):  # the changes and the records they name, as of one commit
            index = self._index
            latest = change_seq(db)
            stale = (
                index.outcomes is not None and index.outcomes.as_of != dt.date.today().isoformat()
            )
            if latest <= index.seq and not stale:
                return False
            changes = changes_since(db, index.seq)
            for scope in scopes_of(changes):
                index = refreshed(index, db, scope, latest)
            if stale or any(kind == "referral" for _, kind, _, _ in changes):
                # outcomes: one grouped count, never a rebuild of the index
                index = dataclasses.replace(index, outcomes=handover_counts(db))
        if index.seq != latest and index.tables is not None:  # nothing this model holds
            index = dataclasses.replace(index, tables=dataclasses.replace(index.tables, seq=latest))
        self._index = index
        self.refreshed_at = time.time()
        if self.on_change is not None:
            self.on_change(index)
        return True

    def _start_following(self) -> None:
        with self._lock:
            if self._thread_pid == os.getpid():
                return
            self._thread_pid = os.getpid()  # after a fork the parent's thread is gone
        thread = threading.Thread(
            target=_follow, args=(weakref.ref(self),), name="socialmap-model", daemon=True
        )
        thread.start()

    def data_version(self, db: sqlite_utils.Database) -> int:
        """The store's change sequence number now (cheap: one indexed look-up).

        Read from the database, not the model, so that a cache keyed by it
        never serves a page older than the data even before the model's
        refresh has landed.
        """
        return change_seq(db)

    def status(self) -> dict[str, Any]:
        """What ``/healthz`` reports: ready, offers, change sequence, load time."""
        index = self.index
        return {
            "ready": True,
            "offers": index.n,
            "seq": index.seq,
            "load_seconds": round(self.load_seconds, 3),
        }
