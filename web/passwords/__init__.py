"""A forgotten password: ask for a one-time link by mail, then set a new password.

``/account/reset`` answers the same sentence whether or not the address has an
account — the link is mailed only when it has — so the page reveals nothing.
It is rate-limited per client address (``RESET_LIMIT``, default 5 an hour).
``/account/reset/<token>`` sets the new password (the link is used up, and the
sessions opened with the old password end: :mod:`web.account`).  Without a mail
server, ``socialmap users reset EMAIL`` prints the link for an administrator to
hand over.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap.editing.resets import RESET_HOURS, check_reset_token, reset_password
from socialmap.errors import EditError, NotFound
from socialmap.mail import MailError
from socialmap.network.accounts import send_reset

from ..account import login_user
from ..data import get_db, get_write_db
from ..i18n import current_language
from ..mailing import mailed_link, smtp_settings
from ..ratelimit import limiter

__all__ = ["bp"]

bp = Blueprint("passwords", __name__)


def _limit() -> str:
    return str(current_app.config.get("RESET_LIMIT", "5 per hour"))


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"  # a token in the address: keep it out of caches
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/reset")
def request_form() -> str:
    """Ask for an address."""
    return render_template("passwords/request.html", sent=False)


@bp.post("/reset")
@limiter.limit(_limit)
def request_link() -> str:
    """Mail a link if the address has an account; answer the same either way."""
    email = request.form.get("email", "").strip()
    settings = smtp_settings()
    if email and settings is not None:
        try:
            send_reset(
                get_write_db(),
                email,
                settings=settings,
                link=lambda token: mailed_link("passwords.new_password", token=token),
                lang=current_language(),
            )
        except MailError as exc:
            # The page still says the same: whether a mail was due must not show.
            current_app.logger.error("password reset mail failed: %s", exc)
    return render_template("passwords/request.html", sent=True, hours=RESET_HOURS)


@bp.get("/reset/<token>")
def new_password(token: str) -> Any:
    """The form for the new password, or a page saying the link no longer works."""
    try:
        user = check_reset_token(get_db(), token)
    except NotFound:
        return render_template("passwords/expired.html"), 404
    return render_template("passwords/new.html", token=token, email=user.email, error=None)


@bp.post("/reset/<token>")
@limiter.limit(_limit)
def set_password(token: str) -> Any:
    """Set the new password and log the person in."""
    password = request.form.get("password", "")
    if password != request.form.get("password_again", ""):
        return _again(token, _("The two passwords differ. Please type the same password twice."))
    try:
        user = reset_password(get_write_db(), token, password)
    except NotFound:
        return render_template("passwords/expired.html"), 404
    except EditError:
        return _again(token, _("Please use at least 10 characters."))
    login_user(user)
    return redirect(url_for("network.index"), code=303)


def _again(token: str, error: str) -> Any:
    try:
        user = check_reset_token(get_db(), token)
    except NotFound:
        return render_template("passwords/expired.html"), 404
    page = render_template("passwords/new.html", token=token, email=user.email, error=error)
    return page, 400
