"""The one exception hierarchy of socialmap.

Every error a user can cause is a :class:`SocialmapError` whose message is one
line that names the file, record and field and shows the bad value.  The CLI
turns these into ``click.ClickException``; the web app into HTTP 400/404.
"""

from __future__ import annotations

__all__ = [
    "SocialmapError",
    "DatasetError",
    "NotFound",
    "InvalidProfile",
    "GeocodingError",
]


class SocialmapError(Exception):
    """Base class of every error socialmap raises on purpose."""


class DatasetError(SocialmapError):
    """A dataset file is unreadable, malformed or inconsistent."""


class NotFound(SocialmapError):
    """A requested record (offer, organisation, neighbourhood, postcode) does not exist."""


class InvalidProfile(SocialmapError):
    """A client profile has a missing or invalid field."""


class GeocodingError(SocialmapError):
    """An address or postcode could not be turned into coordinates."""
