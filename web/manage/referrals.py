"""``/manage/referrals``: a case worker's inbox and outbox of referrals, and a client's page.

The inbox lists the referrals the user's organisations received, each with the
status moves it allows (a reason from the fixed list for *declined* and
*dropped out*); the outbox the ones they sent, with their status.  Overdue
referrals (no answer after ``SOCIALMAP_REFERRAL_ANSWER_DAYS`` working days) are
flagged on both; due follow-ups (3, 6, 12 months after a start) ask for the
client's rung.  A client's page shows what is held about a code, downloads it as
JSON and erases it.  Every action is one call of :mod:`socialmap.referrals`,
which checks the permission again; a refused value is one line naming the field.
Only case workers have these pages (403 for anyone else; a code or referral that is
not theirs is 404).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap import editing, referrals
from socialmap.errors import EditError, NotFound, PermissionDenied

from ..account import current_account, login_required
from ..data import get_db, get_write_db
from ..i18n import current_language, labels_in

__all__ = ["bp", "consent_text"]

bp = Blueprint("manage_referrals", __name__)


def consent_text(months: int | None = None) -> str:
    """What the client agrees to, in the page's language (shown at the tick box, printed on
    the route sheet)."""
    return _(
        "I agree that this referral is sent to the receiving organisation with a client code "
        "and only what is needed to find the right offer (age band, gender, target groups, "
        "languages, residence status, work ban, rung, goal, neighbourhood) — no name, address "
        "or contact details. I can ask to see or erase it at any time; it is deleted "
        "%(months)s months after the last contact.",
        months=months or referrals.retention_months(),
    )


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _caseworker() -> editing.User:
    user = current_account()
    if user is None or user.role != "caseworker" or not user.organisations:
        abort(403)
    return user


def _statuses() -> dict[str, str]:
    return {
        "sent": _("sent"),
        "accepted": _("accepted"),
        "declined": _("declined"),
        "started": _("started"),
        "completed": _("completed"),
        "dropped_out": _("dropped out"),
        "no_show": _("did not come"),
    }


def _profile_labels() -> dict[str, str]:
    return {
        "age_band": _("Age band"),
        "gender": _("Gender"),
        "target_groups": _("Target groups"),
        "languages": _("Languages"),
        "residence_status": _("Residence status"),
        "work_ban": _("Work ban"),
        "rung": _("Rung at intake"),
        "goal": _("Goal"),
        "neighbourhood": _("Neighbourhood"),
    }


def _reasons() -> dict[str, str]:
    return {
        "no_capacity": _("no capacity"),
        "not_eligible": _("not eligible"),
        "client_withdrew": _("the client withdrew"),
        "no_contact": _("no contact"),
        "other": _("other"),
    }


@bp.get("/")
@login_required
def index() -> Any:
    """Inbox, outbox, overdue flags and due follow-ups of the user's organisations."""
    user = _caseworker()
    db = get_db()
    inbox = referrals.list_referrals(db, user=user, direction="in")
    outbox = referrals.list_referrals(db, user=user, direction="out")
    names = dict(db.execute("SELECT id, name FROM organisations").fetchall())
    return render_template(
        "manage/referrals.html",
        inbox=inbox,
        outbox=outbox,
        follow_ups=referrals.follow_ups(db, user.organisations),
        names=names,
        statuses=_statuses(),
        reasons=_reasons(),
        transitions=referrals.TRANSITIONS,
        labels=labels_in(current_language()),
        answer_days=referrals.answer_days(),
    )


def _refused(exc: EditError) -> None:
    """The refusal in the page's language, naming the field."""
    texts = {
        "status": _("Status: this move is not possible from the referral's current status."),
        "reason": _("Reason: choose one from the list for “declined” and “dropped out”."),
        "rung": _("Rung: choose a rung from 1 to 6."),
        "date": _("Date: enter a day that is today or earlier, as YYYY-MM-DD."),
    }
    flash(texts.get(exc.field, str(exc)), "error")


@bp.post("/<referral_id>/status")
@login_required
def move(referral_id: str) -> Response:
    """Move a referral on (the receiving organisation)."""
    user = _caseworker()
    body: dict[str, Any] = {"status": request.form.get("status", "")}
    if request.form.get("reason"):
        body["reason"] = request.form["reason"]
    try:
        moved = referrals.move_referral(get_write_db(), referral_id, body, user=user)
    except NotFound:
        abort(404)
    except PermissionDenied:
        abort(403)
    except EditError as exc:
        _refused(exc)
    else:
        flash(_("Saved: %(status)s.", status=_statuses()[moved["status"]]), "success")
    return redirect(url_for(".index") + "#inbox")


@bp.post("/clients/<code>/rungs")
@login_required
def rung(code: str) -> Response:
    """Record the client's rung on a date."""
    user = _caseworker()
    body: dict[str, Any] = {}
    if request.form.get("rung", "").isdigit():
        body["rung"] = int(request.form["rung"])
    if request.form.get("date"):
        body["date"] = request.form["date"]
    try:
        referrals.record_rung(get_write_db(), code, body, user=user)
    except NotFound:
        abort(404)
    except EditError as exc:
        _refused(exc)
    else:
        flash(_("The rung is recorded."), "success")
    back = request.form.get("back")
    if back == "client":
        return redirect(url_for(".client", code=code))
    return redirect(url_for(".index"))


@bp.get("/clients/<code>")
@login_required
def client(code: str) -> Any:
    """Everything held about a client code, with download and erase."""
    user = _caseworker()
    try:
        held = referrals.export_client(get_db(), code, user=user)
    except (NotFound, EditError):
        abort(404)
    if request.args.get("format") == "json":
        response = Response(
            json.dumps(held, ensure_ascii=False, indent=2), mimetype="application/json"
        )
        filename = f"client-{held['client_code']}.json"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    db = get_db()
    names = dict(db.execute("SELECT id, name FROM organisations").fetchall())
    return render_template(
        "manage/client.html",
        held=held,
        profile={_profile_labels().get(k, k): v for k, v in held["profile"].items()},
        names=names,
        statuses=_statuses(),
        reasons=_reasons(),
        labels=labels_in(current_language()),
        months=referrals.retention_months(),
    )


@bp.post("/clients/<code>/erase")
@login_required
def erase(code: str) -> Response:
    """Erase a client code everywhere (after the confirmation box is ticked)."""
    user = _caseworker()
    if request.form.get("confirm") != "y":
        flash(_("Tick the box to confirm that everything about this code is erased."), "error")
        return redirect(url_for(".client", code=code))
    try:
        referrals.erase_client(get_write_db(), code, user=user)
    except (NotFound, EditError):
        abort(404)
    flash(_("Everything held about the client code is erased."), "success")
    return redirect(url_for(".index"))
