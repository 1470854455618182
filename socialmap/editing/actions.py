"""The write path: one function per edit, each validated as an import, written in one
transaction, versioned, recorded in ``changes`` and announced on the routing change feed.

Every function takes the acting :class:`~socialmap.editing.accounts.User` and,
where a record is replaced, ``if_match`` — the version the writer opened.  In
order, an edit answers :class:`~socialmap.errors.NotFound` (unknown id),
:class:`~socialmap.errors.PermissionDenied` (the role may not),
:class:`~socialmap.errors.Conflict` (the record changed since ``if_match``) or
:class:`~socialmap.errors.EditError` (a dataset rule, naming the field); in each
case nothing is written.  A PATCH is a JSON merge patch (RFC 7386) of the
dataset record: the fields it names replace the stored ones, a list whole,
``null`` removes a field.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from .. import store
from ..errors import Conflict, EditError, NotFound
from ..sql import sql
from .accounts import User
from .check import checked
from .history import Change, append_change, changes_of, get_change, last_change
from .permissions import Target, may, require
from .records import KINDS, Stored, load, record_key, remove, save

__all__ = [
    "Result",
    "merge_patch",
    "create_organisation",
    "patch_organisation",
    "verify_organisation",
    "create_location",
    "patch_location",
    "delete_location",
    "create_offer",
    "patch_offer",
    "delete_offer",
    "verify_offer",
    "put_referral_link",
    "delete_referral_link",
    "confirm_referral_link",
    "revert_change",
    "list_changes",
    "target_of",
]

Body = dict[str, Any]
#: keys of an API record that are not dataset fields: read-only, never validated or stored
_ENVELOPE = ("version", "region")


@dataclass(frozen=True)
class Result:
    """What an edit did: the record now (None after a delete), before, and the change number."""

    stored: Stored | None
    before: Stored | None
    change: int
    warnings: list[str] = field(default_factory=list)

    @property
    def created(self) -> bool:
        """True when the edit created the record."""
        return self.before is None and self.stored is not None

    def to_json(self) -> dict[str, Any]:
        """The stored record with its ``version`` (after a delete: the last one)."""
        shown = self.stored or self.before
        assert shown is not None
        return shown.to_json()


def merge_patch(target: Body, patch: Body) -> Body:
    """``target`` with ``patch`` applied (RFC 7386).

    >>> merge_patch({"a": 1, "b": {"c": 2, "d": 3}, "l": [1]}, {"b": {"c": None}, "l": [2]})
    {'a': 1, 'b': {'d': 3}, 'l': [2]}
    """
    result = copy.deepcopy(target)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge_patch(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _where(kind: str, record_id: Any) -> str:
    return f"{kind} (id {record_id!r})" if isinstance(record_id, str) else kind


def _body(kind: str, body: Any) -> Body:
    if not isinstance(body, dict):
        raise EditError("body", f"{kind}: expected a JSON object (a {kind} record)")
    return {k: copy.deepcopy(v) for k, v in body.items() if k not in _ENVELOPE}


def _today(today: dt.date | None) -> str:
    return (today or dt.date.today()).isoformat()


# --- who owns what ----------------------------------------------------------------------------


def _organisation_of(db: sqlite_utils.Database, node: Any) -> str | None:
    """The organisation a referral-link end is, or runs (for an offer)."""
    if not isinstance(node, str):
        return None
    if db.table("organisations").count_where("id = ?", [node]):
        return node
    row = db.execute("SELECT organisation FROM offers WHERE id = ?", [node]).fetchone()
    return row[0] if row else None


def _owners(db: sqlite_utils.Database, kind: str, record: Body) -> frozenset[str]:
    if kind == "organisation":
        owners = {record.get("id")}
    elif kind == "referral_link":
        owners = {_organisation_of(db, record.get("from")), _organisation_of(db, record.get("to"))}
    else:
        owners = {record.get("organisation")}
    return frozenset(o for o in owners if isinstance(o, str))


def _region_of_node(db: sqlite_utils.Database, node: Any) -> str | None:
    if not isinstance(node, str):
        return None
    for table in ("organisations", "offers"):
        row = db.execute(
            sql("SELECT region FROM {table} WHERE id = ?", table=table), [node]
        ).fetchone()
        if row:
            return str(row[0])
    return None


def _region_for(db: sqlite_utils.Database, kind: str, record: Body, hint: str | None) -> str:
    """The region a new record belongs to: its organisation's (a link's: its ``from`` end's)."""
    where = _where(kind, record.get("id"))
    if kind == "referral_link":
        region = _region_of_node(db, record.get("from"))
        if region is None:
            raise EditError(
                "from", f"{where}.from: unknown organisation or offer {record.get('from')!r}"
            )
        return region
    organisation = record.get("organisation") if kind != "organisation" else None
    if organisation is not None:
        region = _region_of_node(db, organisation) if isinstance(organisation, str) else None
        if region is None or not db.table("organisations").count_where("id = ?", [organisation]):
            raise EditError(
                "organisation", f"{where}.organisation: unknown organisation {organisation!r}"
            )
        if hint is not None and hint != region:
            raise EditError(
                "region", f"{where}.region: organisation {organisation!r} is in region {region!r}"
            )
        return region
    if kind == "offer":
        raise EditError("organisation", f"{where}.organisation: missing required field")
    if hint is None:
        raise EditError("region", f"{where}.region: missing (which region is it in?)")
    if not db.table("regions").count_where("id = ?", [hint]):
        raise EditError("region", f"{where}.region: unknown region {hint!r}")
    return hint


