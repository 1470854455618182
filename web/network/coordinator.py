"""The coordinator's pages: who has not confirmed their entries, the users of the region
(invite, disable), and organisations asking to join (approve, reject).

A coordinator sees and acts only within their regions, an admin everywhere;
every other role gets a 403.  Whether a user may be invited or disabled is
:func:`socialmap.editing.may` ``"manage users"`` on each region and organisation
the account reaches — a coordinator cannot touch an account that reaches
beyond their regions, nor hand out the admin role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap import editing, search
from socialmap.errors import EditError, NotFound
from socialmap.mail import MailError
from socialmap.network.accounts import Sent, invite
from socialmap.network.registrations import approve, pending_registrations, reject
from socialmap.network.stale import CONFIRM_MONTHS, months_before, organisation_upkeep
from socialmap.sql import marks, sql

from ..account import login_required
from ..data import get_db, get_write_db
from ..i18n import current_language
from ..mailing import mailed_link, smtp_settings
from . import bp, require_user

__all__ = ["overview"]

_COORDINATORS = ("coordinator", "admin")


def _regions(db: sqlite_utils.Database, user: editing.User) -> list[str] | None:
    """The regions the user coordinates (None: all, for an admin)."""
    return None if user.role == "admin" else list(user.regions)


def overview(db: sqlite_utils.Database, user: editing.User) -> dict[str, Any]:
    """What waits for a coordinator on the start page (nothing for an editor)."""
    if user.role not in _COORDINATORS:
        return {"registrations": None, "overdue": None}
    upkeep = organisation_upkeep(db, today=dt.date.today(), regions=_regions(db, user))
    return {"registrations": len(pending_registrations(db, user)), "overdue": len(upkeep)}


# --- who has not confirmed ----------------------------------------------------------------------


@bp.get("/upkeep")
@login_required
def upkeep() -> str:
    """The organisations with entries due: silent for 12 months or longer, then 6 to 12."""
    user = require_user(*_COORDINATORS)
    today = dt.date.today()
    rows = organisation_upkeep(get_db(), today=today, regions=_regions(get_db(), user))
    year_ago = months_before(today, CONFIRM_MONTHS).isoformat()
    long_ago = [u for u in rows if u.oldest is None or u.oldest < year_ago]
    lately = [u for u in rows if u not in long_ago]
    return render_template("network/upkeep.html", long_ago=long_ago, lately=lately)


# --- users --------------------------------------------------------------------------------------


def _reaches(user: editing.User, other: editing.User, db: sqlite_utils.Database) -> bool:
    """Whether ``user`` may manage the account ``other`` (every region and organisation of it)."""
    if other.role == "admin" and user.role != "admin":
        return False
    targets = [editing.Target(r) for r in other.regions]
    for organisation in other.organisations:
        try:
            targets.append(editing.target_of(db, f"organisation:{organisation}"))
        except NotFound:
            continue
    if not targets:
        return user.role == "admin"  # an account that reaches nothing: only an admin's
    return all(editing.may(user, "manage users", t) for t in targets)


def _organisations(db: sqlite_utils.Database, user: editing.User) -> list[dict[str, Any]]:
    regions = _regions(db, user)
    scope = sql("1") if regions is None else sql("region IN ({m})", m=marks(regions))
    query = sql(
        "SELECT id, name, region FROM organisations WHERE {scope} ORDER BY name", scope=scope
    )
    rows = db.execute(query, regions or []).fetchall()
    return [{"id": r[0], "name": r[1], "region": r[2]} for r in rows]


@bp.get("/users")
@login_required
def users() -> str:
    """The accounts of the coordinator's regions, with a form to invite one more."""
    user = require_user(*_COORDINATORS)
    db = get_db()
    shown = [u for u in editing.list_users(db) if _reaches(user, u, db)]
    regions = [
        r for r in search.list_regions(db) if user.role == "admin" or r["id"] in user.regions
    ]
    roles = [r for r in editing.ROLES if r != "admin" or user.role == "admin"]
    return render_template(
        "network/users.html",
        users=shown,
        me=user,
        roles=roles,
        regions=regions,
        organisations=_organisations(db, user),
        invited=None,
    )


