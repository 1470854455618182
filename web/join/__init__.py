""" "Register your organisation": a public form that creates nothing visible.

The request waits in the queue of the region's coordinators
(:mod:`socialmap.network.registrations`); only their approval creates the
organisation, through the one write path.  Rate-limited per client address
(``REGISTRATION_LIMIT``, default 5 an hour); CSRF-protected like every form
that sets a session.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _

from socialmap import search, vocab
from socialmap.errors import EditError
from socialmap.network.registrations import FIELDS, register

from ..data import get_db, get_write_db
from ..i18n import current_language
from ..ratelimit import limiter

__all__ = ["bp"]

bp = Blueprint("join", __name__)

_FORM_FIELDS = ("region", *FIELDS, "contact_email")


def _limit() -> str:
    return str(current_app.config.get("REGISTRATION_LIMIT", "5 per hour"))


def _field_labels() -> dict[str, str]:
    return {
        "region": _("Region"),
        "name": _("Name of the organisation"),
        "kind": _("Kind of organisation"),
        "description": _("What the organisation does"),
        "website": _("Website"),
        "email": _("Public e-mail address"),
        "phone": _("Public phone number"),
        "contact_email": _("Your e-mail address"),
    }


def _page(values: dict[str, str], error: tuple[str, str] | None = None) -> str:
    lang = current_language()
    kinds = sorted(
        (
            (code, vocab.label(vocab.ORGANISATION_KINDS, code, lang))
            for code in vocab.ORGANISATION_KINDS
        ),
        key=lambda pair: pair[1],
    )
    return render_template(
        "join/form.html",
        regions=search.list_regions(get_db()),
        kinds=kinds,
        labels=_field_labels(),
        values=values,
        error=error,
    )


@bp.get("/")
def form() -> str:
    """The empty form."""
    return _page({"region": request.args.get("region", "")})


@bp.post("/")
@limiter.limit(_limit)
def submit() -> Any:
    """Store the request (and thank), or show the form again naming the field to fix (400)."""
    values = {name: request.form.get(name, "").strip() for name in _FORM_FIELDS}
    fields = {name: values[name] for name in FIELDS}
    try:
        register(get_write_db(), values["region"], fields, values["contact_email"])
    except EditError as exc:
        field = exc.field.split(".")[-1] if exc.field else "name"
        field = field if field in _FORM_FIELDS else "name"
        message = _("Please check this field: %(field)s.", field=_field_labels()[field])
        return _page(values, (field, message)), 400
    return render_template("join/thanks.html")
