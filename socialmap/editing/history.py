"""The history of web edits: one row of ``changes`` per write, with the record before and after.

``changes`` holds ``(id, at, user, action, record, region, before, after, reverts)``;
``record`` is ``"<kind>:<id>"`` (``"offer:coffee"``), ``before``/``after`` the
dataset record as JSON (null for a record that did not / no longer exist).
Each change also notes its entry in the routing change feed (``seq``), which
orders it against the file imports: :func:`web_changes_since_import` counts the
edits a region had since its last import, so that an import can refuse to
overwrite them silently.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .. import store
from ..errors import NotFound
from ..sql import sql

__all__ = [
    "Change",
    "now",
    "append_change",
    "get_change",
    "last_change",
    "changes_of",
    "web_changes_since_import",
]


@dataclass(frozen=True)
class Change:
    """One recorded edit."""

    id: int
    at: str
    user: str | None
    action: str
    record: str
    region: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reverts: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The change as the API lists it."""
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "record": self.record,
            "before": self.before,
            "after": self.after,
            "reverts": self.reverts,
        }


def now() -> str:
    """The time of a change: UTC, ISO 8601 with microseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _dump(record: dict[str, Any] | None) -> str | None:
    return None if record is None else json.dumps(record, ensure_ascii=False, sort_keys=True)


def append_change(
    db: sqlite_utils.Database,
    *,
    user: str | None,
    action: str,
    record: str,
    region: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reverts: int | None = None,
) -> int:
    """Record one edit (inside the writing transaction, after its entry in the routing change
    feed, :func:`socialmap.store.log_change`); return its number."""
    cursor = db.execute(
        "INSERT INTO changes (at, user, action, record, region, before, after, reverts, seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            now(),
            user,
            action,
            record,
            region,
            _dump(before),
            _dump(after),
            reverts,
            store.data_version(db),
        ],
    )
    return int(cursor.lastrowid or 0)


_COLUMNS = ("id", "at", "user", "action", "record", "region", "before", "after", "reverts")


def _change(row: tuple[Any, ...]) -> Change:
    before = json.loads(row[6]) if row[6] is not None else None
    after = json.loads(row[7]) if row[7] is not None else None
    return Change(row[0], row[1], row[2], row[3], row[4], row[5], before, after, row[8])


def get_change(db: sqlite_utils.Database, number: int) -> Change:
    """Change ``number``; :class:`NotFound` if there is none."""
    row = db.execute(
        sql("SELECT {columns} FROM changes WHERE id = ?", columns=_COLUMNS), [number]
    ).fetchone()
    if row is None:
        raise NotFound(f"change {number}: no such change")
    return _change(row)


def last_change(db: sqlite_utils.Database, record: str) -> Change | None:
    """The latest change of ``record`` (``"offer:coffee"``), or None."""
    row = db.execute(
        sql(
            "SELECT {columns} FROM changes WHERE record = ? ORDER BY id DESC LIMIT 1",
            columns=_COLUMNS,
        ),
        [record],
    ).fetchone()
    return _change(row) if row is not None else None


def changes_of(
    db: sqlite_utils.Database, record: str | None = None, limit: int = 500
) -> list[Change]:
    """The changes of ``record`` (or all), newest first, at most ``limit``."""
    if record is None:
        query = sql("SELECT {columns} FROM changes ORDER BY id DESC LIMIT ?", columns=_COLUMNS)
        return [_change(r) for r in db.execute(query, [limit]).fetchall()]
    query = sql(
        "SELECT {columns} FROM changes WHERE record = ? ORDER BY id DESC LIMIT ?",
        columns=_COLUMNS,
    )
    return [_change(r) for r in db.execute(query, [record, limit]).fetchall()]


def web_changes_since_import(db: sqlite_utils.Database, region: str) -> int:
    """How many edits ``region`` had since its last file import.

    Both are entries of the routing change feed (``record_changes``): an import
    logs its region, an edit its record, each in its own transaction; so the
    count is exact, whatever the clock says.
    """
    row = db.execute(
        "SELECT coalesce(max(seq), 0) FROM record_changes WHERE kind = 'region' AND record = ?",
        [region],
    ).fetchone()
    count = db.execute(
        # referrals are not records of the map: an import never overwrites them
        "SELECT count(*) FROM changes WHERE region = ? AND seq > ?"
        " AND record NOT LIKE 'referral:%'",
        [region, row[0]],
    ).fetchone()
    return int(count[0])
