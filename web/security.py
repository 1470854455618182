"""Security headers on every response, and the nonce that lets our own inline scripts run.

Defence in depth behind Jinja's escaping: the Content-Security-Policy allows
scripts only from this app and from ``<script nonce=…>`` blocks the app wrote
itself, so a ``<script>`` or ``onerror=`` smuggled into a name or description
could not run even if it escaped escaping.  ``frame-ancestors 'none'`` (and
``X-Frame-Options``) stop other sites from framing the pages.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request

__all__ = ["init_app", "csp_nonce", "content_security_policy"]


def init_app(app: Flask) -> None:
    """Add the headers to every response and ``csp_nonce()`` to the templates."""
    app.after_request(_add_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def csp_nonce() -> str:
    """This request's nonce for inline ``<script>`` blocks."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def content_security_policy(nonce: str, tile_origin: str | None) -> str:
    """The policy: only our own scripts and styles, images also from the tile server.

    >>> content_security_policy("abc", None).split("; ")[:2]
    ["default-src 'self'", "script-src 'self' 'nonce-abc'"]
    """
    images = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            # Leaflet positions tiles and markers with inline style attributes.
            "style-src 'self' 'unsafe-inline'",
            f"img-src {images}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _add_headers(response: Response) -> Response:
    tiles = current_app.config["TILE_LAYER"]
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        content_security_policy(csp_nonce(), tiles.origin if tiles else None),
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    # Location for the residents' "use my location" (sent only with their search), from
    # this site only; no camera, no microphone.
    headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
    if request.method == "POST":
        # A result page holds a client's profile: keep it out of every cache.
        headers["Cache-Control"] = "no-store"
    return response
