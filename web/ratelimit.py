"""The app's one rate limiter (Flask-Limiter) and counted attempts, e.g. failed logins.

:data:`limiter` is the Flask-Limiter instance of the app: a blueprint limits a
view with ``@limiter.limit("10 per minute")`` (keyed by the client's address,
which :mod:`web.deploy` makes trustworthy behind proxies).  :class:`Attempts`
counts events under named keys — a login counts each failure against the
account and against the address — and says when a key has had too many.

The counters live in ``RATELIMIT_STORAGE_URI`` (``SOCIALMAP_RATELIMIT_STORAGE_URI``):
``memory://`` by default, which counts per process; behind several gunicorn
workers use a shared store (``redis://…`` or ``memcached://…``) so that every
worker sees the same counts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse

__all__ = ["limiter", "init_app", "Attempts"]

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", headers_enabled=False)


def init_app(app: Flask) -> None:
    """Bind the limiter to ``app`` (``RATELIMIT_STORAGE_URI`` chooses where counts live)."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)


@dataclass(frozen=True)
class Attempts:
    """At most ``limit`` (``"5 per 15 minutes"``) events per key; ``name`` keeps kinds apart."""

    name: str
    limit: str

    @property
    def item(self) -> RateLimitItem:
        """The parsed limit."""
        return parse(self.limit)

    def blocked(self, key: str) -> int:
        """Seconds until ``key`` may try again (0: it may now)."""
        strategy = limiter.limiter
        if strategy.test(self.item, self.name, key):
            return 0
        stats = strategy.get_window_stats(self.item, self.name, key)
        return max(1, int(stats.reset_time - time.time()) + 1)

    def count(self, key: str) -> None:
        """Count one event of ``key``."""
        limiter.limiter.hit(self.item, self.name, key)

    def forget(self, key: str) -> None:
        """Start ``key`` afresh (after a successful login)."""
        limiter.limiter.clear(self.item, self.name, key)
