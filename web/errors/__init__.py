"""Error pages for people and error objects for programs; never a stack trace.

Requests under ``/api/`` (and any JSON API prefix in :data:`JSON_PREFIXES`, and
any path ending in ``.json``) get ``{"error": message, "field": name}``; everyone
else an HTML page in the interface language.  A bad field is a
:class:`FieldError` (400); an unknown record is
:class:`socialmap.errors.NotFound` (404); an edit's broken rule is
:class:`~socialmap.errors.EditError` (400, with its field), a role's limit
:class:`~socialmap.errors.PermissionDenied` (403), a stale version
:class:`~socialmap.errors.Conflict` (409); a request past its time limit
(:class:`web.data.RequestTimeout`, or a query the time limit interrupted) and
a result still being prepared (:class:`web.data.NotReady`) are a 503 with
``Retry-After``; anything unexpected is logged (without the request body) and
answered with a plain 500.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from socialmap.errors import (
    Conflict,
    EditError,
    InvalidProfile,
    NotFound,
    PermissionDenied,
    SocialmapError,
)

from ..data import NotReady, RequestTimeout, timed_out
from ..i18n import current_language
from ..pdf import PdfUnavailable

__all__ = ["bp", "FieldError", "JSON_PREFIXES"]

bp = Blueprint("errors", __name__)

#: Path prefixes whose errors are JSON.
JSON_PREFIXES = ("/api/", "/hsds/")


class FieldError(SocialmapError):
    """A request parameter or body field has a bad value; ``field`` names it.

    ``message`` (English, with the bad value) is for programs; ``page_text``, in the
    interface language, is what an error page tells a person (default: "One of the
    choices is not valid (field)").
    """

    def __init__(self, field: str, message: str, page_text: str | None = None):
        super().__init__(message)
        self.field = field
        self.message = message
        self.page_text = page_text


def _wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.path.endswith(".json")


def _titles() -> dict[int, str]:
    return {
        400: _("This request could not be understood"),
        404: _("Page not found"),
        405: _("This action is not allowed here"),
        413: _("This request is too large"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
        503: _("Please try again in a moment"),
    }


def _respond(
    status: int,
    message: str,
    field: str | None = None,
    page_text: str = "",
    reload_after: int | None = None,
) -> Any:
    """JSON for programs (``error`` and ``field``), a page for people (``page_text``).

    The JSON's ``error`` stays English (programs match on it); its ``message`` is
    ``page_text``, the same words a person reads, in the request's language.
    ``reload_after``: the page reloads itself after that many seconds.
    """
    if _wants_json():
        body: dict[str, Any] = {"error": message}
        if field is not None:
            body["field"] = field
        if page_text:
            body["message"] = page_text
        return jsonify(body), status
    title = _titles().get(status, _("Something went wrong"))
    page = render_template(
        "errors/error.html",
        status=status,
        title=title,
        message=page_text,
        reload_after=reload_after,
    )
    return page, status


def _bad_choice(field: str) -> str:
    return _("One of the choices is not valid (%(field)s). Please choose again.", field=field)


@bp.app_errorhandler(FieldError)
def field_error(exc: FieldError) -> Any:
    return _respond(400, exc.message, exc.field, exc.page_text or _bad_choice(exc.field))


@bp.app_errorhandler(InvalidProfile)
def invalid_profile(exc: InvalidProfile) -> Any:
    # the engine's own words in the page's language ("'9999' staat niet in …")
    return _respond(400, str(exc), exc.field or "profile", exc.detail_in(current_language()))


@bp.app_errorhandler(EditError)
def edit_error(exc: EditError) -> Any:
    return _respond(400, str(exc), exc.field or "body", _bad_choice(exc.field))


@bp.app_errorhandler(PermissionDenied)
def permission_denied(exc: PermissionDenied) -> Any:
    return _respond(403, str(exc), page_text=_("This action is not allowed here"))


@bp.app_errorhandler(Conflict)
def conflict(exc: Conflict) -> Any:
    return _respond(
        409,
        str(exc),
        page_text=_(
            "Someone changed this in the meantime. Reload the page to see the change, "
            "then try again."
        ),
    )


@bp.app_errorhandler(NotFound)
def not_found(exc: NotFound) -> Any:
    return _respond(404, str(exc), page_text=_("There is nothing at this address."))


def _unavailable(message: str, page_text: str, retry_after: int, reload: bool = False) -> Any:
    reload_after = retry_after if reload else None
    body, status = _respond(503, message, page_text=page_text, reload_after=reload_after)
    return body, status, {"Retry-After": str(retry_after)}


@bp.app_errorhandler(RequestTimeout)
def request_timeout(exc: RequestTimeout) -> Any:
    current_app.logger.warning("%s %s ran past its time limit", request.method, request.path)
    return _unavailable(str(exc), _("This took too long. Please try again later."), 30)


@bp.app_errorhandler(PdfUnavailable)
def pdf_unavailable(exc: PdfUnavailable) -> Any:
    current_app.logger.error("%s", exc)
    return _respond(
        503,
        str(exc),
        page_text=_(
            "This server cannot make PDF files (Pango is not installed). "
            "Please print the route sheet from your browser instead."
        ),
    )


@bp.app_errorhandler(NotReady)
def not_ready(exc: NotReady) -> Any:
    return _unavailable(
        str(exc),
        _("This page is being prepared. It reloads by itself in a moment."),
        exc.retry_after,
        reload=True,
    )


@bp.app_errorhandler(sqlite3.OperationalError)
def database_error(exc: sqlite3.OperationalError) -> Any:
    if timed_out(exc):
        return request_timeout(RequestTimeout("the request took too long"))
    return server_error(exc)


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException) -> Any:
    status = exc.code or 500
    page_text = ""
    if status == 400 and "CSRF" in (exc.description or ""):
        page_text = _("The form had expired. Please go back, reload the page and send it again.")
    elif status == 404:
        page_text = _("There is nothing at this address.")
    elif status == 429:
        page_text = _("Too many requests from your address. Please wait a while and try again.")
    return _respond(status, exc.description or exc.name, page_text=page_text)


@bp.app_errorhandler(Exception)
def server_error(exc: Exception) -> Any:
    # The traceback goes to the server log, never to the client; no request body is logged.
    current_app.logger.error("%s %s failed", request.method, request.path, exc_info=exc)
    return _respond(500, "internal error", page_text=_("Please try again later."))
