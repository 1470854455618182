"""``/manage/``: organisations keep their own entries up to date.

An editor sees the organisations they work for, a coordinator every
organisation of their regions.  Every page needs a login
(:func:`web.account.login_required`); what a user may see and change is
decided by :func:`socialmap.editing.may` on the stored record, and every change
goes through :mod:`socialmap.editing`.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from socialmap import editing

from ..account import current_account, login_required
from ..data import get_db

__all__ = ["bp"]

bp = Blueprint("manage", __name__)


@bp.get("/")
@login_required
def index() -> str:
    """The organisations the user may edit."""
    user = current_account()
    organisations = editing.editable_organisations(get_db(), user)
    return render_template("manage/index.html", user=user, organisations=organisations)
