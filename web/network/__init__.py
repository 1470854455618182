"""The network's pages: suggestions from the public, the history of every record with
one-click revert, and the page where editors confirm their entries.

Who sees what follows :func:`socialmap.editing.may` on the stored records: an
editor sees the suggestions and history of their organisations' records, a
coordinator those of their regions, an admin everything; only coordinators and
admins revert.  Every action is a POST with a CSRF token that calls one library
function (which checks the permission again) and answers with a redirect; a
denied action is a 403 and changes nothing.  The coordinator's own pages
(users, registrations, who is overdue) are in :mod:`.coordinator`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap import editing
from socialmap.editing.history import get_change
from socialmap.errors import Conflict, NotFound
from socialmap.network.diff import field_changes
from socialmap.network.stale import stale_entries
from socialmap.network.suggestions import mark_done, open_suggestions

from ..account import current_account, login_required
from ..data import get_db, get_write_db

__all__ = ["bp", "require_user"]

bp = Blueprint("network", __name__)

#: Roles that take part in keeping the map (a case worker only reads and refers).
_NETWORK_ROLES = ("editor", "coordinator", "admin")


def require_user(*roles: str) -> editing.User:
    """The logged-in user if their role is one of ``roles`` (default: any network role);
    else a 403 that reveals nothing more."""
    user = current_account()
    if user is None or user.role not in (roles or _NETWORK_ROLES):
        abort(403)
    return user


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
@login_required
def index() -> str:
    """The start page: what waits for this user."""
    user = require_user()
    db = get_db()
    from .coordinator import overview  # the coordinator's counts live with its pages

    return render_template(
        "network/index.html",
        user=user,
        suggestions=len(open_suggestions(db, user)),
        **overview(db, user),
    )


# --- suggestions --------------------------------------------------------------------------------


def _record_url(record: str) -> str | None:
    kind, _sep, record_id = record.partition(":")
    if kind == "offer":
        return url_for("residents.offer", offer_id=record_id)
    if kind == "organisation":
        return url_for("residents.organisation", organisation_id=record_id)
    return None


@bp.get("/suggestions")
@login_required
def suggestions() -> str:
    """The open suggestions about the user's organisations or regions, oldest first."""
    user = require_user()
    from ..suggestions import kind_labels

    return render_template(
        "network/suggestions.html",
        suggestions=open_suggestions(get_db(), user),
        kinds=dict(kind_labels()),
        record_url=_record_url,
    )


@bp.post("/suggestions/<int:number>/done")
@login_required
def suggestion_done(number: int) -> Response:
    """Take a suggestion off the queue."""
    user = require_user()
    mark_done(get_write_db(), number, user=user)
    flash(_("The suggestion is marked as done."))
    return redirect(url_for("network.suggestions"), code=303)


# --- history and revert -------------------------------------------------------------------------


@bp.get("/history")
@login_required
def history() -> str:
    """Every change the user may see (of ``?record=offer:<id>``), newest first, field by field."""
    user = require_user()
    record = request.args.get("record", "").strip() or None
    db = get_db()
    changes = editing.list_changes(db, user=user, record=record, limit=200)
    revertible = {c.id for c in changes if editing.may(user, "revert", editing.Target(c.region))}
    return render_template(
        "network/history.html",
        changes=[(c, field_changes(c.before, c.after)) for c in changes],
        record=record,
        revertible=revertible,
        record_url=_record_url,
    )


@bp.post("/changes/<int:number>/revert")
@login_required
def revert(number: int) -> Any:
    """Undo one change (itself a new change); a later change of the record is a 409."""
    user = require_user()
    db = get_write_db()
    try:
        change = get_change(db, number)
    except NotFound:
        abort(404)
    if not editing.list_changes(db, user=user, record=change.record, limit=10_000):
        abort(403)  # a change the user may not even see: reveal nothing about it
    try:
        result = editing.revert_change(db, number, user=user)
    except Conflict as exc:
        return render_template("network/conflict.html", message=str(exc), record=change.record), 409
    flash(_("Change %(number)s was undone (as change %(new)s).", number=number, new=result.change))
    return redirect(url_for("network.history", record=change.record), code=303)


# --- "still correct" ----------------------------------------------------------------------------


def _organisation_for(user: editing.User, organisation: str) -> editing.Target:
    db = get_db()
    try:
        target = editing.target_of(db, f"organisation:{organisation}")
    except NotFound:
        abort(404)
    if not editing.may(user, "edit organisation", target):
        abort(403)
    return target


@bp.get("/confirm/<organisation>")
@login_required
def confirm(organisation: str) -> str:
    """The organisation's entries that are due, each with a "still correct" button."""
    user = require_user()
    _organisation_for(user, organisation)
    db = get_db()
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [organisation]).fetchone()
    entries = stale_entries(db, today=dt.date.today(), organisation=organisation)
    return render_template(
        "network/confirm.html",
        organisation=organisation,
        name=row[0],
        entries=entries,
        record_url=_record_url,
    )


def _confirm_one(user: editing.User, entry: str) -> None:
    kind, _sep, record_id = entry.partition(":")
    db = get_write_db()
    if kind == "organisation":
        editing.verify_organisation(db, record_id, user=user)
    elif kind == "offer":
        editing.verify_offer(db, record_id, user=user)
    elif kind == "referral_link" and "->" in record_id:
        source, target = record_id.split("->", 1)
        editing.confirm_referral_link(db, source, target, user=user)
    else:
        abort(400)


@bp.post("/confirm/<organisation>")
@login_required
def confirm_entries(organisation: str) -> Response:
    """Confirm one entry (``entry=offer:<id>``) or all that are due (``entry=all``)."""
    user = require_user()
    _organisation_for(user, organisation)
    wanted = request.form.get("entry", "")
    due = stale_entries(get_db(), today=dt.date.today(), organisation=organisation)
    keys = [f"{e.kind}:{e.id}" for e in due]
    chosen = keys if wanted == "all" else [k for k in keys if k == wanted]
    if not chosen:
        abort(400)
    for key in chosen:
        _confirm_one(user, key)
    flash(_("Thank you: %(count)s entries confirmed as still correct.", count=len(chosen)))
    return redirect(url_for("network.confirm", organisation=organisation), code=303)


from . import coordinator  # noqa: E402,F401  (its views join this blueprint)
