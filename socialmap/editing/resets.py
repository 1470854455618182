"""Password reset: a one-time link, stored only as a hash with its expiry (as invitations).

:func:`request_reset` answers the same way whether or not an address has an
account — the caller shows one sentence either way and mails the link only
when there is one — so nobody can probe which addresses exist.  A new request
replaces the older links of the same user; setting the password uses the link up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlite_utils
from werkzeug.security import generate_password_hash

from .. import store
from ..errors import EditError, NotFound
from .accounts import User, get_user
from .history import now

__all__ = [
    "RESET_HOURS",
    "request_reset",
    "check_reset_token",
    "reset_password",
    "check_new_password",
]

RESET_HOURS = 2
MIN_PASSWORD = 10


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def request_reset(db: sqlite_utils.Database, email: str) -> tuple[User, str] | None:
    """A new reset token for ``email`` (valid :data:`RESET_HOURS`), or None when the address
    has no enabled account.  Only the token's hash is stored."""
    email = email.strip().lower()
    try:
        user = get_user(db, email)
    except NotFound:
        return None
    if user.disabled:
        return None
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=RESET_HOURS)
    with store.write(db):
        db.table("password_resets").delete_where("user = ?", [user.email])
        db.table("password_resets").insert(
            {"token_hash": _hash(token), "user": user.email, "expires_at": expires.isoformat()}
        )
    return user, token


def _valid(db: sqlite_utils.Database, token: str) -> dict[str, str]:
    rows = list(db.table("password_resets").rows_where("token_hash = ?", [_hash(token)]))
    if not rows or rows[0]["used_at"] or rows[0]["expires_at"] < now():
        raise NotFound("reset: this link is unknown, used or expired")
    return rows[0]


def check_reset_token(db: sqlite_utils.Database, token: str) -> User:
    """The user a reset link is for; :class:`NotFound` if unknown, used or expired."""
    return get_user(db, _valid(db, token)["user"])


def check_new_password(password: str) -> str | None:
    """Why ``password`` will not do (an English message id), or None."""
    if len(password) < MIN_PASSWORD:
        return "password: use at least 10 characters"
    return None


def reset_password(db: sqlite_utils.Database, token: str, password: str) -> User:
    """Set the password of the link's user; the link is used up."""
    row = _valid(db, token)
    problem = check_new_password(password)
    if problem is not None:
        raise EditError("password", problem)
    user = get_user(db, row["user"])
    if user.disabled:
        raise NotFound("reset: this link is unknown, used or expired")
    with store.write(db):
        db.table("users").update(
            user.email, {"password_hash": generate_password_hash(password, "scrypt")}
        )
        db.table("password_resets").update(row["token_hash"], {"used_at": now()})
    return user
