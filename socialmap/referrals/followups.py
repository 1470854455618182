"""What needs attention: overdue referrals and due follow-ups, per organisation.

A referral is *overdue* while it is ``sent`` and unanswered for more than
``SOCIALMAP_REFERRAL_ANSWER_DAYS`` working days (Monday to Friday; default
:data:`ANSWER_DAYS`) — flagged to both the sender and the receiver.  A
*follow-up* is due :data:`FOLLOW_UP_MONTHS` (3, 6 and 12) months after a client
started an offer, until a rung is recorded for the client at or after that
moment: the receiving organisation records where the client now stands.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import numpy as np
import sqlite_utils

from ..errors import EditError
from ..sql import marks, sql

__all__ = [
    "ANSWER_DAYS",
    "FOLLOW_UP_MONTHS",
    "answer_days",
    "working_days",
    "is_overdue",
    "overdue",
    "follow_ups",
]

#: Working days a receiving organisation has to answer a referral.
ANSWER_DAYS = 5
#: Months after the start at which the client's rung is asked for again.
FOLLOW_UP_MONTHS = (3, 6, 12)


def answer_days(environ: dict[str, str] | None = None) -> int:
    """``SOCIALMAP_REFERRAL_ANSWER_DAYS`` (default :data:`ANSWER_DAYS`), checked."""
    value = (environ if environ is not None else os.environ).get("SOCIALMAP_REFERRAL_ANSWER_DAYS")
    if value is None or not value.strip():
        return ANSWER_DAYS
    if not value.strip().isdigit() or int(value) < 1:
        raise EditError(
            "SOCIALMAP_REFERRAL_ANSWER_DAYS",
            f"SOCIALMAP_REFERRAL_ANSWER_DAYS: expected a whole number of days, got {value!r}",
        )
    return int(value)


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days (Mon–Fri) after ``start`` up to and including ``end``.

    >>> working_days(dt.date(2026, 12, 4), dt.date(2026, 12, 11))  # Friday to Friday
    5
    """
    return int(np.busday_count(start + dt.timedelta(days=1), end + dt.timedelta(days=1)))


def is_overdue(row: dict[str, Any], days: int, today: dt.date) -> bool:
    """Whether a referral row (``status``, ``created_at``) is overdue."""
    if row["status"] != "sent":
        return False
    sent = dt.date.fromisoformat(str(row["created_at"])[:10])
    return working_days(sent, today) > days


def overdue(
    db: sqlite_utils.Database,
    organisations: tuple[str, ...],
    *,
    days: int | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """Ids of the overdue referrals sent or received by ``organisations``, oldest first."""
    limit = answer_days() if days is None else days
    day = today or dt.date.today()
    query = sql(
        "SELECT id, status, created_at FROM referrals WHERE status = 'sent'"
        " AND (from_organisation IN ({a}) OR to_organisation IN ({a})) ORDER BY created_at, id",
        a=marks(organisations),
    )
    rows = db.execute(query, [*organisations, *organisations]).fetchall()
    return [
        rid
        for rid, status, created in rows
        if is_overdue({"status": status, "created_at": created}, limit, day)
    ]


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, min(day.day, 28))


def follow_ups(
    db: sqlite_utils.Database, organisations: tuple[str, ...], *, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """The due follow-ups of the clients who started an offer of ``organisations``.

    One row per referral: ``{referral, client_code, offer, months, due}`` — the latest
    moment (3, 6 or 12 months after the start) that has come and has no rung recorded at or
    after it.
    """
    day = today or dt.date.today()
    query = sql(
        "SELECT r.id, r.client_code, r.offer_id, min(e.at) FROM referrals r"
        " JOIN referral_events e ON e.referral_id = r.id AND e.status = 'started'"
        " WHERE r.to_organisation IN ({a}) GROUP BY r.id ORDER BY min(e.at), r.id",
        a=marks(organisations),
    )
    due = []
    for rid, code, offer, started in db.execute(query, list(organisations)).fetchall():
        start = dt.date.fromisoformat(started[:10])
        moments = [(m, _add_months(start, m)) for m in FOLLOW_UP_MONTHS]
        passed = [(m, d) for m, d in moments if d <= day]
        if not passed:
            continue
        months, moment = passed[-1]
        recorded = db.execute(
            "SELECT 1 FROM client_rungs WHERE client_code = ? AND date >= ?",
            [code, moment.isoformat()],
        ).fetchone()
        if recorded is None:
            due.append(
                {
                    "referral": rid,
                    "client_code": code,
                    "offer": offer,
                    "months": months,
                    "due": moment.isoformat(),
                }
            )
    return due
