"""Accounts: users with a role, their regions and organisations; invitations and API tokens.

Passwords are stored as scrypt hashes (``werkzeug.security``); invitation links
and API tokens are random, shown once, and stored only as SHA-256 hashes (they
carry 256 bits of randomness: a fast hash is enough, and it can be looked up).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from werkzeug.security import check_password_hash, generate_password_hash

from .. import store
from ..errors import EditError, NotFound
from .history import now

__all__ = [
    "ROLES",
    "User",
    "INVITATION_DAYS",
    "add_user",
    "get_user",
    "list_users",
    "disable_user",
    "issue_token",
    "authenticate_token",
    "accept_invitation",
    "invitation_user",
    "new_invitation",
    "check_password",
    "password_fingerprint",
]

ROLES = ("editor", "caseworker", "coordinator", "admin")
INVITATION_DAYS = 7
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class User:
    """A user as the permission rules see it."""

    email: str
    role: str
    regions: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    disabled: bool = False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_new_user(
    db: sqlite_utils.Database,
    email: str,
    role: str,
    regions: tuple[str, ...],
    organisations: tuple[str, ...],
) -> None:
    if not _EMAIL.match(email):
        raise EditError("email", f"email: {email!r} is not an e-mail address")
    if db.table("users").count_where("email = ?", [email]):
        raise EditError("email", f"email: {email!r} already has an account")
    if role not in ROLES:
        raise EditError(
            "role", f"role: unknown role {role!r} (expected one of: {', '.join(ROLES)})"
        )
    for region in regions:
        if not db.table("regions").count_where("id = ?", [region]):
            raise EditError("region", f"region: unknown region {region!r}")
    for organisation in organisations:
        if not db.table("organisations").count_where("id = ?", [organisation]):
            raise EditError("organisation", f"organisation: unknown organisation {organisation!r}")
    if role in ("editor", "caseworker") and not organisations:
        raise EditError("organisation", f"organisation: a user with role {role!r} needs one")
    if role == "coordinator" and not regions:
        raise EditError("region", "region: a coordinator needs at least one region")


def add_user(
    db: sqlite_utils.Database,
    email: str,
    role: str,
    regions: tuple[str, ...] = (),
    organisations: tuple[str, ...] = (),
) -> str:
    """Create a user and return their one-time invitation token (valid :data:`INVITATION_DAYS`)."""
    email = email.strip().lower()
    _check_new_user(db, email, role, regions, organisations)
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=INVITATION_DAYS)
    with store.write(db):
        db.table("users").insert({"email": email, "role": role, "disabled": 0, "created_at": now()})
        db.table("user_regions").insert_all(
            {"user": email, "region": r} for r in sorted(set(regions))
        )
        db.table("user_organisations").insert_all(
            {"user": email, "organisation": o} for o in sorted(set(organisations))
        )
        db.table("invitations").insert(
            {"token_hash": _hash(token), "user": email, "expires_at": expires.isoformat()}
        )
    return token


def new_invitation(db: sqlite_utils.Database, email: str) -> str:
    """A fresh one-time invitation token for the existing, enabled user ``email``."""
    user = get_user(db, email)
    if user.disabled:
        raise EditError("email", f"email: {user.email!r} is disabled")
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=INVITATION_DAYS)
    with store.write(db):
        db.table("invitations").insert(
            {"token_hash": _hash(token), "user": user.email, "expires_at": expires.isoformat()}
        )
    return token


def get_user(db: sqlite_utils.Database, email: str) -> User:
    """The user ``email``; :class:`NotFound` if there is none."""
    email = email.strip().lower()
    rows = list(db.table("users").rows_where("email = ?", [email]))
    if not rows:
        raise NotFound(f"user {email!r}: no such user")
    row = rows[0]
    regions = db.table("user_regions").rows_where("user = ?", [email], order_by="region")
    organisations = db.table("user_organisations").rows_where(
        "user = ?", [email], order_by="organisation"
    )
    return User(
        email=email,
        role=row["role"],
        regions=tuple(r["region"] for r in regions),
        organisations=tuple(o["organisation"] for o in organisations),
        disabled=bool(row["disabled"]),
    )


def list_users(db: sqlite_utils.Database) -> list[User]:
    """Every user, by e-mail address."""
    return [get_user(db, row["email"]) for row in db.table("users").rows_where(order_by="email")]


def disable_user(db: sqlite_utils.Database, email: str) -> User:
    """Disable ``email``: their tokens, password and invitations stop working."""
    user = get_user(db, email)
    with store.write(db):
        db.table("users").update(user.email, {"disabled": 1})
        db.table("api_tokens").delete_where("user = ?", [user.email])
        db.table("invitations").delete_where("user = ?", [user.email])
    return get_user(db, email)


def issue_token(db: sqlite_utils.Database, email: str) -> str:
    """A new API token for ``email``, returned once (only its hash is stored)."""
    user = get_user(db, email)
    if user.disabled:
        raise EditError("email", f"email: {user.email!r} is disabled")
    token = "smt_" + secrets.token_urlsafe(32)
    with store.write(db):
        db.table("api_tokens").insert(
            {"token_hash": _hash(token), "user": user.email, "created_at": now()}
        )
    return token


def authenticate_token(db: sqlite_utils.Database, token: str) -> User | None:
    """The enabled user this API token belongs to, or None."""
    rows = list(db.table("api_tokens").rows_where("token_hash = ?", [_hash(token)]))
    if not rows:
        return None
    user = get_user(db, rows[0]["user"])
    return None if user.disabled else user


def _open_invitation(db: sqlite_utils.Database, token: str) -> dict[str, Any] | None:
    """The invitation row of ``token`` if it is known, unused and not expired."""
    rows = list(db.table("invitations").rows_where("token_hash = ?", [_hash(token)]))
    if not rows or rows[0]["used_at"] or rows[0]["expires_at"] < now():
        return None
    return rows[0]


def invitation_user(db: sqlite_utils.Database, token: str) -> User | None:
    """The enabled user an open invitation ``token`` is for, or None (unknown, used, expired)."""
    row = _open_invitation(db, token)
    if row is None:
        return None
    user = get_user(db, row["user"])
    return None if user.disabled else user


def accept_invitation(db: sqlite_utils.Database, token: str, password: str) -> User:
    """Set the password of the invited user; the invitation is used up."""
    row = _open_invitation(db, token)
    current = now()
    if row is None:
        raise NotFound("invitation: this link is unknown, used or expired")
    if len(password) < 10:
        raise EditError("password", "password: use at least 10 characters")
    email = row["user"]
    with store.write(db):
        db.table("users").update(
            email, {"password_hash": generate_password_hash(password, "scrypt")}
        )
        db.table("invitations").update(row["token_hash"], {"used_at": current})
    return get_user(db, email)


@functools.cache
def _no_account() -> str:
    """Checked when there is no account, so that a wrong address takes as long as a wrong
    password (made once, on first use)."""
    return generate_password_hash(secrets.token_hex(8), "scrypt")


def check_password(db: sqlite_utils.Database, email: str, password: str) -> User | None:
    """The enabled user if ``password`` is theirs, else None."""
    rows = list(db.table("users").rows_where("email = ?", [email.strip().lower()]))
    stored = rows[0]["password_hash"] if rows else None
    if not check_password_hash(stored or _no_account(), password):
        return None
    if not rows or rows[0]["disabled"] or not stored:
        return None
    return get_user(db, email)


def password_fingerprint(db: sqlite_utils.Database, email: str) -> str | None:
    """A short digest of ``email``'s password hash (None without a password).

    A login session carries it: when the password changes, older sessions end.
    """
    row = db.execute(
        "SELECT password_hash FROM users WHERE email = ?", [email.strip().lower()]
    ).fetchone()
    if row is None or not row[0]:
        return None
    return _hash(row[0])[:16]
