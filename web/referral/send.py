"""Sending a step of a path from the referral desk, with the client's consent.

A case worker (logged in, role ``caseworker``) picks a path on the desk's
result page, reads the consent text to the client, ticks that the client
agreed, and sends step 1 — or any step — to the receiving organisation.  The
path is routed again from the posted profile (the desk keeps no state), and the
referral carries only what :func:`socialmap.referrals.send_referral` accepts: the
profile fields routing needs and the home's neighbourhood, never the postcode or
coordinates.  The answer page shows the client code, which the route sheet
prints together with the consent text in the client's language.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _

from socialmap import referrals, routing
from socialmap.errors import EditError, InvalidProfile, NotFound, PermissionDenied

from ..account import current_account, login_required
from ..data import get_db, get_write_db
from ..manage.referrals import consent_text
from ..routing import page_paths, run_route
from . import _form, _hidden, _profile, _show_form, _valid, bp

__all__ = ["send", "stored_profile"]


@bp.app_context_processor
def _desk_helpers() -> dict[str, Any]:
    return {"referral_senders": _senders, "consent_text": consent_text}


def _senders() -> list[tuple[str, str]]:
    """The organisations the logged-in case worker may send referrals for (id, name)."""
    user = current_account()
    if user is None or user.role != "caseworker":
        return []
    db = get_db()
    return [
        (
            o,
            row[0]
            if (row := db.execute("SELECT name FROM organisations WHERE id = ?", [o]).fetchone())
            else o,
        )
        for o in user.organisations
    ]


def stored_profile(profile: routing.Profile, neighbourhood: str | None) -> dict[str, Any]:
    """The profile fields a referral stores (no home, no postcode, no coordinates)."""
    out: dict[str, Any] = {"rung": profile.rung, "goal_rung": profile.goal_rung}
    for key in ("age", "gender", "residence_status", "work_ban"):
        if getattr(profile, key) is not None:
            out[key] = getattr(profile, key)
    for key in ("target_groups", "languages"):
        if getattr(profile, key):
            out[key] = list(getattr(profile, key))
    if neighbourhood:
        out["neighbourhood"] = neighbourhood
    return out


@bp.post("/send")
@login_required
def send() -> Any:
    """Send the chosen step of the chosen path (consent ticked) and show the client code."""
    user = current_account()
    if user is None or user.role != "caseworker":
        abort(403)
    form = _form()
    if not _valid(form):
        return _show_form(form, 422)
    try:
        profile = _profile(form)
        result = run_route(profile, k=int(form.k.data or 3), lang=None)
    except InvalidProfile:
        return _show_form(form, 422)
    number = request.form.get("path", "1")
    chosen = next((p for p in page_paths(result) if str(p.number) == number), None)
    step = request.form.get("step", "1")
    error = None
    if chosen is None:
        error = _("This path no longer exists. Please go back and search again.")
    elif not step.isdigit() or not 1 <= int(step) <= len(chosen.steps):
        error = _("Step: choose a step of the path.")
    elif request.form.get("consent") != "y":
        error = _("Consent: the client has to agree before a referral is sent.")
    sent = None
    if error is None and chosen is not None:
        home = result.home.neighbourhoods[0] if result.home and result.home.neighbourhoods else None
        body: dict[str, Any] = {
            "offer": chosen.steps[int(step) - 1].id,
            "from_organisation": request.form.get("from_organisation", ""),
            "consent": True,
            "profile": stored_profile(profile, home),
            "path": [s.id for s in chosen.steps],
            "step": int(step),
        }
        code = (request.form.get("client_code") or "").strip()
        if code:
            body["client"] = {"code": code}
        for key in ("appointment_date", "contact_person"):
            if request.form.get(key, "").strip():
                body[key] = request.form[key].strip()
        try:
            sent = referrals.send_referral(get_write_db(), body, user=user)
        except (EditError, NotFound, PermissionDenied) as exc:
            error = _texts().get(getattr(exc, "field", ""), _("The referral could not be sent."))
    return render_template(
        "referral/sent.html",
        sent=sent,
        error=error,
        path=chosen,
        hidden=_hidden(form),
        number=number,
    ), (200 if sent else 400)


def _texts() -> dict[str, str]:
    return {
        "from_organisation": _("From: choose one of your organisations."),
        "client.code": _("Client code: no such client code among your referrals."),
        "appointment_date": _("Appointment: enter the date as YYYY-MM-DD."),
        "contact_person": _("Contact person: enter one name on one line."),
    }
