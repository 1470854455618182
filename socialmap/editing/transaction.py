"""The one write transaction of every edit: ``BEGIN IMMEDIATE`` … ``COMMIT`` / ``ROLLBACK``.

``IMMEDIATE`` takes the write lock before the edit reads the record's version,
so two writers cannot both pass the same ``If-Match`` check.  This is the only
place in :mod:`socialmap.editing` that opens or ends a transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

__all__ = ["write_transaction"]


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block in one transaction: all of it is written, or (on any error) none of it.

    Inside an already open transaction the block becomes a savepoint of it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    else:
        db.conn.execute("COMMIT")
