"""Opening hours ↔ HSDS ``schedule`` records.

socialmap's opening hours (:mod:`socialmap.hours`) are weekly periods; HSDS
schedules are iCalendar-like rules.  A period becomes one schedule with
``freq: WEEKLY``, ``byday``, ``opens_at``, ``closes_at``, ``valid_from``,
``valid_to`` and its note as ``description``.  Reading, a schedule that says no
more than that (a weekly rule, plain day codes, both times) becomes a period;
:func:`period_of` returns None for one that says something a period cannot
hold (a monthly rule, ``1MO``, an interval, no times), and
:func:`unmapped_keys` names the fields of a mapped schedule the period did
not take — the importer reports both.
Pure functions: no files, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..hours import DAYS, hours_problem
from .ids import hsds_id

__all__ = ["to_schedules", "period_of", "unmapped_keys", "MAPPED_KEYS"]

#: The schedule fields a period carries (besides the links and the id).
MAPPED_KEYS = frozenset(
    {"freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description"}
)
_LINKS = frozenset({"id", "service_id", "location_id", "service_at_location_id"})
#: Rule parts that make a weekly rule apply on fewer days than every listed weekday.
_NARROWING = ("byweekno", "bymonthday", "byyearday", "count")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?$")


def to_schedules(
    periods: Iterable[Mapping[str, Any]], owner: str, key: str, owner_hsds_id: str
) -> list[dict[str, Any]]:
    """HSDS schedules of ``periods``; ``key`` is ``service_id`` or ``location_id``.

    >>> to_schedules([{"days": ["mo", "tu"], "opens": "09:00", "closes": "12:00"}],
    ...              "offer-1", "service_id", "S")[0]["byday"]
    'MO,TU'
    """
    schedules = []
    for index, period in enumerate(periods):
        record = {
            "id": hsds_id("schedule", owner, index),
            key: owner_hsds_id,
            "freq": "WEEKLY",
            "byday": ",".join(d.upper() for d in DAYS if d in period["days"]),
            "opens_at": period["opens"],
            "closes_at": period["closes"],
            "valid_from": period.get("valid_from"),
            "valid_to": period.get("valid_to"),
            "description": period.get("note"),
        }
        schedules.append({k: v for k, v in record.items() if v is not None})
    return schedules


def _time(value: Any) -> str | None:
    match = _TIME.match(str(value or "").strip())
    if not match:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def period_of(schedule: Mapping[str, Any]) -> dict[str, Any] | None:
    """The opening period a schedule describes, or None when it is not a plain weekly one.

    >>> period_of({"freq": "WEEKLY", "byday": "MO,FR", "opens_at": "10:00:00",
    ...            "closes_at": "18:00:00"})
    {'days': ['mo', 'fr'], 'opens': '10:00', 'closes': '18:00'}
    >>> period_of({"freq": "MONTHLY", "byday": "1MO", "opens_at": "10:00",
    ...            "closes_at": "12:00"}) is None
    True
    """
    freq = str(schedule.get("freq") or "WEEKLY").upper()
    if freq != "WEEKLY" or schedule.get("interval") not in (None, "", 1, 1.0, "1"):
        return None
    if any(schedule.get(k) not in (None, "") for k in _NARROWING):
        return None  # only some weeks or days of the month: not every week
    days = [d.strip().lower() for d in str(schedule.get("byday") or "").split(",") if d.strip()]
    opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
    if not days or opens is None or closes is None:
        return None
    period: dict[str, Any] = {"days": [d for d in DAYS if d in days], "opens": opens}
    period["closes"] = closes
    for source, target in (("valid_from", "valid_from"), ("valid_to", "valid_to")):
        if schedule.get(source):
            period[target] = str(schedule[source])[:10]
    if schedule.get("description"):
        period["note"] = str(schedule["description"])
    if any(d not in DAYS for d in days) or hours_problem([period]):
        return None
    return period


def unmapped_keys(schedule: Mapping[str, Any], period: Mapping[str, Any]) -> list[str]:
    """Fields of a mapped schedule that its period does not give back exactly.

    >>> unmapped_keys({"id": "x", "byday": "MO", "opens_at": "10:00:00", "closes_at": "12:00",
    ...                "notes": "lunch"}, {"days": ["mo"], "opens": "10:00", "closes": "12:00"})
    ['notes', 'opens_at']
    """
    again = to_schedules([period], "", "service_id", "")[0]
    differ = []
    for key, value in schedule.items():
        if key in _LINKS or value in (None, ""):
            continue
        if key not in MAPPED_KEYS or str(again.get(key)) != str(value):
            differ.append(key)
    return sorted(differ)
