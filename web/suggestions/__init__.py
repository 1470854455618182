"""Suggestions from the public: ``POST /api/suggestions`` and the "report a problem" form on
every offer page.

Anonymous and rate-limited (one shared limit for both, per client address:
``SUGGESTION_LIMIT``, default 10 an hour).  The form works without JavaScript:
it posts to ``/offers/<id>/report``, which answers with a thank-you page or the
form again with what to fix.  Neither asks for a CSRF token: nobody is logged in
here, so a forged request could do nothing a visitor cannot do themselves, and
the offer page stays free of session cookies.  The note is stored as text and
shown escaped; nothing about the sender is kept (:mod:`socialmap.network.suggestions`).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _

from socialmap import search
from socialmap.errors import EditError
from socialmap.network.suggestions import MAX_TEXT, SUGGESTION_KINDS, add_suggestion

from ..api import json_object
from ..data import get_db, get_write_db
from ..ratelimit import limiter

__all__ = ["bp", "kind_labels"]

bp = Blueprint("suggestions", __name__)


def _limit() -> str:
    return str(current_app.config.get("SUGGESTION_LIMIT", "10 per hour"))


_shared = limiter.shared_limit(_limit, scope="suggestions")


@bp.record_once
def _template_global(state: Any) -> None:
    # the offer page's include lists the kinds of problem without its view passing them
    state.app.jinja_env.globals["suggestion_kinds"] = kind_labels


def kind_labels() -> list[tuple[str, str]]:
    """The kinds of problem with their label in the interface language."""
    labels = {
        "closed": _("The offer has ended or the place is closed"),
        "wrong_contact": _("The phone number or e-mail address is wrong"),
        "wrong_address": _("The address is wrong"),
        "other": _("Something else"),
    }
    return [(kind, labels[kind]) for kind in SUGGESTION_KINDS]


@bp.post("/api/suggestions")
@_shared
def create() -> tuple[Response, int]:
    """Store a suggestion: ``{"record": "offer:<id>", "kind": …, "text": …}`` → 201."""
    body = json_object("a suggestion")
    suggestion = add_suggestion(
        get_write_db(), body.get("record"), body.get("kind"), body.get("text")
    )
    return jsonify(suggestion.to_json()), 201


def _form_error(exc: EditError) -> str:
    if exc.field == "kind":
        return _("Please choose what is wrong.")
    return _(
        "Please describe the problem in a few words (at most %(count)s characters).",
        count=MAX_TEXT,
    )


@bp.get("/offers/<offer_id>/report")
def form(offer_id: str) -> str:
    """The report form on a page of its own."""
    offer = search.get_offer(get_db(), offer_id)
    return render_template(
        "suggestions/form.html", offer=offer, kinds=kind_labels(), error=None, values={}
    )


@bp.post("/offers/<offer_id>/report")
@_shared
def report(offer_id: str) -> Any:
    """The form's answer: thanks, or the form again saying what to fix (400)."""
    offer = search.get_offer(get_db(), offer_id)
    values = {"kind": request.form.get("kind"), "text": request.form.get("text", "")}
    try:
        add_suggestion(get_write_db(), f"offer:{offer_id}", values["kind"] or None, values["text"])
    except EditError as exc:
        error = _form_error(exc)
        page = render_template(
            "suggestions/form.html", offer=offer, kinds=kind_labels(), error=error, values=values
        )
        return page, 400
    return render_template("suggestions/thanks.html", offer=offer)
