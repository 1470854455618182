"""The one exception hierarchy of socialmap.

Every error a user can cause is a :class:`SocialmapError` whose message is one
line that names the file, record and field and shows the bad value.  The CLI
turns these into ``click.ClickException``; the web app into HTTP 400/404.
"""

from __future__ import annotations

import reprlib
from typing import Any

from .i18n import gettext

__all__ = [
    "shown",
    "SocialmapError",
    "DatasetError",
    "NotFound",
    "InvalidProfile",
    "GeocodingError",
    "OutputExists",
    "NotADatabase",
    "EditError",
    "PermissionDenied",
    "Conflict",
]


#: How much of a bad value a message echoes: a 50 MB cell must not become a 50 MB error line.
SHOWN_LIMIT = 80


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    # Containers are cut by level and length before they are printed (a list nested 100,000
    # deep cannot overflow the stack); the long numbers and strings are cut by ``shown``.
    short.maxlevel, short.maxstring, short.maxlong, short.maxother = 3, SHOWN_LIMIT, 10_000, 200
    return short


_SHORT = _short_repr()


def shown(value: Any, limit: int = SHOWN_LIMIT) -> str:
    """``repr(value)`` for a one-line message, cut to ``limit`` characters and "…".

    Every message that echoes a value a user gave goes through here.

    >>> shown("twelve"), shown(12.5), shown(None)
    ("'twelve'", '12.5', 'None')
    >>> shown("x" * 1_000_000) == "'" + "x" * 79 + "…"
    True
    >>> shown(10**30)
    '1000000000000000000000000000000'
    >>> shown([[[[[1]]]]])
    '[[[[...]]]]'
    """
    if isinstance(value, str):
        text = repr(value[: limit + 1])  # cut first: the whole of a huge value is never copied
    else:
        try:
            text = _SHORT.repr(value)
        except ValueError:  # an int with more digits than Python turns into text
            text = "a number too long to show"
    return text if len(text) <= limit else text[:limit] + "…"


class SocialmapError(Exception):
    """Base class of every error socialmap raises on purpose."""


class DatasetError(SocialmapError):
    """A dataset file is unreadable, malformed or inconsistent."""


class NotFound(SocialmapError):
    """A requested record (offer, organisation, neighbourhood, postcode) does not exist."""


class InvalidProfile(SocialmapError):
    """A client profile has a missing or invalid field.

    ``field`` is its path in the profile (``"home.postcode"``; ``""`` for the whole
    profile); the message reads ``profile.<field>: <detail>``.  With ``params`` the
    detail is a message of the catalog with ``{placeholders}``, and
    :meth:`detail_in` says it in a person's language (the referral desk does).

    >>> exc = InvalidProfile("home.postcode", "{value} is not a German or Dutch postcode",
    ...                      value="'9999'")
    >>> exc.field, str(exc)
    ('home.postcode', "profile.home.postcode: '9999' is not a German or Dutch postcode")
    >>> exc.detail_in("de")
    "'9999' ist keine deutsche oder niederländische Postleitzahl"
    """

    def __init__(self, field: str, detail: str, **params: object):
        self.field = field
        self.template = detail
        self.params = params
        self.detail = detail.format(**params) if params else detail
        text = self.detail
        super().__init__(f"profile.{field}: {text}" if field else f"profile: {text}")

    def detail_in(self, lang: str | None) -> str:
        """The detail in ``lang`` (English where the catalog has no translation)."""
        text = gettext(self.template, lang)
        return text.format(**self.params) if self.params else text


class GeocodingError(SocialmapError):
    """An address or postcode could not be turned into coordinates."""


class OutputExists(SocialmapError):
    """A file or folder to write is already there, and replacing it was not asked for."""


class NotADatabase(SocialmapError):
    """A file to restore from is not an intact socialmap database."""


class EditError(DatasetError):
    """A record written through :mod:`socialmap.editing` breaks a dataset rule.

    ``field`` is the field the one-line message names (``"ladder.leads_to"``; ``""``
    when the message is about the whole record).

    >>> exc = EditError("category", "offer (id 'x').category: unknown category 'y'")
    >>> exc.field
    'category'
    """

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class PermissionDenied(SocialmapError):
    """The user's role does not allow this action on this record."""


class Conflict(SocialmapError):
    """A write that would overwrite something the writer has not seen: a record changed
    since it was opened, or a region with web changes that a file import would replace.

    ``changed_by`` and ``changed_at``, when known, say who changed the record and when
    (a form says it in the page's language).
    """

    def __init__(self, message: str, changed_by: str | None = None, changed_at: str | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
