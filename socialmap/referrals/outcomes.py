"""Outcomes: what became of referrals, counted — for routing and for the network coach.

:func:`handover_counts` counts, per handover — (previous organisation, offer),
or (None, offer) for a path's first step — the referrals with an outcome in the
last :data:`WINDOW_DAYS` days and how many of them started.  The routing model
holds these counts (:class:`Outcomes`) and refreshes them from the change feed.

:func:`outcome_table` gives the aggregates a coach, the API and the report show,
per offer, handover (link), target group, neighbourhood or path step.  Every
count below :data:`MIN_COUNT` is shown as ``"<5"`` and every share computed
from fewer than five — or whose count is itself hidden — is withheld (None).
No row carries a client code.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from ..errors import EditError
from .records import OUTCOME_NOT_STARTED, OUTCOME_STARTED

__all__ = [
    "MIN_COUNT",
    "WINDOW_DAYS",
    "GROUPINGS",
    "Outcomes",
    "handover_counts",
    "outcome_table",
    "shown_count",
    "shown_share",
]

#: Counts below this are shown as "<5"; shares from fewer are withheld (DESIGN.md).
MIN_COUNT = 5
#: Outcomes count for routing while their last status change is this recent.
WINDOW_DAYS = 365
#: What ``outcome_table`` can group by.
GROUPINGS = ("offer", "link", "target_group", "neighbourhood", "step")

_ACCEPTED = ("accepted", "no_show", *OUTCOME_STARTED)


@dataclass(frozen=True)
class Outcomes:
    """Per handover ``(previous organisation or None, offer)``: ``(started, with outcome)``.

    >>> o = Outcomes({(None, "coffee"): (8, 11)})
    >>> o.get(None, "coffee"), o.get("college", "coffee")
    ((8, 11), (0, 0))
    """

    counts: Mapping[tuple[str | None, str], tuple[int, int]] = field(default_factory=dict)
    as_of: str = ""
    #: The counts as arrays for one routing index (see :mod:`socialmap.routing.learned`).
    compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, previous: str | None, offer: str) -> tuple[int, int]:
        """``(started, total)`` of the handover (zeros when none was recorded)."""
        return self.counts.get((previous, offer), (0, 0))

    def offers(self) -> set[str]:
        """Offers with any recorded outcome."""
        return {offer for _, offer in self.counts}

    def __len__(self) -> int:
        return len(self.counts)


def handover_counts(
    db: sqlite_utils.Database, today: dt.date | None = None, window_days: int = WINDOW_DAYS
) -> Outcomes:
    """The outcome counts of every handover over the last ``window_days`` (one query)."""
    day = today or dt.date.today()
    since = (day - dt.timedelta(days=window_days)).isoformat()
    # the statuses of OUTCOME_STARTED and OUTCOME_NOT_STARTED
    rows = db.execute(
        """
        SELECT CASE WHEN step = 1 THEN NULL ELSE previous_organisation END AS previous,
               offer_id, sum(status IN ('started', 'completed', 'dropped_out')), count(*)
        FROM referrals
        WHERE status IN ('started', 'completed', 'dropped_out', 'declined', 'no_show')
          AND updated_at >= ?
        GROUP BY previous, offer_id
        """,
        [since],
    ).fetchall()
    return Outcomes({(p, o): (int(s), int(n)) for p, o, s, n in rows}, day.isoformat())


def shown_count(n: int) -> int | str:
    """A count as it may be shown: ``"<5"`` below :data:`MIN_COUNT`.

    >>> shown_count(3), shown_count(0), shown_count(12)
    ('<5', 0, 12)
    """
    return "<5" if 0 < n < MIN_COUNT else n


def shown_share(part: int, whole: int) -> float | None:
    """``part / whole``, withheld (None) when either count is below :data:`MIN_COUNT`
    (a share next to a hidden count would reveal it) — except a part of 0.

    >>> shown_share(8, 11), shown_share(3, 11), shown_share(4, 4), shown_share(0, 6)
    (0.727, None, None, 0.0)
    """
    if whole < MIN_COUNT or 0 < part < MIN_COUNT:
        return None
    return round(part / whole, 3)


def _rows(db: sqlite_utils.Database, region: str, since: str) -> list[dict[str, Any]]:
    """Every referral of the region since ``since``, with what the aggregates need."""
    query = """
        SELECT r.id, r.client_code, r.offer_id, o.name, r.step, r.previous_organisation,
               r.warm, r.status, r.created_at, c.target_groups, c.neighbourhood,
               (SELECT min(e.at) FROM referral_events e
                WHERE e.referral_id = r.id AND e.status = 'started') AS started_at,
               po.name, n.name
        FROM referrals r JOIN clients c ON c.code = r.client_code
        LEFT JOIN offers o ON o.id = r.offer_id
        LEFT JOIN organisations po ON po.id = r.previous_organisation
        LEFT JOIN neighbourhoods n ON n.id = c.neighbourhood
        WHERE r.region = ? AND r.created_at >= ?
    """
    keys = (
        "id",
        "client",
        "offer",
        "offer_name",
        "step",
        "previous",
        "warm",
        "status",
        "created_at",
        "target_groups",
        "neighbourhood",
        "started_at",
        "previous_name",
        "neighbourhood_name",
    )
    return [dict(zip(keys, r, strict=True)) for r in db.execute(query, [region, since])]


def _counts(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    rows = list(rows)
    referred = len(rows)
    accepted = sum(r["status"] in _ACCEPTED for r in rows)
    started = sum(r["status"] in OUTCOME_STARTED for r in rows)
    completed = sum(r["status"] == "completed" for r in rows)
    decided = sum(r["status"] in (*OUTCOME_STARTED, *OUTCOME_NOT_STARTED) for r in rows)
    days = [
        (dt.datetime.fromisoformat(r["started_at"]) - dt.datetime.fromisoformat(r["created_at"]))
        / dt.timedelta(days=1)
        for r in rows
        if r["started_at"]
    ]
    return {
        "referred": shown_count(referred),
        "accepted": shown_count(accepted),
        "started": shown_count(started),
        "completed": shown_count(completed),
        "with_outcome": shown_count(decided),
        "share_started": shown_share(started, decided),
        "median_days_to_start": round(statistics.median(days), 1)
        if len(days) >= MIN_COUNT
        else None,
    }


def _ladder(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rung at intake → rung after about 6 and 12 months, of the clients of ``rows``."""
    clients = sorted({r["client"] for r in rows})
    moves: dict[int, list[int]] = {6: [], 12: []}
    for code in clients:
        first = min(r["created_at"] for r in rows if r["client"] == code)[:10]
        intake = db.execute("SELECT rung FROM clients WHERE code = ?", [code]).fetchone()[0]
        if intake is None:
            continue
        rungs = db.execute(
            "SELECT rung, date FROM client_rungs WHERE client_code = ? ORDER BY date", [code]
        ).fetchall()
        start = dt.date.fromisoformat(first)
        for months, (low, high) in {6: (150, 270), 12: (300, 450)}.items():
            near = [r for r, d in rungs if low <= (dt.date.fromisoformat(d) - start).days <= high]
            if near:
                moves[months].append(near[-1] - int(intake))
    out: dict[str, Any] = {"clients": shown_count(len(clients))}
    for months, changes in moves.items():
        up = sum(c > 0 for c in changes)
        out[f"measured_{months}m"] = shown_count(len(changes))
        out[f"up_{months}m"] = shown_count(up)
        out[f"share_up_{months}m"] = shown_share(up, len(changes))
    return out


