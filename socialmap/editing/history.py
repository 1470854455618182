"""The history of web edits: one row of ``changes`` per write, with the record before and after.

``changes`` holds ``(id, at, user, action, record, region, before, after, reverts)``;
``record`` is ``"<kind>:<id>"`` (``"offer:coffee"``), ``before``/``after`` the
dataset record as JSON (null for a record that did not / no longer exist).
A file import is one row too (action ``import``, record ``"region:<id>"``, written
in the import's transaction): :func:`web_changes_since_import` counts the edits a
region had since, so that an import can refuse to overwrite them silently.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from ..errors import NotFound

__all__ = [
    "Change",
    "now",
    "append_change",
    "get_change",
    "last_change",
    "changes_of",
    "record_import",
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
    """Record one edit (inside the writing transaction); return its number."""
    cursor = db.execute(
        "INSERT INTO changes (at, user, action, record, region, before, after, reverts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [now(), user, action, record, region, _dump(before), _dump(after), reverts],
    )
    return int(cursor.lastrowid or 0)


_COLUMNS = "id, at, user, action, record, region, before, after, reverts"


def _change(row: tuple[Any, ...]) -> Change:
    before = json.loads(row[6]) if row[6] is not None else None
    after = json.loads(row[7]) if row[7] is not None else None
    return Change(row[0], row[1], row[2], row[3], row[4], row[5], before, after, row[8])


def get_change(db: sqlite_utils.Database, number: int) -> Change:
    """Change ``number``; :class:`NotFound` if there is none."""
    row = db.execute(f"SELECT {_COLUMNS} FROM changes WHERE id = ?", [number]).fetchone()  # noqa: S608
    if row is None:
        raise NotFound(f"change {number}: no such change")
    return _change(row)


def last_change(db: sqlite_utils.Database, record: str) -> Change | None:
    """The latest change of ``record`` (``"offer:coffee"``), or None."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM changes WHERE record = ? ORDER BY id DESC LIMIT 1",  # noqa: S608
        [record],
    ).fetchone()
    return _change(row) if row is not None else None


def changes_of(
    db: sqlite_utils.Database, record: str | None = None, limit: int = 500
) -> list[Change]:
    """The changes of ``record`` (or all), newest first, at most ``limit``."""
    if record is None:
        sql = f"SELECT {_COLUMNS} FROM changes ORDER BY id DESC LIMIT ?"  # noqa: S608
        return [_change(r) for r in db.execute(sql, [limit]).fetchall()]
    sql = f"SELECT {_COLUMNS} FROM changes WHERE record = ? ORDER BY id DESC LIMIT ?"  # noqa: S608
    return [_change(r) for r in db.execute(sql, [record, limit]).fetchall()]


def record_import(db: sqlite_utils.Database, region: str, source: str) -> int:
    """Note a file import of ``region`` (inside its transaction): the web changes before it
    are now replaced."""
    return append_change(
        db,
        user=None,
        action="import",
        record=f"region:{region}",
        region=region,
        before=None,
        after={"source": source},
    )


def web_changes_since_import(db: sqlite_utils.Database, region: str) -> int:
    """How many edits ``region`` had since its last file import (all of them if never imported
    since edits were recorded)."""
    row = db.execute(
        "SELECT coalesce(max(id), 0) FROM changes WHERE region = ? AND action = 'import'",
        [region],
    ).fetchone()
    count = db.execute(
        "SELECT count(*) FROM changes WHERE region = ? AND id > ? AND action != 'import'",
        [region, row[0]],
    ).fetchone()
    return int(count[0])
