"""Retention in the server: every process erases expired client records once a day.

The first request a process serves starts one daemon thread (after gunicorn's
fork, like the routing model's follower) that runs
:func:`socialmap.referrals.expire` at once and then every
:data:`INTERVAL_SECONDS`, with ``RETENTION_MONTHS`` (``SOCIALMAP_RETENTION_MONTHS``,
default 24).  Expiring is idempotent and one write transaction, so several
processes doing it do no harm.  A failure is logged and tried again the next day.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from flask import Flask

from socialmap import referrals
from socialmap.store import open_db

__all__ = ["init_app", "INTERVAL_SECONDS"]

#: Once a day.
INTERVAL_SECONDS = 24 * 3600

log = logging.getLogger(__name__)


def _months(app: Flask) -> int:
    value = app.config.get("RETENTION_MONTHS")
    if value is None:
        return referrals.RETENTION_MONTHS
    return referrals.retention_months({"SOCIALMAP_RETENTION_MONTHS": str(value)})


def _run(db_path: str, months: int) -> None:
    while True:
        try:
            db = open_db(db_path, create=False)
            try:
                erased = referrals.expire(db, months)
            finally:
                db.close()
            if erased:
                log.info("retention: erased %d client record(s) past %d months", erased, months)
        except Exception:  # keep serving; try again tomorrow
            log.exception("retention: expiring client records failed")
        time.sleep(INTERVAL_SECONDS)


def init_app(app: Flask) -> None:
    """Check ``RETENTION_MONTHS`` now; start the daily thread on a process's first request."""
    months = _months(app)
    started: dict[str, int] = {}
    lock = threading.Lock()

    def start() -> None:
        if started.get("pid") == os.getpid():
            return
        with lock:
            if started.get("pid") == os.getpid():
                return
            started["pid"] = os.getpid()
        thread = threading.Thread(
            target=_run, args=(app.config["DB"], months), name="socialmap-retention", daemon=True
        )
        thread.start()

    app.before_request(start)