def outcome_table(
    db: sqlite_utils.Database,
    region: str,
    by: str = "offer",
    *,
    today: dt.date | None = None,
    window_days: int = 2 * WINDOW_DAYS,
) -> list[dict[str, Any]]:
    """The outcome aggregates of ``region`` grouped ``by`` one of :data:`GROUPINGS`.

    Every count below 5 is ``"<5"``; shares from fewer than 5 are None.  Target groups
    and neighbourhoods also carry the ladder transitions (intake → 6 → 12 months).
    """
    if by not in GROUPINGS:
        raise EditError("by", f"by: expected one of {', '.join(GROUPINGS)}")
    day = today or dt.date.today()
    since = (day - dt.timedelta(days=window_days)).isoformat()
    rows = _rows(db, region, since)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if by == "offer":
            groups[(r["offer"], r["offer_name"])].append(r)
        elif by == "link":
            previous = None if r["step"] == 1 else r["previous"]
            warm = "start" if r["step"] == 1 else ("warm" if r["warm"] else "cold")
            groups[(previous, r["previous_name"] if previous else None, r["offer"], warm)].append(r)
        elif by == "step":
            groups[(r["step"],)].append(r)
        elif by == "target_group":
            for group in json.loads(r["target_groups"] or "[]") or ["-"]:
                groups[(group,)].append(r)
        else:
            groups[(r["neighbourhood"] or "-", r["neighbourhood_name"])].append(r)
    table = []
    for key, members in sorted(groups.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
        row: dict[str, Any]
        if by == "offer":
            row = {"offer": key[0], "name": key[1]}
        elif by == "link":
            row = {"from_organisation": key[0], "from_name": key[1], "offer": key[2]}
            row["handover"] = key[3]
        elif by == "step":
            row = {"step": key[0]}
        elif by == "target_group":
            row = {"target_group": key[0]}
        else:
            row = {"neighbourhood": key[0], "name": key[1]}
        row.update(_counts(members))
        if by in ("target_group", "neighbourhood"):
            row.update(_ladder(db, members))
        table.append(row)
    return table
