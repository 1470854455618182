"""Running behind a reverse proxy: trusted proxies, the public URL, ``Secure`` cookies.

* ``SOCIALMAP_PROXY`` — the number of reverse proxies in front of the app that
  set ``X-Forwarded-For``/``-Proto``/``-Host``/``-Port``/``-Prefix``.  With
  ``n > 0`` Werkzeug's ``ProxyFix`` believes the last ``n`` of each; with 0 (the
  default) the app believes none of them, so a client cannot forge its address
  or scheme.
* ``SOCIALMAP_PUBLIC_URL`` — where the app is reached, e.g.
  ``https://sozialatlas.example.org``.  The ``Host`` header is the client's to
  choose (``Host: evil.example``), so a redirect never names the host a
  request came with: a ``Location`` on the request's own host (the trailing-slash
  redirects Werkzeug's routing builds, or any ``url_for(_external=True)``) is
  rebuilt on the public URL, or, without one, made a path (``/referral/``) that
  the browser resolves against the address it used.
* ``SOCIALMAP_SECURE_COOKIES`` — send every cookie (the session cookie that
  holds the forms' CSRF token, the language cookie) with ``Secure``, so it
  never travels over plain HTTP.  Default: on when the public URL is https.

It must not change anything else about a response; :mod:`web.security` owns the
security headers.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

__all__ = [
    "init_app",
    "parse_proxy",
    "parse_public_url",
    "parse_secure_cookies",
    "safe_location",
    "cookies_secure",
]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def init_app(app: Flask) -> None:
    """Read the three settings, trust the proxies, and keep redirects and cookies safe."""
    proxies = parse_proxy(app.config.get("PROXY"))
    public_url = parse_public_url(app.config.get("PUBLIC_URL"))
    secure = parse_secure_cookies(app.config.get("SECURE_COOKIES"), public_url)
    app.config.update(PROXY=proxies, PUBLIC_URL=public_url, SECURE_COOKIES=secure)
    app.config["SESSION_COOKIE_SECURE"] = secure
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=proxies,
            x_proto=proxies,
            x_host=proxies,
            x_port=proxies,
            x_prefix=proxies,
        )
    app.after_request(_rewrite_location)


def parse_proxy(value: Any) -> int:
    """``SOCIALMAP_PROXY``: how many reverse proxies to trust (a whole number ≥ 0).

    >>> parse_proxy(None), parse_proxy(1), parse_proxy("2")
    (0, 1, 2)
    """
    if value is None or value == "":
        return 0
    try:
        number = int(str(value))
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"SOCIALMAP_PROXY: expected the number of trusted proxies, got {value!r}")
    return number


def parse_public_url(value: Any) -> str | None:
    """``SOCIALMAP_PUBLIC_URL``: ``http(s)://host[:port][/path]``, without a trailing slash.

    >>> parse_public_url("https://map.example.org/atlas/")
    'https://map.example.org/atlas'
    >>> parse_public_url(None) is None
    True
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"SOCIALMAP_PUBLIC_URL: expected 'https://host[/path]', got {value!r}")
    return text.rstrip("/")


def parse_secure_cookies(value: Any, public_url: str | None) -> bool:
    """``SOCIALMAP_SECURE_COOKIES``: yes/no; unset means "yes when the public URL is https".

    >>> parse_secure_cookies(None, "https://map.example.org"), parse_secure_cookies(None, None)
    (True, False)
    >>> parse_secure_cookies("false", "https://map.example.org"), parse_secure_cookies(1, None)
    (False, True)
    """
    if value is None:
        return bool(public_url and public_url.startswith("https://"))
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"SOCIALMAP_SECURE_COOKIES: expected true or false, got {value!r}")


def cookies_secure() -> bool:
    """Whether a cookie set now gets ``Secure``: configured so, or the request came over https."""
    return bool(current_app.config["SECURE_COOKIES"]) or request.is_secure


def safe_location(
    location: str, request_host: str, script_root: str, public_url: str | None
) -> str:
    """A ``Location`` that never names the host the request claimed.

    A location on ``request_host`` (or scheme-relative, ``//host/…``) becomes the
    public URL plus its path, or, without a public URL, just its path — with
    one leading slash, so that it cannot be read as ``//other-host``.  Any other
    location (a path already, or a deliberate link to another site) is kept.

    >>> safe_location("http://evil.example/referral/", "evil.example", "", None)
    '/referral/'
    >>> safe_location("http://evil.example/atlas/coach/?x=1", "evil.example", "/atlas",
    ...               "https://map.example.org/atlas")
    'https://map.example.org/atlas/coach/?x=1'
    >>> safe_location("https://www.openstreetmap.org/", "evil.example", "", None)
    'https://www.openstreetmap.org/'
    """
    parts = urlsplit(location)
    if not parts.netloc or parts.netloc.lower() != request_host.lower():
        return location
    path = "/" + parts.path.lstrip("/")
    if public_url is None:
        return urlunsplit(("", "", path, parts.query, parts.fragment))
    if script_root and (path == script_root or path.startswith(script_root + "/")):
        path = path[len(script_root) :] or "/"
    base = urlsplit(public_url)
    return urlunsplit((base.scheme, base.netloc, base.path + path, parts.query, parts.fragment))


def _rewrite_location(response: Response) -> Response:
    location = response.headers.get("Location")
    if location:
        response.headers["Location"] = safe_location(
            location, request.host, request.script_root, current_app.config["PUBLIC_URL"]
        )
    return response
