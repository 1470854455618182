"""Which entries nobody has confirmed for a while: organisations and offers not verified for
6 months, referral links not confirmed for 12.

The reminders (:mod:`.reminders`) and the coordinator's page read this one
list.  An entry that was never verified counts as stale.  Read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from ..sql import Sql, marks, sql, where

__all__ = [
    "VERIFY_MONTHS",
    "CONFIRM_MONTHS",
    "StaleEntry",
    "months_before",
    "stale_entries",
    "organisation_upkeep",
    "OrganisationUpkeep",
]

#: An organisation or offer not verified for this long is due.
VERIFY_MONTHS = 6
#: A referral link not confirmed for this long is due.
CONFIRM_MONTHS = 12


@dataclass(frozen=True)
class StaleEntry:
    """One entry due for confirmation: ``kind`` organisation, offer or referral_link."""

    kind: str
    id: str
    name: str
    organisation: str
    region: str
    last_verified: str | None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it is shorter).

    >>> months_before(dt.date(2026, 8, 31), 6), months_before(dt.date(2026, 3, 15), 12)
    (datetime.date(2026, 2, 28), datetime.date(2025, 3, 15))
    """
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


#: (kind, table, organisation column or expression, date column) of each kind of entry;
#: a referral link's end is an organisation or an offer (whose organisation answers for it).
_KINDS = (
    ("organisation", "organisations", sql("{t}.id", t="organisations"), "last_verified"),
    ("offer", "offers", sql("{t}.organisation", t="offers"), "last_verified"),
    *(
        (
            "referral_link",
            "referral_links",
            sql(
                "coalesce({t}.{org}, (SELECT organisation FROM offers WHERE id = {t}.{offer}))",
                t="referral_links",
                org=f"{end}_organisation",
                offer=f"{end}_offer",
            ),
            "last_confirmed",
        )
        for end in ("from", "to")
    ),
)


def _due(
    today: dt.date, wanted: list[str] | None, organisation: str | None
) -> list[tuple[str, str, Sql, str, Sql, list[str]]]:
    """Per kind of entry: (kind, table, owner, date column, WHERE of the due ones, params)."""
    limits = {
        "last_verified": months_before(today, VERIFY_MONTHS).isoformat(),
        "last_confirmed": months_before(today, CONFIRM_MONTHS).isoformat(),
    }
    result = []
    for kind, table, owner, column in _KINDS:
        conditions = [sql("({t}.{c} IS NULL OR {t}.{c} < ?)", t=table, c=column)]
        params: list[str] = [limits[column]]
        if wanted is not None:
            conditions.append(sql("{t}.region IN ({m})", t=table, m=marks(wanted)))
            params += wanted
        if organisation is not None:
            conditions.append(sql("{owner} = ?", owner=owner))
            params.append(organisation)
        result.append((kind, table, owner, column, where(conditions), params))
    return result


def stale_entries(
    db: sqlite_utils.Database,
    *,
    today: dt.date,
    region: str | None = None,
    regions: Iterable[str] | None = None,
    organisation: str | None = None,
) -> list[StaleEntry]:
    """Every entry due (of ``region``, of ``regions`` or all; of one ``organisation``), by
    organisation, then kind, then name.  A referral link appears once per organisation at
    its ends (either side may confirm it)."""
    wanted = [region] if region else (None if regions is None else list(regions))
    found: set[StaleEntry] = set()
    for kind, table, owner, column, condition, params in _due(today, wanted, organisation):
        query = sql(
            "SELECT {t}.id, {t}.{name}, {owner}, {t}.region, {t}.{c} FROM {t} {where}",
            t=table,
            name="id" if kind == "referral_link" else "name",
            owner=owner,
            c=column,
            where=condition,
        )
        for row in db.execute(query, params).fetchall():
            if row[2] is not None:
                name = _link_name(db, row[0]) if kind == "referral_link" else row[1]
                found.add(StaleEntry(kind, row[0], name, *row[2:]))
    order = {"organisation": 0, "offer": 1, "referral_link": 2}
    return sorted(found, key=lambda e: (e.organisation, order[e.kind], e.name, e.id))


def _link_name(db: sqlite_utils.Database, link_id: str) -> str:
    """``"Taalcursus → Vrijwilligerswerk"``: the names of a link's two ends."""
    names = []
    for end in link_id.split("->", 1):
        row = db.execute(
            "SELECT name FROM offers WHERE id = ? UNION ALL SELECT name FROM organisations"
            " WHERE id = ?",
            [end, end],
        ).fetchone()
        names.append(row[0] if row else end)
    return " → ".join(names)


@dataclass(frozen=True)
class OrganisationUpkeep:
    """An organisation with entries due: how many, and the oldest confirmation among them
    (``oldest`` None: one was never confirmed)."""

    organisation: str
    name: str
    region: str
    due: int
    oldest: str | None


def organisation_upkeep(
    db: sqlite_utils.Database,
    *,
    today: dt.date,
    regions: Iterable[str] | None = None,
) -> list[OrganisationUpkeep]:
    """The organisations (of ``regions``, or all) with entries due, the longest silent first.

    Counted in SQL, per organisation: a Land's page never holds every entry in memory.
    """
    wanted = None if regions is None else list(regions)
    due: dict[str, int] = {}
    never: set[str] = set()
    oldest: dict[str, str] = {}
    for _kind, table, owner, column, condition, params in _due(today, wanted, None):
        query = sql(
            "SELECT {owner}, count(*), min({t}.{c}), sum({t}.{c} IS NULL) FROM {t} {where}"
            " GROUP BY 1",
            t=table,
            owner=owner,
            c=column,
            where=condition,
        )
        for org, count, first, missing in db.execute(query, params).fetchall():
            if org is None:
                continue
            due[org] = due.get(org, 0) + count
            if missing:
                never.add(org)
            if first is not None and (org not in oldest or first < oldest[org]):
                oldest[org] = first
    result = []
    for org_id, count in due.items():
        row = db.execute("SELECT name, region FROM organisations WHERE id = ?", [org_id]).fetchone()
        if row is not None:
            first_date = None if org_id in never else oldest.get(org_id)
            result.append(OrganisationUpkeep(org_id, row[0], row[1], count, first_date))
    return sorted(result, key=lambda u: (u.oldest or "", u.name))
