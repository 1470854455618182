"""Accounts on the web: log in, log out, set a password with an invitation — and how any
page asks for the logged-in user.

Use in another blueprint::

    from web.account import current_account, login_required

    @bp.get("/")
    @login_required
    def index():
        user = current_account()  # a socialmap.editing.User; never None under login_required
        ...

* :func:`login_required` — an anonymous visitor (or one whose account was
  disabled, or whose password changed since the login) is redirected to
  ``/account/login?next=<this page>`` and comes back after logging in.
* :func:`current_account` — the :class:`socialmap.editing.User` of the request,
  or None.  It says who someone is, never what they may do: permission is
  always ``socialmap.editing.may(user, action, editing.target_of(db, record))``
  on the *stored* record (an organisation id from a form or a hidden field is
  never trusted), and every write goes through ``socialmap.editing``, which
  checks it again.
* :func:`login_user` — start the session of a user (after an invitation or a
  password reset has set their password).

Sessions are Flask-Login's, in Flask's signed session cookie (``HttpOnly``,
``SameSite=Lax``, ``Secure`` with ``SOCIALMAP_SECURE_COOKIES``); a session
carries a fingerprint of the password hash, so a new password ends every older
session.  Failed logins are counted per account and per address
(:class:`web.ratelimit.Attempts`); past the limit the login page says how long to
wait.  Every form carries a CSRF token (``CSRFProtect``), logging out too.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    Flask,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user
from flask_login import login_user as _flask_login_user
from flask_login import logout_user as _flask_logout_user
from werkzeug.wrappers import Response

from socialmap import editing
from socialmap.errors import EditError, NotFound

from ..data import get_db, get_write_db
from ..ratelimit import Attempts
from .forms import InvitationForm, LoginForm

__all__ = ["bp", "init_app", "current_account", "login_required", "login_user", "safe_next"]

bp = Blueprint("account", __name__)
login_manager = LoginManager()
F = TypeVar("F", bound=Callable[..., Any])


class _Session(UserMixin):
    """What Flask-Login keeps: the user and the fingerprint of their password."""

    def __init__(self, user: editing.User, fingerprint: str):
        self.user = user
        self.fingerprint = fingerprint

    def get_id(self) -> str:
        return f"{self.user.email}|{self.fingerprint}"


def init_app(app: Flask) -> None:
    """Install Flask-Login and the template helper ``current_account``."""
    app.config.setdefault("LOGIN_LIMIT_ACCOUNT", "5 per 15 minutes")
    app.config.setdefault("LOGIN_LIMIT_ADDRESS", "30 per 15 minutes")
    login_manager.init_app(app)
    login_manager.login_view = "account.login"
    login_manager.login_message = None  # the login page says it itself
    login_manager.user_loader(_load)
    app.context_processor(lambda: {"current_account": current_account})


def _load(session_id: str) -> _Session | None:
    email, _, fingerprint = session_id.rpartition("|")
    db = get_db()
    try:
        user = editing.get_user(db, email)
    except NotFound:
        return None
    if user.disabled or editing.password_fingerprint(db, email) != fingerprint:
        return None
    return _Session(user, fingerprint)


def current_account() -> editing.User | None:
    """The logged-in user of this request, or None."""
    if not current_user or not current_user.is_authenticated:
        return None
    return cast(_Session, current_user).user


def login_required(view: F) -> F:
    """Let only a logged-in user in; send anyone else to the login page (and back)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return cast(F, wrapped)


def login_user(user: editing.User) -> None:
    """Start a fresh session for ``user`` (whose password is set)."""
    fingerprint = editing.password_fingerprint(get_db(), user.email)
    if fingerprint is None:
        raise EditError("password", f"{user.email}: has no password yet")
    session.clear()  # nothing from before the login survives it
    _flask_login_user(_Session(user, fingerprint))


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else the editor's start page.

    >>> from flask import Flask
    >>> app = Flask(__name__)
    >>> app.add_url_rule("/manage/", "manage.index")
    >>> with app.test_request_context():
    ...     safe_next("/manage/offers/x"), safe_next("//evil.example"), safe_next("https://x")
    ('/manage/offers/x', '/manage/', '/manage/')
    """
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("manage.index")


def _no_store(response: Response, status: int = 200) -> Response:
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _attempts() -> tuple[Attempts, Attempts]:
    config = current_app.config
    return (
        Attempts("login-account", config["LOGIN_LIMIT_ACCOUNT"]),
        Attempts("login-address", config["LOGIN_LIMIT_ADDRESS"]),
    )


def _wait_text(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return _(
        "Too many failed logins. For your safety, logging in is blocked for %(minutes)s "
        "minutes. Please try again later or ask your coordinator.",
        minutes=minutes,
    )


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response:
    """The login form; after a login, back to ``next`` (a path of this site) or ``/manage/``."""
    form = LoginForm()
    target = request.values.get("next")
    if request.method == "GET" and current_account() is not None:
        return redirect(safe_next(target))
    message, status = None, 200
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        address = request.remote_addr or "unknown"
        per_account, per_address = _attempts()
        wait = max(per_account.blocked(email), per_address.blocked(address))
        user = None
        if not wait:
            user = editing.check_password(get_db(), email, form.password.data or "")
        if user is not None:
            per_account.forget(email)
            login_user(user)
            return redirect(safe_next(target))
        if wait:
            message, status = _wait_text(wait), 429
        else:
            per_account.count(email)
            per_address.count(address)
            message, status = _("The e-mail address or the password is not right."), 401
    elif form.errors:
        status = 400
    page = render_template(
        "account/login.html",
        form=form,
        message=message,
        next=target if target and target == safe_next(target) else None,
        asked=bool(target),
    )
    return _no_store(make_response(page), status)


@bp.post("/logout")
def logout() -> Response:
    """End the session (a POST with the CSRF token: a link cannot log anyone out)."""
    _flask_logout_user()
    session.clear()
    return redirect(url_for("residents.index"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def invite(token: str) -> Response:
    """Set a password with an invitation link (valid 7 days, once), then log in."""
    user = editing.invitation_user(get_db(), token)
    if user is None:
        page = render_template("account/invite_invalid.html")
        response = _no_store(make_response(page), 410)
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
    form = InvitationForm()
    status = 200
    if form.validate_on_submit():
        user = editing.accept_invitation(get_write_db(), token, form.password.data or "")
        login_user(user)
        return redirect(url_for("manage.index"))
    if form.errors:
        status = 400
    page = render_template("account/invite.html", form=form, user=user)
    response = _no_store(make_response(page), status)
    response.headers["Referrer-Policy"] = "no-referrer"  # the link stays out of other logs
    return response
