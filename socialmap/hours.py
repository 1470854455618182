"""Opening hours of offers and locations: the structure, its text form, and "open now?".

An offer's or a location's ``opening_hours`` is a list of periods, each one
weekly time span::

    [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "12:30"},
     {"days": ["we"], "opens": "14:00", "closes": "18:00",
      "valid_from": "2026-01-01", "valid_to": "2026-06-30", "note": "Sprechstunde"}]

* ``days``: two-letter day codes ``mo tu we th fr sa su`` (HSDS ``byday`` in lower case);
* ``opens`` / ``closes``: ``HH:MM`` local time; ``closes`` may be ``24:00``, and a
  ``closes`` at or before ``opens`` means the period runs past midnight into the next day;
* ``valid_from`` / ``valid_to`` (optional): the dates the period applies (both included);
* ``note`` (optional): words for people ("by appointment", "school holidays closed").

An empty or absent list means "not known", never "closed".  The CSV form is one
cell such as ``mo-fr 09:00-12:30; we 14:00-18:00`` (:func:`format_hours` /
:func:`parse_hours`); periods with dates or a note are written as JSON instead.

:func:`is_open` answers for one list; :func:`offer_open` for an offer, from its
own hours or else its locations'.  Pure functions: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import shown

__all__ = [
    "DAYS",
    "hours_problem",
    "is_open",
    "offer_open",
    "parse_hours",
    "format_hours",
]

#: The day codes, Monday first (``datetime.weekday()`` order).
DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")

_TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$")
_KEYS = {"days", "opens", "closes", "valid_from", "valid_to", "note"}


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def hours_problem(hours: Any) -> str | None:
    """What is wrong with an ``opening_hours`` value, or None when it is valid.

    The message names the period (``[1].closes``) and shows the bad value.

    >>> hours_problem([{"days": ["mo"], "opens": "09:00", "closes": "12:00"}]) is None
    True
    >>> hours_problem([{"days": ["monday"], "opens": "09:00", "closes": "12:00"}])
    "[0].days: 'monday' is not a day code (mo tu we th fr sa su)"
    >>> hours_problem([{"days": ["mo"], "opens": "9", "closes": "12:00"}])
    "[0].opens: '9' is not a time HH:MM"
    """
    if not isinstance(hours, list):
        return f": {shown(hours)} is not a list of opening periods"
    for index, period in enumerate(hours):
        problem = _period_problem(period)
        if problem:
            return f"[{index}]{problem}"
    return None


def _period_problem(period: Any) -> str | None:
    if not isinstance(period, dict):
        return f": {shown(period)} is not an object with days, opens and closes"
    unknown = sorted(set(period) - _KEYS)
    if unknown:
        return f".{unknown[0]}: unknown key (allowed: {', '.join(sorted(_KEYS))})"
    days = period.get("days")
    if not isinstance(days, list) or not days:
        return f".days: {shown(days)} is not a non-empty list of day codes"
    for day in days:
        if day not in DAYS:
            return f".days: {shown(day)} is not a day code ({' '.join(DAYS)})"
    for key in ("opens", "closes"):
        value = period.get(key)
        if not isinstance(value, str) or not _TIME.match(value):
            return f".{key}: {shown(value)} is not a time HH:MM"
    if period["opens"] == "24:00":
        return ".opens: '24:00' is not a time a period can open at"
    for key in ("valid_from", "valid_to"):
        value = period.get(key)
        if value is None:
            continue
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            return f".{key}: {shown(value)} is not a date (expected YYYY-MM-DD)"
    start, end = period.get("valid_from"), period.get("valid_to")
    if start and end and end < start:
        return f".valid_to: {shown(end)} is before valid_from {shown(start)}"
    note = period.get("note")
    if note is not None and not isinstance(note, str):
        return f".note: {shown(note)} is not text"
    return None


def _valid_on(period: Mapping[str, Any], day: dt.date) -> bool:
    text = day.isoformat()
    start, end = period.get("valid_from"), period.get("valid_to")
    return (not start or start <= text) and (not end or text <= end)


def is_open(hours: Sequence[Mapping[str, Any]] | None, at: dt.datetime) -> bool | None:
    """Is a place with these opening hours open at ``at`` (its local wall-clock time)?

    Returns None when the hours are not known (no periods), so that a page can
    say "opening hours unknown" rather than "closed".

    >>> week = [{"days": ["mo", "tu"], "opens": "09:00", "closes": "12:00"},
    ...         {"days": ["fr"], "opens": "22:00", "closes": "02:00"}]
    >>> is_open(week, dt.datetime(2026, 12, 7, 10, 0))   # a Monday
    True
    >>> is_open(week, dt.datetime(2026, 12, 7, 12, 0))   # closes at 12:00
    False
    >>> is_open(week, dt.datetime(2026, 12, 12, 1, 30))  # Saturday night, from Friday
    True
    >>> is_open([], dt.datetime(2026, 12, 7, 10, 0)) is None
    True
    """
    if not hours:
        return None
    today = at.date()
    now = at.hour * 60 + at.minute
    yesterday = today - dt.timedelta(days=1)
    for period in hours:
        opens, closes = _minutes(period["opens"]), _minutes(period["closes"])
        overnight = closes <= opens
        days = period["days"]
        today_runs = DAYS[today.weekday()] in days and _valid_on(period, today)
        if today_runs and opens <= now < (24 * 60 if overnight else closes):
            return True
        from_yesterday = DAYS[yesterday.weekday()] in days and _valid_on(period, yesterday)
        if overnight and from_yesterday and now < closes:
            return True
    return False


def offer_open(
    offer: Mapping[str, Any],
    locations: Mapping[str, Mapping[str, Any]],
    at: dt.datetime,
) -> bool | None:
    """Is an offer open at ``at``?  Its own hours decide; without them, its locations'.

    ``offer`` is a dataset record or a graph node (``opening_hours`` a list, or JSON
    text as the store keeps it); ``locations`` maps location ids to records.  True
    when any of its locations with known hours is open, False when all of them are
    closed, None when no hours are known at all.

    >>> loc = {"opening_hours": [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]}
    >>> offer_open({"locations": ["a"]}, {"a": loc}, dt.datetime(2026, 12, 7, 9, 30))
    True
    >>> offer_open({"locations": ["b"]}, {"b": {}}, dt.datetime(2026, 12, 7, 9, 30)) is None
    True
    """
    own = _as_list(offer.get("opening_hours"))
    if own:
        return is_open(own, at)
    answers = [
        is_open(_as_list(locations.get(lid, {}).get("opening_hours")), at)
        for lid in offer.get("locations") or ()
    ]
    known = [a for a in answers if a is not None]
    if not known:
        return None
    return any(known)


def _as_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return list(value or [])


# --- the CSV cell form --------------------------------------------------------------------------

_SPAN = re.compile(r"^([a-z]{2})(?:-([a-z]{2}))?$")


def format_hours(hours: Sequence[Mapping[str, Any]] | None) -> str:
    """The one-cell text form of opening hours (JSON when a period has dates or a note).

    >>> format_hours([{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00",
    ...                "closes": "12:30"}, {"days": ["we", "sa"], "opens": "14:00",
    ...                "closes": "18:00"}])
    'mo-fr 09:00-12:30; we,sa 14:00-18:00'
    """
    if not hours:
        return ""
    if any(set(p) - {"days", "opens", "closes"} for p in hours):
        return json.dumps(list(hours), ensure_ascii=False, separators=(",", ":"))
    return "; ".join(f"{_days_text(p['days'])} {p['opens']}-{p['closes']}" for p in hours)


def _days_text(days: Iterable[str]) -> str:
    indices = sorted({DAYS.index(d) for d in days})
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ",".join(
        f"{DAYS[r[0]]}-{DAYS[r[-1]]}" if len(r) > 2 else ",".join(DAYS[i] for i in r) for r in runs
    )


def parse_hours(text: str) -> list[dict[str, Any]]:
    """Read the one-cell text form (or JSON); raise ValueError with what is wrong.

    >>> parse_hours("mo-fr 09:00-12:30; sa 10:00-14:00")[1]
    {'days': ['sa'], 'opens': '10:00', 'closes': '14:00'}
    >>> parse_hours("mo-fr 9-12")
    Traceback (most recent call last):
    ValueError: 'mo-fr 9-12' is not 'days HH:MM-HH:MM' (e.g. 'mo-fr 09:00-12:30; sa 10:00-14:00')
    """
    text = text.strip()
    if text.startswith("["):
        value = json.loads(text)
        problem = hours_problem(value)
        if problem:
            raise ValueError(problem.lstrip(": "))
        return list(value)
    periods = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        days_text, _, times = part.lower().partition(" ")
        opens, _, closes = times.strip().partition("-")
        period = {"days": _parse_days(days_text, part), "opens": opens, "closes": closes}
        if _period_problem(period):
            raise ValueError(f"{shown(part)} is not 'days HH:MM-HH:MM' (e.g. {_EXAMPLE!r})")
        periods.append(period)
    return periods


_EXAMPLE = "mo-fr 09:00-12:30; sa 10:00-14:00"


def _parse_days(text: str, part: str) -> list[str]:
    days: list[str] = []
    for item in text.split(","):
        match = _SPAN.match(item.strip())
        if not match or match.group(1) not in DAYS or (match.group(2) or "mo") not in DAYS:
            raise ValueError(f"{shown(part)}: {shown(item)} is not a day or range like 'mo-fr'")
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2)) if match.group(2) else first
        span = range(first, last + 1) if last >= first else [*range(first, 7), *range(last + 1)]
        days += [DAYS[i] for i in span if DAYS[i] not in days]
    return days
