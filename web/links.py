"""Turn imported websites, e-mail addresses and phone numbers into safe link targets.

Only ``http``/``https`` URLs become links: a ``javascript:`` or ``data:`` URL in
a dataset is shown as text and never lands in an ``href``.  These filters
return None when a value is not safe to link; templates then print the
(escaped) text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from flask import Flask

__all__ = ["init_app", "http_url", "mailto_url", "tel_url"]

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{5,25}$")


def init_app(app: Flask) -> None:
    """Register the filters with the app's templates."""
    app.jinja_env.filters.update(http_url=http_url, mailto_url=mailto_url, tel_url=tel_url)


def http_url(value: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None.

    >>> http_url("https://example.org/a?b=1"), http_url("javascript:alert(1)")
    ('https://example.org/a?b=1', None)
    >>> http_url(" JaVaScRiPt:alert(1)"), http_url("www.example.org")
    (None, None)
    """
    if not value:
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch in text for ch in "\"'<>` \t\r\n"):
        return None
    return text


def mailto_url(value: str | None) -> str | None:
    """``mailto:`` link of a plain e-mail address, else None.

    >>> mailto_url("info@example.org"), mailto_url("x@y.z?subject=<b>")
    ('mailto:info@example.org', None)
    """
    if not value or not _EMAIL.match(value.strip()):
        return None
    return "mailto:" + quote(value.strip(), safe="@._+-")


def tel_url(value: str | None) -> str | None:
    """``tel:`` link of a phone number (digits, spaces and + - ( ) . /), else None.

    >>> tel_url("(070) 312 52 00"), tel_url("javascript:1")
    ('tel:0703125200', None)
    """
    if not value or not _PHONE.match(value.strip()):
        return None
    digits = re.sub(r"[^0-9+]", "", value)
    return "tel:" + digits
