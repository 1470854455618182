"""Who may do what: the one table of permission rules, and :func:`may`.

A rule gives, per action, the roles allowed and how far their reach goes:
``"organisation"`` — records of the user's own organisations (a referral link
from or to one of them), ``"region"`` — every record of the user's regions,
``"all"`` — everything.  A role missing from an action's rule may not do it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import PermissionDenied
from .accounts import User

__all__ = ["RULES", "Target", "may", "require"]

_EDIT = {"editor": "organisation", "coordinator": "region", "admin": "all"}

#: action -> {role: reach}.  DESIGN.md "Accounts, roles and editing".
RULES: dict[str, dict[str, str]] = {
    # a new organisation is approved by its region's coordinator
    "create organisation": {"coordinator": "region", "admin": "all"},
    "edit organisation": _EDIT,  # patch, "still correct"
    "edit location": _EDIT,  # create, patch, delete
    "edit offer": _EDIT,  # create, patch, delete, "still correct"
    "edit referral link": _EDIT,  # put, delete, confirm
    "see history": _EDIT,
    "revert": {"coordinator": "region", "admin": "all"},
    "manage users": {"coordinator": "region", "admin": "all"},
    # the network's upkeep: suggestions from the public reach the record's organisation and
    # region; who has not confirmed their entries is the coordinator's overview
    "handle suggestions": _EDIT,
    "see upkeep": {"coordinator": "region", "admin": "all"},
    # Referrals (DESIGN.md "Referrals and outcomes"): only case workers of the sending or
    # receiving organisation see a referral or its client; the target's organisations are
    # those of the referral (sending: the sender; moving: the receiver; a client: every
    # organisation that sent or received one of its referrals).
    "send referral": {"caseworker": "organisation"},
    "see referral": {"caseworker": "organisation"},
    "move referral": {"caseworker": "organisation"},
    "see client": {"caseworker": "organisation"},
    # Aggregates only (every count below 5 shown as "<5"): no client code in them.  A case
    # worker's target is the region's organisations.
    "see outcomes": {"caseworker": "organisation", "coordinator": "region", "admin": "all"},
}


@dataclass(frozen=True)
class Target:
    """What a permission is asked about: a record's region and organisation(s).

    A referral link has two organisations (of its two ends); the others one, or none.
    """

    region: str | None
    organisations: frozenset[str] = frozenset()


def may(user: User | None, action: str, record: Target) -> bool:
    """Whether ``user`` may do ``action`` (a key of :data:`RULES`) on ``record`` — its region
    and organisations (:func:`socialmap.editing.target_of` gives them for a stored record).

    >>> editor = User("e@example.org", "editor", organisations=("college",))
    >>> may(editor, "edit offer", Target("testville", frozenset({"college"})))
    True
    >>> may(editor, "edit offer", Target("testville", frozenset({"municipality"})))
    False
    >>> may(editor, "revert", Target("testville", frozenset({"college"})))
    False
    """
    if user is None or user.disabled:
        return False
    reach = RULES[action].get(user.role)
    if reach == "all":
        return True
    if reach == "region":
        return record.region is not None and record.region in user.regions
    if reach == "organisation":
        return bool(record.organisations & set(user.organisations))
    return False


def require(user: User | None, action: str, target: Target, what: str) -> None:
    """Raise :class:`PermissionDenied` unless :func:`may`; ``what`` names the record."""
    if not may(user, action, target):
        role = user.role if user is not None else "anonymous"
        raise PermissionDenied(f"{what}: a user with role {role!r} may not {action} here")
