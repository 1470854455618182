"""Referrals on the one write path: send, move through the statuses, record rungs, read.

Every write is one :func:`socialmap.store.write` transaction that also logs the
referral on the routing change feed (so each server's routing model picks up
new outcomes) and records the change in ``changes`` — the history of the
editing write path — under ``referral:<id>``.  In order, a call answers
:class:`~socialmap.errors.NotFound` (unknown id, or one the user may not see:
a denied read reveals nothing), :class:`~socialmap.errors.PermissionDenied`
(the role may not), or :class:`~socialmap.errors.EditError` naming the field;
then nothing is written.

Who sees what (:data:`socialmap.editing.permissions.RULES`): a case worker sees
the referrals its organisation sent or received and their clients; only the
receiving organisation moves a referral's status.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

import sqlite_utils

from .. import store
from ..editing.accounts import User
from ..editing.history import append_change, now
from ..editing.permissions import Target, may, require
from ..errors import EditError, NotFound, PermissionDenied
from ..sql import marks, sql
from .followups import answer_days, is_overdue
from .records import (
    REASONS,
    TRANSITIONS,
    check_contact_person,
    check_date,
    check_id,
    client_profile,
    new_client_code,
    normal_code,
    refuse,
)

__all__ = [
    "send_referral",
    "move_referral",
    "get_referral",
    "list_referrals",
    "record_rung",
    "client_organisations",
    "referral_json",
]

_SEND_FIELDS = (
    "offer",
    "from_organisation",
    "consent",
    "client",
    "profile",
    "path",
    "step",
    "appointment_date",
    "contact_person",
)
_PATCH_FIELDS = ("status", "reason", "appointment_date", "contact_person")
_COLUMNS = (
    "id",
    "client_code",
    "region",
    "offer_id",
    "from_organisation",
    "to_organisation",
    "previous_organisation",
    "step",
    "path",
    "warm",
    "status",
    "reason",
    "appointment_date",
    "contact_person",
    "created_at",
    "updated_at",
    "created_by",
    "version",
)


def _stamp(at: dt.datetime | None) -> str:
    return now() if at is None else at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _row(db: sqlite_utils.Database, referral_id: Any) -> dict[str, Any] | None:
    if not isinstance(referral_id, str):
        return None
    query = sql("SELECT {columns} FROM referrals WHERE id = ?", columns=_COLUMNS)
    found = db.execute(query, [referral_id]).fetchone()
    return dict(zip(_COLUMNS, found, strict=True)) if found else None


def referral_json(db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
    """A referral as the API shows it: the row, its offer's name, the client's profile, its
    status events."""
    offer = db.execute("SELECT name FROM offers WHERE id = ?", [row["offer_id"]]).fetchone()
    events = db.execute(
        "SELECT at, status, reason FROM referral_events WHERE referral_id = ? ORDER BY id",
        [row["id"]],
    ).fetchall()
    return {
        "id": row["id"],
        "client_code": row["client_code"],
        "status": row["status"],
        "reason": row["reason"],
        "offer": row["offer_id"],
        "offer_name": offer[0] if offer else None,
        "region": row["region"],
        "from_organisation": row["from_organisation"],
        "to_organisation": row["to_organisation"],
        "previous_organisation": row["previous_organisation"],
        "step": row["step"],
        "path": json.loads(row["path"]) if row["path"] else [],
        "handover": "start" if row["step"] == 1 else ("warm" if row["warm"] else "cold"),
        "appointment_date": row["appointment_date"],
        "contact_person": row["contact_person"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "version": row["version"],
        "overdue": is_overdue(row, answer_days(), dt.date.today()),
        "profile": _profile(db, row["client_code"]),
        "events": [{"at": at, "status": s, "reason": r} for at, s, r in events],
    }


_PROFILE_COLUMNS = (
    "age_band",
    "gender",
    "target_groups",
    "languages",
    "residence_status",
    "work_ban",
    "rung",
    "goal",
    "neighbourhood",
)


def _profile(db: sqlite_utils.Database, code: str) -> dict[str, Any]:
    query = sql("SELECT {columns} FROM clients WHERE code = ?", columns=_PROFILE_COLUMNS)
    found = db.execute(query, [code]).fetchone()
    if found is None:
        return {}
    out = dict(zip(_PROFILE_COLUMNS, found, strict=True))
    for key in ("target_groups", "languages"):
        out[key] = json.loads(out[key]) if out[key] else []
    return {k: v for k, v in out.items() if v not in (None, [])}


def client_organisations(db: sqlite_utils.Database, code: str) -> frozenset[str]:
    """Every organisation that sent or received a referral of client ``code``."""
    rows = db.execute(
        "SELECT from_organisation, to_organisation FROM referrals WHERE client_code = ?", [code]
    ).fetchall()
    return frozenset(o for pair in rows for o in pair if o)


def _region_of_client(db: sqlite_utils.Database, code: str) -> str | None:
    found = db.execute("SELECT region FROM clients WHERE code = ?", [code]).fetchone()
    return found[0] if found else None


def _target(row: dict[str, Any], *organisations: str) -> Target:
    return Target(row["region"], frozenset(o for o in organisations if o))


def _visible(db: sqlite_utils.Database, user: User, referral_id: Any) -> dict[str, Any]:
    """The referral, if ``user`` may see it; else :class:`NotFound` (nothing revealed)."""
    row = _row(db, referral_id)
    if row is None or not may(
        user, "see referral", _target(row, row["from_organisation"], row["to_organisation"])
    ):
        raise NotFound(f"referral {referral_id!r}: no such referral")
    return row


def _organisation(db: sqlite_utils.Database, organisation: str) -> tuple[str, str]:
    found = db.execute(
        "SELECT id, region FROM organisations WHERE id = ?", [organisation]
    ).fetchone()
    if found is None:
        raise EditError("from_organisation", "from_organisation: unknown organisation")
    return found[0], found[1]


def _offer(db: sqlite_utils.Database, offer: str, field: str) -> tuple[str, str, str]:
    found = db.execute(
        "SELECT id, organisation, region FROM offers WHERE id = ?", [offer]
    ).fetchone()
    if found is None:
        raise EditError(field, f"{field}: unknown offer")
    return found[0], found[1], found[2]


def _path(db: sqlite_utils.Database, body: dict[str, Any], offer: str) -> tuple[list[str], int]:
    path, step = body.get("path"), body.get("step", 1)
    if path is None:
        path = [offer] if step == 1 else None
    if not isinstance(path, list) or not path or len(path) > 12:
        raise EditError("path", "path: expected the offers of the client's path, in order")
    for n, item in enumerate(path):
        _offer(db, check_id(item, f"path[{n}]"), f"path[{n}]")
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= len(path):
        raise EditError("step", f"step: expected a step of the path, from 1 to {len(path)}")
    if path[step - 1] != offer:
        raise EditError("step", f"step: step {step} of the path is not the offer referred to")
    return path, step


def _warm(db: sqlite_utils.Database, previous_offer: str, offer: str) -> bool:
    """A ``refers-to`` link joins the previous step (or its organisation) to this offer
    (or its organisation)."""
    found = db.execute(
        """
        SELECT 1 FROM referral_links l
        JOIN offers p ON p.id = ? JOIN offers o ON o.id = ?
        WHERE (l.from_offer = p.id OR l.from_organisation = p.organisation)
          AND (l.to_offer = o.id OR l.to_organisation = o.organisation)
        LIMIT 1
        """,
        [previous_offer, offer],
    ).fetchone()
    return found is not None


def send_referral(
    db: sqlite_utils.Database, body: Any, *, user: User, at: dt.datetime | None = None
) -> dict[str, Any]:
    """Send one step of a path to the receiving organisation, with the client's consent.

    ``body``: ``{offer, from_organisation, consent: true, client: {code?}, profile: {…},
    path?, step?, appointment_date?, contact_person?}``.  Without a ``client.code`` a new
    random code is made.  Returns the referral (:func:`referral_json`), status ``sent``.
    """
    if not isinstance(body, dict):
        raise EditError("body", "referral: expected a JSON object")
    for key in body:
        if key not in _SEND_FIELDS:
            raise refuse(key)
    client = body.get("client") or {}
    if not isinstance(client, dict):
        raise EditError("client", 'client: expected a JSON object such as {"code": "K7Q-4M2P"}')
    for key in client:
        if key != "code":
            raise refuse(f"client.{key}")
    profile = client_profile(db, body.get("profile"))
    if body.get("consent") is not True:
        raise EditError("consent", "consent: the client's consent is required (consent: true)")
    offer, to_organisation, region = _offer(db, check_id(body.get("offer"), "offer"), "offer")
    sender, _ = _organisation(db, check_id(body.get("from_organisation"), "from_organisation"))
    require(user, "send referral", Target(region, frozenset({sender})), "referral")
    path, step = _path(db, body, offer)
    appointment = check_date(body.get("appointment_date"), "appointment_date")
    contact = check_contact_person(body.get("contact_person"))
    code = normal_code(client["code"]) if "code" in client else None
    if code is not None and not may(
        user, "see client", Target(region, client_organisations(db, code))
    ):
        raise NotFound("client.code: no such client code")
    previous = None
    warm = False
    if step > 1:
        previous = _offer(db, path[step - 2], "path")[1]
        warm = _warm(db, path[step - 2], offer)
    stamp = _stamp(at)
    referral_id = "ref-" + secrets.token_hex(6)
    with store.write(db):
        if code is None:
            code = new_client_code()
            while db.execute("SELECT 1 FROM clients WHERE code = ?", [code]).fetchone():
                code = new_client_code()  # pragma: no cover - 1 in 10¹⁰
            db.table("clients").insert({"code": code, "region": region, "created_at": stamp})
        if profile:
            lists = {k: json.dumps(v) for k, v in profile.items() if isinstance(v, list)}
            stored = {**profile, **lists}
            db.table("clients").update(code, stored)
        if "rung" in profile:  # the ladder at intake (and whenever a referral states it)
            db.execute(
                "INSERT INTO client_rungs (client_code, rung, date, organisation, recorded_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [code, profile["rung"], stamp[:10], sender, stamp],
            )
        db.table("referrals").insert(
            {
                "id": referral_id,
                "client_code": code,
                "region": region,
                "offer_id": offer,
                "from_organisation": sender,
                "to_organisation": to_organisation,
                "previous_organisation": previous,
                "step": step,
                "path": json.dumps(path),
                "warm": int(warm),
                "status": "sent",
                "reason": None,
                "appointment_date": appointment,
                "contact_person": contact,
                "created_at": stamp,
                "updated_at": stamp,
                "created_by": user.email,
                "version": 1,
            }
        )
        _event(db, referral_id, stamp, "sent", None, user)
        after = _row(db, referral_id)
        _history(db, user, "send referral", after, None, after)
    assert after is not None
    return referral_json(db, after)


def _event(
    db: sqlite_utils.Database,
    referral_id: str,
    at: str,
    status: str,
    reason: str | None,
    user: User,
) -> None:
    db.execute(
        "INSERT INTO referral_events (referral_id, at, status, reason, user)"
        " VALUES (?, ?, ?, ?, ?)",
        [referral_id, at, status, reason, user.email],
    )


def _history(
    db: sqlite_utils.Database,
    user: User,
    action: str,
    row: dict[str, Any] | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Announce the referral on the change feed and record it in ``changes``.

    The feed entry has no region: an outcome refreshes the routing model's outcome
    counts, never a region's records.
    """
    assert row is not None
    store.log_change(db, "referral", row["id"], None)
    append_change(
        db,
        user=user.email,
        action=action,
        record=f"referral:{row['id']}",
        region=row["region"],
        before=before,
        after=after,
    )


