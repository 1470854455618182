"""The referral API (DESIGN.md "Referrals and outcomes"): referrals, rungs, outcomes, clients.

Routes of the write API's blueprint (:mod:`web.api.write`): the same bearer
tokens, the same 401 for a missing or bad token, ``Cache-Control: no-store``.
Each endpoint calls one function of :mod:`socialmap.referrals`, which decides
the rest — 403 (the role may not), 404 (unknown, or not the user's to see: a
denied read reveals nothing), 400 ``{"error", "field"}`` (a refused or bad
field, personal data included) — and then nothing is written.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from socialmap import referrals
from socialmap.editing.permissions import Target, require
from socialmap.errors import NotFound

from ..data import get_db, get_write_db
from . import json_object
from .write import _user, bp

__all__ = ["bp"]


def _created(body: dict[str, object]) -> Response:
    response = jsonify(body)
    response.status_code = 201
    return response


@bp.post("/referrals")
def send_referral() -> Response:
    """Send one step of a path to the receiving organisation (consent required)."""
    body = json_object("a referral")
    return _created(referrals.send_referral(get_write_db(), body, user=_user()))


@bp.patch("/referrals/<referral_id>")
def move_referral(referral_id: str) -> Response:
    """Move a referral's status (receiving organisation) or set its appointment."""
    body = json_object("a status change")
    return jsonify(referrals.move_referral(get_write_db(), referral_id, body, user=_user()))


@bp.get("/referrals")
def list_referrals() -> Response:
    """The referrals the user's organisations received (``direction=in``) or sent (``out``)."""
    direction = request.args.get("direction", "in")
    user, db = _user(), get_db()
    items = referrals.list_referrals(db, user=user, direction=direction)
    answer: dict[str, object] = {"direction": direction, "items": items}
    if direction == "in":
        answer["follow_ups"] = referrals.follow_ups(db, user.organisations)
    return jsonify(answer)


@bp.get("/referrals/<referral_id>")
def get_referral(referral_id: str) -> Response:
    """One referral the user's organisation sent or received."""
    return jsonify(referrals.get_referral(get_db(), referral_id, user=_user()))


@bp.post("/clients/<code>/rungs")
def record_rung(code: str) -> Response:
    """Record the client's rung on a date."""
    body = json_object('a rung such as {"rung": 3, "date": "2026-12-01"}')
    return _created(referrals.record_rung(get_write_db(), code, body, user=_user()))


@bp.get("/clients/<code>")
def export_client(code: str) -> Response:
    """Everything held about a client code."""
    return jsonify(referrals.export_client(get_db(), code, user=_user()))


@bp.delete("/clients/<code>")
def erase_client(code: str) -> Response:
    """Erase a client code everywhere."""
    return jsonify(referrals.erase_client(get_write_db(), code, user=_user()))


@bp.get("/outcomes")
def outcomes() -> Response:
    """Outcome aggregates of a region (counts below 5 as "<5"; no client codes)."""
    region = request.args.get("region") or ""
    by = request.args.get("by", "offer")
    db = get_db()
    if not db.execute("SELECT 1 FROM regions WHERE id = ?", [region]).fetchone():
        raise NotFound(f"region {region!r}: no such region")
    organisations = frozenset(
        r[0] for r in db.execute("SELECT id FROM organisations WHERE region = ?", [region])
    )
    require(_user(), "see outcomes", Target(region, organisations), f"outcomes of {region!r}")
    rows = referrals.outcome_table(db, region, by)
    return jsonify(region=region, by=by, min_count=referrals.MIN_COUNT, rows=rows)
