"""The JSON write API: organisations, locations, offers, referral links, history, revert.

Thin over :mod:`socialmap.editing` — each endpoint parses the request, calls one
library function and answers with the stored record and its ``version`` (also
the ``ETag``).  Requests authenticate with ``Authorization: Bearer <token>``
(``socialmap users token EMAIL``); without a valid token the answer is 401.
The library decides the rest: 403 (role), 404 (unknown id), 409 (``If-Match``
no longer matches), 400 ``{"error", "field"}`` (a dataset rule) — and then
nothing is written.

CSRF: a forged cross-site request carries cookies, never a bearer token, so
token-authenticated requests need no CSRF token and this blueprint is exempt
from the app-wide check.  No cookie authenticates anything here: a request
without a bearer token is refused with 401 before it can change anything.
(When the web forms log people in with a session, those requests must pass
``csrf.protect()`` here.)
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request
from werkzeug.exceptions import Unauthorized

from socialmap import editing

from ..data import get_db, get_write_db
from ..errors import FieldError
from . import json_object

__all__ = ["bp"]

bp = Blueprint("api_write", __name__)


@bp.before_request
def _authenticate() -> None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("authorization: send 'Authorization: Bearer <token>'")
    user = editing.authenticate_token(get_db(), token.strip())
    if user is None:
        raise Unauthorized("authorization: unknown, revoked or disabled API token")
    g.user = user


@bp.errorhandler(Unauthorized)
def _unauthorized(exc: Unauthorized) -> Any:
    response = jsonify(error=exc.description, field="Authorization")
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="socialmap"'
    return response


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _user() -> editing.User:
    user: editing.User = g.user
    return user


def _body() -> Any:
    return json_object("a socialmap-dataset/1 record")


def _if_match() -> int | None:
    """The version the writer opened (``If-Match: 3``, ``"3"`` or ``W/"3"``; ``*``: any)."""
    value = request.headers.get("If-Match")
    if value is None or value.strip() == "*":
        return None
    text = value.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise FieldError("If-Match", f"If-Match: {value!r} is not a record version")
    return int(text)


def _answer(result: editing.Result, status: int = 200) -> Response:
    record = result.to_json()
    response = jsonify(record)
    response.status_code = 201 if result.created else status
    response.set_etag(str(record["version"]))
    return response


# --- organisations ------------------------------------------------------------------------------


@bp.post("/organisations")
def create_organisation() -> Response:
    """A new organisation (``region`` in the body or ``?region=``)."""
    region = request.args.get("region") or None
    return _answer(
        editing.create_organisation(get_write_db(), _body(), user=_user(), region=region)
    )


@bp.patch("/organisations/<organisation_id>")
def patch_organisation(organisation_id: str) -> Response:
    """Change some fields of an organisation."""
    result = editing.patch_organisation(
        get_write_db(), organisation_id, _body(), user=_user(), if_match=_if_match()
    )
    return _answer(result)


@bp.post("/organisations/<organisation_id>/verify")
def verify_organisation(organisation_id: str) -> Response:
    """ "Still correct": ``last_verified`` becomes today."""
    result = editing.verify_organisation(
        get_write_db(), organisation_id, user=_user(), if_match=_if_match()
    )
    return _answer(result)


# --- locations ----------------------------------------------------------------------------------


@bp.post("/locations")
def create_location() -> Response:
    """A new location, placed on the map as an import places it."""
    region = request.args.get("region") or None
    return _answer(editing.create_location(get_write_db(), _body(), user=_user(), region=region))


@bp.patch("/locations/<location_id>")
def patch_location(location_id: str) -> Response:
    """Change some fields of a location."""
    result = editing.patch_location(
        get_write_db(), location_id, _body(), user=_user(), if_match=_if_match()
    )
    return _answer(result)


@bp.delete("/locations/<location_id>")
def delete_location(location_id: str) -> Response:
    """Delete a location no offer uses; answers the last stored record."""
    result = editing.delete_location(
        get_write_db(), location_id, user=_user(), if_match=_if_match()
    )
    return _answer(result)


# --- offers -------------------------------------------------------------------------------------


@bp.post("/offers")
def create_offer() -> Response:
    """A new offer of an existing organisation."""
    return _answer(editing.create_offer(get_write_db(), _body(), user=_user()))


@bp.patch("/offers/<offer_id>")
def patch_offer(offer_id: str) -> Response:
    """Change some fields of an offer (a list is replaced whole)."""
    result = editing.patch_offer(
        get_write_db(), offer_id, _body(), user=_user(), if_match=_if_match()
    )
    return _answer(result)


@bp.delete("/offers/<offer_id>")
def delete_offer(offer_id: str) -> Response:
    """Delete an offer no referral link names; answers the last stored record."""
    result = editing.delete_offer(get_write_db(), offer_id, user=_user(), if_match=_if_match())
    return _answer(result)


@bp.post("/offers/<offer_id>/verify")
def verify_offer(offer_id: str) -> Response:
    """ "Still correct": ``last_verified`` becomes today."""
    result = editing.verify_offer(get_write_db(), offer_id, user=_user(), if_match=_if_match())
    return _answer(result)


# --- referral links -----------------------------------------------------------------------------


@bp.put("/referral-links/<source>/<target>")
def put_referral_link(source: str, target: str) -> Response:
    """Create (201) or replace (200) the link ``source -> target``."""
    result = editing.put_referral_link(
        get_write_db(), source, target, _body(), user=_user(), if_match=_if_match()
    )
    return _answer(result)


@bp.delete("/referral-links/<source>/<target>")
def delete_referral_link(source: str, target: str) -> Response:
    """Delete the link ``source -> target``; answers the last stored record."""
    result = editing.delete_referral_link(
        get_write_db(), source, target, user=_user(), if_match=_if_match()
    )
    return _answer(result)


@bp.post("/referral-links/<source>/<target>/confirm")
def confirm_referral_link(source: str, target: str) -> Response:
    """The link still holds: ``last_confirmed`` becomes today."""
    result = editing.confirm_referral_link(
        get_write_db(), source, target, user=_user(), if_match=_if_match()
    )
    return _answer(result)


# --- history ------------------------------------------------------------------------------------


@bp.get("/changes")
def changes() -> Response:
    """The changes the user may see (of ``?record=offer:<id>``), newest first."""
    record = request.args.get("record") or None
    found = editing.list_changes(get_db(), user=_user(), record=record)
    return jsonify([change.to_json() for change in found])


@bp.post("/changes/<int:n>/revert")
def revert(n: int) -> Response:
    """Undo change ``n`` (a new change); answers the record as it is now."""
    result = editing.revert_change(get_write_db(), n, user=_user())
    return _answer(result)


# The referral API shares this blueprint's bearer tokens (its routes register on import).
from . import referrals as _referrals  # noqa: E402, F401
