"""The client's rights: export everything held about a code, erase it, and let it expire.

Erasing deletes every row that carries the code — the client, its referrals,
their status events, its rungs, and the history rows (``changes``) and change
feed entries of its referrals — in one transaction with SQLite's
``secure_delete`` on, so the deleted bytes are overwritten in the file; then the
write-ahead log is checkpointed and truncated so no old copy stays there.
Retention (:func:`expire`) erases every client with no activity for
``months`` months (``SOCIALMAP_RETENTION_MONTHS``, default 24).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import sqlite_utils

from .. import store
from ..editing.accounts import User
from ..editing.permissions import Target, may
from ..errors import EditError, NotFound
from ..sql import sql
from .actions import _COLUMNS, _profile, client_organisations, referral_json
from .records import normal_code

__all__ = [
    "RETENTION_MONTHS",
    "retention_months",
    "export_client",
    "erase_client",
    "expire",
    "secure_delete",
]

#: Months a client's records are kept after its last activity (DESIGN.md: 24).
RETENTION_MONTHS = 24


def retention_months(environ: dict[str, str] | None = None) -> int:
    """``SOCIALMAP_RETENTION_MONTHS`` (default :data:`RETENTION_MONTHS`), checked."""
    value = (environ if environ is not None else os.environ).get("SOCIALMAP_RETENTION_MONTHS")
    if value is None or not value.strip():
        return RETENTION_MONTHS
    if not value.strip().isdigit() or int(value) < 1:
        raise EditError(
            "SOCIALMAP_RETENTION_MONTHS",
            f"SOCIALMAP_RETENTION_MONTHS: expected a whole number of months, got {value!r}",
        )
    return int(value)


def secure_delete(db: sqlite_utils.Database) -> None:
    """Overwrite deleted content with zeros on this connection (referral data is deleted
    for good, see the module)."""
    db.execute("PRAGMA secure_delete = ON")


def _allowed(db: sqlite_utils.Database, code: str, user: User) -> None:
    found = db.execute("SELECT region FROM clients WHERE code = ?", [code]).fetchone()
    if found is None or not may(
        user, "see client", Target(found[0], client_organisations(db, code))
    ):
        raise NotFound("client: no such client code")


def export_client(db: sqlite_utils.Database, code: str, *, user: User) -> dict[str, Any]:
    """Everything held about client ``code``: profile, referrals with their status events,
    rungs, and the history rows of its referrals."""
    code = normal_code(code, "code")
    with store.snapshot(db):
        _allowed(db, code, user)
        created = db.execute("SELECT created_at FROM clients WHERE code = ?", [code]).fetchone()
        rows = db.execute(
            sql(
                "SELECT {columns} FROM referrals WHERE client_code = ? ORDER BY created_at, id",
                columns=_COLUMNS,
            ),
            [code],
        ).fetchall()
        referrals = [referral_json(db, dict(zip(_COLUMNS, r, strict=True))) for r in rows]
        rungs = db.execute(
            "SELECT rung, date, organisation, recorded_at FROM client_rungs"
            " WHERE client_code = ? ORDER BY date, id",
            [code],
        ).fetchall()
        history = db.execute(
            "SELECT at, user, action, record, after FROM changes WHERE record IN"
            " (SELECT 'referral:' || id FROM referrals WHERE client_code = ?) ORDER BY id",
            [code],
        ).fetchall()
    return {
        "client_code": code,
        "created_at": created[0],
        "profile": _profile(db, code),
        "referrals": referrals,
        "rungs": [
            {"rung": r, "date": d, "organisation": o, "recorded_at": at} for r, d, o, at in rungs
        ],
        "history": [
            {"at": at, "user": who, "action": action, "record": record, "after": json.loads(after)}
            if after
            else {"at": at, "user": who, "action": action, "record": record, "after": None}
            for at, who, action, record, after in history
        ],
    }


def _erase(db: sqlite_utils.Database, codes: list[str]) -> int:
    """Delete every row of ``codes`` (inside a write); the number of clients erased."""
    erased = 0
    for code in codes:
        ids = [
            r[0]
            for r in db.execute("SELECT id FROM referrals WHERE client_code = ?", [code]).fetchall()
        ]
        for referral_id in ids:
            db.execute("DELETE FROM changes WHERE record = ?", [f"referral:{referral_id}"])
            db.execute(
                "DELETE FROM record_changes WHERE kind = 'referral' AND record = ?",
                [referral_id],
            )
            db.execute("DELETE FROM referral_events WHERE referral_id = ?", [referral_id])
        db.execute("DELETE FROM referrals WHERE client_code = ?", [code])
        db.execute("DELETE FROM client_rungs WHERE client_code = ?", [code])
        erased += db.execute("DELETE FROM clients WHERE code = ?", [code]).rowcount
    if erased:
        store.log_change(db, "referral", "erased", None)  # the routing model recounts
    return erased


def _checkpoint(db: sqlite_utils.Database) -> None:
    """Move the write-ahead log into the file and truncate it (no old page copies left)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def erase_client(db: sqlite_utils.Database, code: str, *, user: User) -> dict[str, Any]:
    """Erase client ``code`` everywhere (see the module); ``{"client_code", "erased"}``."""
    code = normal_code(code, "code")
    _allowed(db, code, user)
    secure_delete(db)
    with store.write(db):
        _allowed(db, code, user)
        _erase(db, [code])
    _checkpoint(db)
    return {"client_code": code, "erased": True}


def _expired(db: sqlite_utils.Database, cutoff: str) -> list[str]:
    """Codes whose last activity (created, a referral changed, a rung recorded) is before
    ``cutoff``."""
    return [
        r[0]
        for r in db.execute(
            """
            SELECT c.code FROM clients c
            WHERE max(
                c.created_at,
                coalesce((SELECT max(updated_at) FROM referrals WHERE client_code = c.code), ''),
                coalesce((SELECT max(recorded_at) FROM client_rungs WHERE client_code = c.code), '')
            ) < ?
            ORDER BY c.code
            """,
            [cutoff],
        ).fetchall()
    ]


def expire(
    db: sqlite_utils.Database, months: int | None = None, *, today: dt.date | None = None
) -> int:
    """Erase every client whose last activity (created, a referral changed, a rung recorded)
    is more than ``months`` months before ``today``; return how many were erased."""
    months = retention_months() if months is None else months
    day = today or dt.date.today()
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    cutoff = dt.date(year, month + 1, min(day.day, 28)).isoformat()
    if not _expired(db, cutoff):
        return 0  # nothing to erase: no write (a read-only replica stays untouched)
    secure_delete(db)
    with store.write(db):
        erased = _erase(db, _expired(db, cutoff))
    if erased:
        _checkpoint(db)
    return erased