# --- the one write --------------------------------------------------------------------------


def _check_version(db: sqlite_utils.Database, stored: Stored, if_match: int | None) -> None:
    if if_match is None or if_match == stored.version:
        return
    last = last_change(db, record_key(stored.kind, stored.id))
    if last is not None and (last.after or {}).get("version") == stored.version:
        who, when = last.user or "someone", last.at
    else:
        row = db.execute("SELECT imported_at FROM regions WHERE id = ?", [stored.region]).fetchone()
        who, when = "a file import", (row[0] if row else "an unknown time")
    raise Conflict(
        f"{stored.kind} {stored.id!r}: changed by {who} at {when} since you opened it "
        f"(you opened version {if_match}; it is now version {stored.version})",
        changed_by=who,
        changed_at=when,
    )


def _check_unreferenced(db: sqlite_utils.Database, stored: Stored) -> None:
    """A delete may not leave references behind — an import of the region would refuse them."""
    where = _where(stored.kind, stored.id)
    if stored.kind == "location":
        users = [
            r["offer"] for r in db.table("offer_locations").rows_where("location = ?", [stored.id])
        ]
        if users:
            raise EditError(
                "id",
                f"{where}: still a location of offer {', '.join(map(repr, users))}; "
                "remove it from the offer first",
            )
    if stored.kind == "offer":
        links = [
            r["id"]
            for r in db.table("referral_links").rows_where(
                "from_offer = ? OR to_offer = ?", [stored.id, stored.id]
            )
        ]
        if links:
            raise EditError(
                "id",
                f"{where}: still an end of referral link {', '.join(map(repr, links))}; "
                "delete the link first",
            )