def _invite(user: editing.User, email: str, role: str, region: str, organisation: str) -> Sent:
    db = get_write_db()
    regions = (region,) if role == "coordinator" and region else ()
    organisations = (organisation,) if role in ("editor", "caseworker") and organisation else ()
    wanted = editing.User(email, role, regions, organisations)
    if role not in editing.ROLES or not _reaches(user, wanted, db):
        abort(403)
    return invite(
        db,
        email,
        role,
        regions=regions,
        organisations=organisations,
        settings=smtp_settings(),
        link=lambda token: mailed_link("account.invite", token=token),
    )


@bp.post("/users/invite")
@login_required
def invite_user() -> Any:
    """Create an account and mail its invitation (or show the link to hand over)."""
    user = require_user(*_COORDINATORS)
    form = request.form
    try:
        sent = _invite(
            user,
            form.get("email", "").strip(),
            form.get("role", ""),
            form.get("region", ""),
            form.get("organisation", ""),
        )
    except (EditError, MailError) as exc:
        flash(_("The invitation could not be made: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("network.users"), code=303)
    if sent.mailed:
        flash(_("The invitation was mailed to %(email)s.", email=sent.email))
        return redirect(url_for("network.users"), code=303)
    # No mail server: the coordinator hands the link over (shown once, never stored).
    return render_template("network/invited.html", sent=sent)


@bp.post("/users/disable")
@login_required
def disable_user() -> Response:
    """Disable an account of the coordinator's regions: its logins and tokens stop at once."""
    user = require_user(*_COORDINATORS)
    db = get_write_db()
    try:
        other = editing.get_user(db, request.form.get("email", ""))
    except NotFound:
        abort(404)
    if other.email == user.email or not _reaches(user, other, db):
        abort(403)
    editing.disable_user(db, other.email)
    flash(_("%(email)s is disabled.", email=other.email))
    return redirect(url_for("network.users"), code=303)


# --- organisations asking to join ---------------------------------------------------------------


@bp.get("/registrations")
@login_required
def registrations() -> str:
    """The pending requests of the coordinator's regions."""
    user = require_user(*_COORDINATORS)
    return render_template(
        "network/registrations.html", registrations=pending_registrations(get_db(), user)
    )


@bp.post("/registrations/<int:number>/approve")
@login_required
def approve_registration(number: int) -> Any:
    """Create the organisation (recorded in history) and invite the person who asked."""
    user = require_user(*_COORDINATORS)
    db = get_write_db()
    registration, _result = approve(db, number, user=user)
    organisation = registration.record["id"]
    flash(_("%(name)s is on the map now.", name=registration.record["name"]))
    try:
        editing.get_user(db, registration.contact_email)
    except NotFound:
        try:
            sent = invite(
                db,
                registration.contact_email,
                "editor",
                organisations=(organisation,),
                settings=smtp_settings(),
                link=lambda token: mailed_link("account.invite", token=token),
                lang=current_language(),
            )
        except (EditError, MailError) as exc:
            flash(_("The invitation could not be made: %(reason)s", reason=str(exc)), "error")
        else:
            if not sent.mailed:
                return render_template("network/invited.html", sent=sent)
            flash(_("The invitation was mailed to %(email)s.", email=sent.email))
    return redirect(url_for("network.registrations"), code=303)


@bp.post("/registrations/<int:number>/reject")
@login_required
def reject_registration(number: int) -> Response:
    """Turn a request down: nothing becomes visible."""
    user = require_user(*_COORDINATORS)
    registration = reject(get_write_db(), number, user=user)
    flash(_("The request of %(name)s was rejected.", name=registration.record["name"]))
    return redirect(url_for("network.registrations"), code=303)