def move_referral(
    db: sqlite_utils.Database,
    referral_id: str,
    body: Any,
    *,
    user: User,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """Change a referral: its ``status`` (with ``reason`` for declined and dropped_out; only
    the receiving organisation), ``appointment_date`` or ``contact_person`` (either side)."""
    if not isinstance(body, dict) or not body:
        raise EditError("status", 'status: expected a JSON object such as {"status": "accepted"}')
    for key in body:
        if key not in _PATCH_FIELDS:
            raise refuse(key)
    stamp = _stamp(at)
    with store.write(db):
        before = _visible(db, user, referral_id)
        changes: dict[str, Any] = {}
        if "status" in body or "reason" in body:
            changes.update(_status_change(before, body, user))
        if "appointment_date" in body:
            changes["appointment_date"] = check_date(body["appointment_date"], "appointment_date")
        if "contact_person" in body:
            changes["contact_person"] = check_contact_person(body["contact_person"])
        changes.update(updated_at=stamp, version=before["version"] + 1)
        db.table("referrals").update(referral_id, changes)
        if "status" in changes:
            _event(db, referral_id, stamp, changes["status"], changes["reason"], user)
        after = _row(db, referral_id)
        action = f"referral {changes['status']}" if "status" in changes else "edit referral"
        _history(db, user, action, after, before, after)
    assert after is not None
    return referral_json(db, after)


def _status_change(before: dict[str, Any], body: dict[str, Any], user: User) -> dict[str, Any]:
    require(
        user,
        "move referral",
        _target(before, before["to_organisation"]),
        "referral (only the receiving organisation moves its status)",
    )
    status, reason = body.get("status"), body.get("reason")
    allowed = TRANSITIONS[before["status"]]
    if status not in allowed:
        then = ", ".join(allowed) if allowed else "nothing (it is final)"
        raise EditError(
            "status",
            f"status: a referral that is {before['status']!r} can move to {then}, not {status!r}",
        )
    if status in ("declined", "dropped_out"):
        if reason not in REASONS:
            raise EditError("reason", f"reason: {status} needs one of {', '.join(REASONS)}")
    elif reason is not None:
        raise EditError("reason", "reason: only for declined or dropped_out")
    return {"status": status, "reason": reason}


def get_referral(db: sqlite_utils.Database, referral_id: str, *, user: User) -> dict[str, Any]:
    """One referral the user's organisation sent or received (else :class:`NotFound`)."""
    return referral_json(db, _visible(db, user, referral_id))


def list_referrals(
    db: sqlite_utils.Database, *, user: User, direction: str = "in", limit: int = 500
) -> list[dict[str, Any]]:
    """The referrals the user's organisations received (``in``) or sent (``out``), newest
    first.  Only case workers have such a list."""
    if direction not in ("in", "out"):
        raise EditError("direction", "direction: expected 'in' or 'out'")
    own = frozenset(user.organisations)
    if not own or not may(user, "see referral", Target(None, own)):
        raise PermissionDenied(f"referrals: a user with role {user.role!r} may not see referrals")
    column = "to_organisation" if direction == "in" else "from_organisation"
    query = sql(
        "SELECT {columns} FROM referrals WHERE {column} IN ({values})"
        " ORDER BY created_at DESC, id LIMIT ?",
        columns=_COLUMNS,
        column=column,
        values=marks(user.organisations),
    )
    rows = db.execute(query, [*user.organisations, limit]).fetchall()
    return [referral_json(db, dict(zip(_COLUMNS, r, strict=True))) for r in rows]


def record_rung(
    db: sqlite_utils.Database,
    code: str,
    body: Any,
    *,
    user: User,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """Record the client's rung on a date: ``{rung, date}`` (date default: today)."""
    code = normal_code(code, "code")
    organisations = client_organisations(db, code)
    own = sorted(set(user.organisations) & organisations)
    if not own or not may(user, "see client", Target(_region_of_client(db, code), organisations)):
        raise NotFound("client: no such client code")
    if not isinstance(body, dict):
        raise EditError("rung", 'rung: expected a JSON object such as {"rung": 3}')
    for key in body:
        if key not in ("rung", "date"):
            raise refuse(key)
    rung = body.get("rung")
    if isinstance(rung, bool) or not isinstance(rung, int) or not 1 <= rung <= 6:
        raise EditError("rung", "rung: expected a rung from 1 to 6")
    stamp = _stamp(at)
    date = check_date(body.get("date"), "date") or stamp[:10]
    if date > stamp[:10]:
        raise EditError("date", "date: a rung is recorded for today or an earlier day")
    with store.write(db):
        cursor = db.execute(
            "INSERT INTO client_rungs (client_code, rung, date, organisation, recorded_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [code, rung, date, own[0], stamp],
        )
        store.log_change(db, "referral", f"rung-{cursor.lastrowid}", None)
    return {"client_code": code, "rung": rung, "date": date, "organisation": own[0]}