def _edit(
    db: sqlite_utils.Database,
    user: User,
    kind: str,
    record_id: str,
    action: str,
    new_record: Callable[[Stored | None], Body | None],
    *,
    permission: str,
    if_match: int | None = None,
    must_exist: bool | None = True,
    region: str | None = None,
    reverts: int | None = None,
) -> Result:
    """Apply one edit of record ``record_id`` in one transaction (see the module)."""
    where = _where(kind, record_id)
    with store.write(db):
        before = load(db, kind, record_id)
        if before is None and must_exist:
            raise NotFound(f"{kind} {record_id!r}: no such {kind.replace('_', ' ')}")
        if before is not None and must_exist is False:
            raise EditError("id", f"{where}.id: already used (in region {before.region!r})")
        if before is not None:
            require(user, permission, _target(db, before.region, before), where)
            _check_version(db, before, if_match)
        elif if_match is not None:
            raise Conflict(f"{kind} {record_id!r}: it no longer exists")
        record = new_record(before)
        warnings: list[str] = []
        if record is not None:
            record_region = before.region if before else _region_for(db, kind, record, region)
            require(user, permission, Target(record_region, _owners(db, kind, record)), where)
            record, warnings = checked(db, kind, record_region, record)
            version = before.version + 1 if before else 1
            save(db, kind, record_region, record, version, exists=before is not None)
            after = load(db, kind, record_id)
        else:
            assert before is not None
            _check_unreferenced(db, before)
            remove(db, kind, record_id)
            after = None
        shown = after or before
        assert shown is not None
        store.log_change(db, kind, record_id, shown.region)
        number = append_change(
            db,
            user=user.email,
            action=action,
            record=record_key(kind, record_id),
            region=shown.region,
            before=before.to_json() if before else None,
            after=after.to_json() if after else None,
            reverts=reverts,
        )
    return Result(after, before, number, warnings)


def target_of(db: sqlite_utils.Database, record: str) -> Target:
    """The region and organisations of a stored record (``"offer:coffee"``), for :func:`may`."""
    kind, _, record_id = record.partition(":")
    stored = load(db, kind, record_id) if kind in KINDS else None
    if stored is None:
        raise NotFound(f"{record}: no such record")
    return _target(db, stored.region, stored)


def _target(db: sqlite_utils.Database, region: str | None, stored: Stored) -> Target:
    return Target(region, _owners(db, stored.kind, stored.record))


def _new_id(kind: str, body: Body) -> str:
    record_id = body.get("id")
    if record_id is None:
        record_id = body["id"] = f"{kind}-{secrets.token_hex(4)}"
    if not isinstance(record_id, str):
        raise EditError("id", f"{kind}.id: {record_id!r} is not of type string")
    return record_id


def _check_new_id(db: sqlite_utils.Database, kind: str, record_id: str) -> None:
    """An offer and an organisation may not share an id (referral links name either)."""
    other = {"offer": "organisations", "organisation": "offers"}.get(kind)
    if other and db.table(other).count_where("id = ?", [record_id]):
        raise EditError(
            "id",
            f"{_where(kind, record_id)}.id: also the id of an {other[:-1]} "
            "(referral links could not tell them apart)",
        )


def _create(
    db: sqlite_utils.Database, user: User, kind: str, body: Any, permission: str, region: str | None
) -> Result:
    record = _body(kind, body)
    record_id = _new_id(kind, record)
    _check_new_id(db, kind, record_id)
    return _edit(
        db,
        user,
        kind,
        record_id,
        "create",
        lambda _: record,
        permission=permission,
        must_exist=False,
        region=region,
    )


def _patch(
    db: sqlite_utils.Database,
    user: User,
    kind: str,
    record_id: str,
    body: Any,
    if_match: int | None,
) -> Result:
    patch = _body(kind, body)
    if "id" in patch and patch["id"] != record_id:
        raise EditError("id", f"{_where(kind, record_id)}.id: an id cannot be changed")

    def patched(before: Stored | None) -> Body:
        assert before is not None
        record = merge_patch(before.record, patch)
        if kind == "location":
            _forget_derived_position(before.record, patch, record)
        return record

    return _edit(
        db,
        user,
        kind,
        record_id,
        "patch",
        patched,
        permission=f"edit {_noun(kind)}",
        if_match=if_match,
    )


