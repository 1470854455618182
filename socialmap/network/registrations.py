"""Organisations asking to join: a public form whose request stays invisible until approved.

A registration holds the organisation's dataset record (validated with the
import's rules when it arrives, so a coordinator never approves what could not
be stored) and the address of the person who asked.  Nothing of it shows on
the map, in the API or in exports.  A coordinator of the region (or an admin)
approves it — which creates the organisation through the one write path
(:func:`socialmap.editing.create_organisation`, recorded in history) — or rejects it.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .. import store
from ..editing import Result, User, create_organisation, may
from ..editing.check import checked
from ..editing.history import now
from ..editing.permissions import Target
from ..errors import Conflict, EditError, NotFound, PermissionDenied
from ..sql import marks, sql

__all__ = [
    "FIELDS",
    "Registration",
    "register",
    "pending_registrations",
    "get_registration",
    "approve",
    "reject",
]

#: The organisation fields the public form asks for (``name`` and ``kind`` are required).
FIELDS = ("name", "kind", "description", "website", "email", "phone")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLUMNS = (
    "id",
    "at",
    "region",
    "record",
    "contact_email",
    "status",
    "decided_at",
    "decided_by",
    "organisation",
)


@dataclass(frozen=True)
class Registration:
    """A request to join: ``status`` pending, approved or rejected."""

    id: int
    at: str
    region: str
    record: dict[str, Any]
    contact_email: str
    status: str
    decided_at: str | None
    decided_by: str | None
    organisation: str | None


def _slug(name: str) -> str:
    """An organisation id from its name, with a random tail so two alike never collide.

    >>> _slug("Stichting Één & Twee!")[:-5]
    'stichting-een-twee'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return (
        "-".join(words)[:40].strip("-") + "-" + secrets.token_hex(2)
        if words
        else ("organisation-" + secrets.token_hex(4))
    )


def register(
    db: sqlite_utils.Database, region: Any, fields: dict[str, Any], contact_email: Any
) -> Registration:
    """Store a request to join ``region``; errors name the field and store nothing."""
    if not isinstance(region, str) or not db.table("regions").count_where("id = ?", [region]):
        raise EditError("region", f"region: unknown region {region!r}")
    if not isinstance(contact_email, str) or not _EMAIL.match(contact_email.strip()):
        raise EditError(
            "contact_email", f"contact_email: {contact_email!r} is not an e-mail address"
        )
    record: dict[str, Any] = {}
    for key in FIELDS:
        value = fields.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, ""):
            record[key] = value
    if "name" not in record:
        raise EditError("name", "organisation.name: missing required field")
    record["id"] = _slug(str(record["name"]))
    record, _warnings = checked(db, "organisation", region, record)
    at = now()
    with store.write(db):
        cursor = db.execute(
            "INSERT INTO registrations (at, region, record, contact_email) VALUES (?, ?, ?, ?)",
            [at, region, json.dumps(record, ensure_ascii=False), contact_email.strip().lower()],
        )
    return get_registration(db, int(cursor.lastrowid or 0))


def _registration(row: Any) -> Registration:
    values = list(row)
    values[3] = json.loads(values[3])
    return Registration(*values)


def get_registration(db: sqlite_utils.Database, number: int) -> Registration:
    """Registration ``number``; :class:`NotFound` if there is none."""
    row = db.execute(
        sql("SELECT {columns} FROM registrations WHERE id = ?", columns=_COLUMNS), [number]
    ).fetchone()
    if row is None:
        raise NotFound(f"registration {number}: no such registration")
    return _registration(row)


def pending_registrations(db: sqlite_utils.Database, user: User) -> list[Registration]:
    """The pending requests ``user`` may decide (their regions'; an admin's: all), oldest first."""
    if user.role == "admin":
        scope, params = sql("1"), []
    else:
        scope, params = sql("region IN ({m})", m=marks(user.regions)), list(user.regions)
    query = sql(
        "SELECT {columns} FROM registrations WHERE status = 'pending' AND {scope} ORDER BY id",
        columns=_COLUMNS,
        scope=scope,
    )
    found = [_registration(r) for r in db.execute(query, params).fetchall()]
    return [r for r in found if may(user, "create organisation", Target(r.region))]


def _decidable(db: sqlite_utils.Database, number: int, user: User) -> Registration:
    registration = get_registration(db, number)
    if not may(user, "create organisation", Target(registration.region)):
        raise PermissionDenied(
            f"registration {number}: a user with role {user.role!r} may not decide it"
        )
    if registration.status != "pending":
        raise Conflict(f"registration {number}: already {registration.status}")
    return registration


def _decide(
    db: sqlite_utils.Database, registration: Registration, user: User, status: str
) -> Registration:
    with store.write(db):
        db.execute(
            "UPDATE registrations SET status = ?, decided_at = ?, decided_by = ?,"
            " organisation = ? WHERE id = ? AND status = 'pending'",
            [
                status,
                now(),
                user.email,
                registration.record["id"] if status == "approved" else None,
                registration.id,
            ],
        )
    return get_registration(db, registration.id)


def approve(db: sqlite_utils.Database, number: int, *, user: User) -> tuple[Registration, Result]:
    """Create the organisation (through the write path, recorded in history) and mark the
    request approved."""
    registration = _decidable(db, number, user)
    result = create_organisation(db, registration.record, user=user, region=registration.region)
    return _decide(db, registration, user, "approved"), result


def reject(db: sqlite_utils.Database, number: int, *, user: User) -> Registration:
    """Turn the request down; nothing becomes visible."""
    return _decide(db, _decidable(db, number, user), user, "rejected")
