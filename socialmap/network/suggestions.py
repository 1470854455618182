"""Suggestions from the public: "report a problem" about an offer or organisation.

Anyone may send one (``POST /api/suggestions`` or the form on every offer
page): which record, what is wrong (``closed``, ``wrong_contact``,
``wrong_address``, ``other``) and a short note.  Nothing about the sender is
stored — no address, no name.  The note is kept as plain text (pages escape
it).  A suggestion lands in the queue of the record's region (its coordinators)
and of its organisation (its editors); whoever may handle it marks it done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .. import store
from ..editing import User, may
from ..editing.history import now
from ..editing.permissions import Target
from ..errors import EditError, NotFound, PermissionDenied
from ..sql import marks, sql

__all__ = [
    "SUGGESTION_KINDS",
    "MAX_TEXT",
    "Suggestion",
    "add_suggestion",
    "open_suggestions",
    "get_suggestion",
    "mark_done",
]

SUGGESTION_KINDS = ("closed", "wrong_contact", "wrong_address", "other")
#: The longest note (characters): a few sentences, not a document.
MAX_TEXT = 1000
_RECORD = re.compile(r"^(offer|organisation):(.+)$")
#: Control characters other than line breaks and tabs: never part of a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COLUMNS = ("id", "at", "record", "kind", "text", "region", "organisation", "done_at", "done_by")


@dataclass(frozen=True)
class Suggestion:
    """One report from the public."""

    id: int
    at: str
    record: str
    kind: str
    text: str
    region: str | None
    organisation: str | None
    done_at: str | None = None
    done_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        """What the API answers: the stored suggestion (nothing about who sent it)."""
        return {"id": self.id, "record": self.record, "kind": self.kind, "text": self.text}


def _owner(db: sqlite_utils.Database, kind: str, record_id: str) -> tuple[str, str]:
    """(region, organisation) of the record; :class:`NotFound` naming the field."""
    if kind == "offer":
        row = db.execute(
            "SELECT region, organisation FROM offers WHERE id = ?", [record_id]
        ).fetchone()
    else:
        row = db.execute(
            "SELECT region, id FROM organisations WHERE id = ?", [record_id]
        ).fetchone()
    if row is None:
        raise NotFound(f"record: no such {kind} {record_id!r}")
    return row[0], row[1]


def _checked(record: Any, kind: Any, text: Any) -> tuple[str, str, str, str]:
    if not isinstance(record, str) or not (match := _RECORD.match(record)):
        raise EditError(
            "record", f"record: expected 'offer:<id>' or 'organisation:<id>', got {record!r}"
        )
    kind = "other" if kind is None else kind
    if kind not in SUGGESTION_KINDS:
        raise EditError("kind", f"kind: {kind!r} is not one of {', '.join(SUGGESTION_KINDS)}")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise EditError("text", f"text: expected a string, got {type(text).__name__}")
    text = _CONTROL.sub("", text).strip()
    if len(text) > MAX_TEXT:
        raise EditError("text", f"text: at most {MAX_TEXT} characters, got {len(text)}")
    if kind == "other" and not text:
        raise EditError("text", "text: say what is wrong")
    return match.group(1), match.group(2), kind, text


def add_suggestion(db: sqlite_utils.Database, record: Any, kind: Any, text: Any) -> Suggestion:
    """Store a suggestion about ``record`` (``"offer:<id>"``); errors name the field.

    :class:`EditError` for a malformed field, :class:`NotFound` for an unknown record;
    nothing is stored then.
    """
    record_kind, record_id, kind, text = _checked(record, kind, text)
    region, organisation = _owner(db, record_kind, record_id)
    at = now()
    with store.write(db):
        cursor = db.execute(
            "INSERT INTO suggestions (at, record, kind, text, region, organisation)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [at, f"{record_kind}:{record_id}", kind, text, region, organisation],
        )
    return Suggestion(int(cursor.lastrowid or 0), at, record, kind, text, region, organisation)


def _suggestion(row: Any) -> Suggestion:
    return Suggestion(*row)


def _target(suggestion: Suggestion) -> Target:
    owners = frozenset([suggestion.organisation] if suggestion.organisation else [])
    return Target(suggestion.region, owners)


def open_suggestions(
    db: sqlite_utils.Database, user: User, *, limit: int = 500
) -> list[Suggestion]:
    """The open suggestions ``user`` may handle (their regions' or organisations'), oldest
    first."""
    if user.role == "admin":
        scope, params = sql("1"), []
    elif user.role == "coordinator":
        scope, params = sql("region IN ({m})", m=marks(user.regions)), list(user.regions)
    else:
        scope = sql("organisation IN ({m})", m=marks(user.organisations))
        params = list(user.organisations)
    query = sql(
        "SELECT {columns} FROM suggestions WHERE done_at IS NULL AND {scope} ORDER BY id LIMIT ?",
        columns=_COLUMNS,
        scope=scope,
    )
    found = [_suggestion(r) for r in db.execute(query, [*params, limit]).fetchall()]
    return [s for s in found if may(user, "handle suggestions", _target(s))]


def get_suggestion(db: sqlite_utils.Database, number: int) -> Suggestion:
    """Suggestion ``number``; :class:`NotFound` if there is none."""
    row = db.execute(
        sql("SELECT {columns} FROM suggestions WHERE id = ?", columns=_COLUMNS), [number]
    ).fetchone()
    if row is None:
        raise NotFound(f"suggestion {number}: no such suggestion")
    return _suggestion(row)


def mark_done(db: sqlite_utils.Database, number: int, *, user: User) -> Suggestion:
    """Take suggestion ``number`` off the queue (:class:`PermissionDenied` if not theirs)."""
    suggestion = get_suggestion(db, number)
    if not may(user, "handle suggestions", _target(suggestion)):
        raise PermissionDenied(
            f"suggestion {number}: a user with role {user.role!r} may not handle it"
        )
    if suggestion.done_at is not None:
        return suggestion
    with store.write(db):
        db.execute(
            "UPDATE suggestions SET done_at = ?, done_by = ? WHERE id = ?",
            [now(), user.email, number],
        )
    return get_suggestion(db, number)