def _forget_derived_position(before: Body, patch: Body, record: Body) -> None:
    """A new address makes an approximate (postcode) position stale: place it again."""
    moved = any(k in patch for k in ("postcode", "address", "city"))
    if moved and before.get("approximate") and "lat" not in patch and "lon" not in patch:
        for key in ("lat", "lon", "approximate"):
            record.pop(key, None)
    elif ("lat" in patch or "lon" in patch) and "approximate" not in patch:
        record.pop("approximate", None)


def _noun(kind: str) -> str:
    return kind.replace("_", " ")


def _set_date(
    db: sqlite_utils.Database,
    user: User,
    kind: str,
    record_id: str,
    key: str,
    action: str,
    if_match: int | None,
    today: dt.date | None,
) -> Result:
    def stamped(before: Stored | None) -> Body:
        assert before is not None
        return {**before.record, key: _today(today)}

    return _edit(
        db,
        user,
        kind,
        record_id,
        action,
        stamped,
        permission=f"edit {_noun(kind)}",
        if_match=if_match,
    )


def _delete(
    db: sqlite_utils.Database, user: User, kind: str, record_id: str, if_match: int | None
) -> Result:
    return _edit(
        db,
        user,
        kind,
        record_id,
        "delete",
        lambda _: None,
        permission=f"edit {_noun(kind)}",
        if_match=if_match,
    )


# --- the actions ----------------------------------------------------------------------------


def create_organisation(
    db: sqlite_utils.Database, body: Any, *, user: User, region: str | None = None
) -> Result:
    """Create an organisation in ``region`` (a coordinator's approval, or an admin's).

    The region is ``region``, else the body's ``region``, else the user's only region,
    else the database's only region.
    """
    if region is None and isinstance(body, dict) and isinstance(body.get("region"), str):
        region = body["region"]
    if region is None and len(user.regions) == 1:
        region = user.regions[0]
    if region is None:
        regions = [row["id"] for row in db.table("regions").rows_where(order_by="id")]
        region = regions[0] if len(regions) == 1 else None
    return _create(db, user, "organisation", body, "create organisation", region)


def patch_organisation(
    db: sqlite_utils.Database,
    organisation: str,
    body: Any,
    *,
    user: User,
    if_match: int | None = None,
) -> Result:
    """Change some fields of an organisation."""
    return _patch(db, user, "organisation", organisation, body, if_match)


def verify_organisation(
    db: sqlite_utils.Database,
    organisation: str,
    *,
    user: User,
    if_match: int | None = None,
    today: dt.date | None = None,
) -> Result:
    """ "Still correct": the organisation's ``last_verified`` becomes today."""
    return _set_date(
        db, user, "organisation", organisation, "last_verified", "verify", if_match, today
    )


def create_location(
    db: sqlite_utils.Database, body: Any, *, user: User, region: str | None = None
) -> Result:
    """Create a location (placed on the map as an import places it)."""
    return _create(db, user, "location", body, "edit location", region)


def patch_location(
    db: sqlite_utils.Database,
    location: str,
    body: Any,
    *,
    user: User,
    if_match: int | None = None,
) -> Result:
    """Change some fields of a location; a new address places it again."""
    return _patch(db, user, "location", location, body, if_match)


def delete_location(
    db: sqlite_utils.Database, location: str, *, user: User, if_match: int | None = None
) -> Result:
    """Delete a location no offer takes place at any more."""
    return _delete(db, user, "location", location, if_match)


def create_offer(db: sqlite_utils.Database, body: Any, *, user: User) -> Result:
    """Create an offer of an existing organisation."""
    return _create(db, user, "offer", body, "edit offer", None)


def patch_offer(
    db: sqlite_utils.Database, offer: str, body: Any, *, user: User, if_match: int | None = None
) -> Result:
    """Change some fields of an offer (a list field is replaced whole)."""
    return _patch(db, user, "offer", offer, body, if_match)


def delete_offer(
    db: sqlite_utils.Database, offer: str, *, user: User, if_match: int | None = None
) -> Result:
    """Delete an offer no referral link names any more."""
    return _delete(db, user, "offer", offer, if_match)


