"""gzip for what a resident's phone downloads: the scripts, styles, map data and pages.

Leaflet alone is 145 KB as sent without compression, 42 KB with it; a phone on a
slow network feels the difference.  Only answers to GET that hold no secret are
compressed (the static files, the map's GeoJSON and the API's JSON, the
residents' pages but the next-step answers): a compressed page that mixes a
CSRF token with text from the URL could leak the token (BREACH).
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

__all__ = ["init_app", "COMPRESSED_TYPES"]

#: Media types worth compressing (images here are SVG, already small, or PNG).
COMPRESSED_TYPES = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "image/svg+xml",
    }
)
_MIN_BYTES = 1024
_LEVEL = 6
_SECRET_ENDPOINTS = frozenset({"residents.next_step"})


def init_app(app: Flask) -> None:
    """Compress the answers described in the module docstring."""
    app.after_request(_compress)


def _eligible(response: Response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if "gzip" not in request.headers.get("Accept-Encoding", "").lower():
        return False
    if response.mimetype not in COMPRESSED_TYPES:
        return False
    if response.is_streamed and not response.direct_passthrough:
        return False  # a generator (NDJSON): sent as it is made
    if "Content-Encoding" in response.headers or "Content-Range" in response.headers:
        return False
    endpoint = request.endpoint or ""
    return endpoint == "static" or (
        endpoint.split(".")[0] in {"residents", "api"} and endpoint not in _SECRET_ENDPOINTS
    )


def _compress(response: Response) -> Response:
    response.vary.add("Accept-Encoding")
    if not _eligible(response):
        return response
    response.direct_passthrough = False  # a static file: read it to compress it
    source = response.response
    body = response.get_data()
    close = getattr(source, "close", None)
    if close is not None:
        close()  # the static file read above
    if len(body) < _MIN_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=_LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, _weak = response.get_etag()
    if etag:  # the same content in another encoding: a weak validator (revalidation still 304s)
        response.set_etag(etag, weak=True)
    return response