def verify_offer(
    db: sqlite_utils.Database,
    offer: str,
    *,
    user: User,
    if_match: int | None = None,
    today: dt.date | None = None,
) -> Result:
    """ "Still correct": the offer's ``last_verified`` becomes today."""
    return _set_date(db, user, "offer", offer, "last_verified", "verify", if_match, today)


def _link_id(source: str, target: str) -> str:
    return f"{source}->{target}"


def put_referral_link(
    db: sqlite_utils.Database,
    source: str,
    target: str,
    body: Any,
    *,
    user: User,
    if_match: int | None = None,
) -> Result:
    """Create or replace the referral link ``source -> target`` (``kind``, ``since``, …)."""
    record = _body("referral_link", body)
    for end, value in (("from", source), ("to", target)):
        if end in record and record[end] != value:
            raise EditError(end, f"referral_link.{end}: {record[end]!r} differs from the address")
    record = {"from": source, "to": target, **record}
    return _edit(
        db,
        user,
        "referral_link",
        _link_id(source, target),
        "put",
        lambda _: record,
        permission="edit referral link",
        if_match=if_match,
        must_exist=None,
    )


def delete_referral_link(
    db: sqlite_utils.Database,
    source: str,
    target: str,
    *,
    user: User,
    if_match: int | None = None,
) -> Result:
    """Delete the referral link ``source -> target``."""
    return _delete(db, user, "referral_link", _link_id(source, target), if_match)


def confirm_referral_link(
    db: sqlite_utils.Database,
    source: str,
    target: str,
    *,
    user: User,
    if_match: int | None = None,
    today: dt.date | None = None,
) -> Result:
    """The link still holds: its ``last_confirmed`` becomes today."""
    return _set_date(
        db,
        user,
        "referral_link",
        _link_id(source, target),
        "last_confirmed",
        "confirm",
        if_match,
        today,
    )


# --- history ----------------------------------------------------------------------------------


def _without_version(record: Body | None) -> Body | None:
    return None if record is None else {k: v for k, v in record.items() if k != "version"}


def revert_change(db: sqlite_utils.Database, number: int, *, user: User) -> Result:
    """Undo change ``number`` — itself a new change.  Refused (:class:`Conflict`) when the
    record changed again since: revert the later change first."""
    change = get_change(db, number)
    kind, record_id = change.record.split(":", 1)
    if kind not in KINDS:
        raise EditError("id", f"change {number}: a {kind} change cannot be reverted")
    wanted = _without_version(change.before)

    def reverted(current: Stored | None) -> Body | None:
        now = current.record if current is not None else None
        if now != _without_version(change.after):
            last = last_change(db, change.record)
            who, when = (last.user, last.at) if last else ("someone", "?")
            raise Conflict(
                f"{change.record}: changed by {who} at {when} since change {number}; "
                "revert the later change first"
            )
        return copy.deepcopy(wanted)

    return _edit(
        db,
        user,
        kind,
        record_id,
        "revert",
        reverted,
        permission="revert",
        must_exist=None,
        region=change.region,
        reverts=number,
    )


def _change_target(db: sqlite_utils.Database, change: Change) -> Target:
    kind = change.record.split(":", 1)[0]
    owners: frozenset[str] = frozenset()
    for record in (change.before, change.after):
        if record is not None and kind in KINDS:
            owners |= _owners(db, kind, record)
    return Target(change.region, owners)


def list_changes(
    db: sqlite_utils.Database, *, user: User, record: str | None = None, limit: int = 500
) -> list[Change]:
    """The changes ``user`` may see (of ``record``, e.g. ``"offer:coffee"``), newest first.

    The history of referrals (``referral:<id>``) is never listed here: it names client codes,
    which only the sending and receiving case workers see (``GET /api/referrals/<id>``).
    """
    return [
        c
        for c in changes_of(db, record, limit)
        if not c.record.startswith("referral:") and may(user, "see history", _change_target(db, c))
    ]
